"""The PPK's pages: the inbox scoped to the agency and ordered by urgency, the recommendation page
(what the PPK may read of the case, and what not), the decree and contest forms, the home page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from netra.accounts.tests import factories
from netra.cases.models import CaseStatus
from netra.sanctions.models import Block, Recommendation, Sanction

from .. import ppk_factories as f

pytestmark = pytest.mark.django_db
S = Recommendation.Status
TODAY = timezone.localdate()


def _login(client, user):
    client.force_login(user)
    return client


def _numbers(response):
    return [r.number for r in response.context["inbox"].open.object_list]


def test_inbox_shows_own_agency_only_open_first_most_overdue_first(
    client, officer, kaltim_officer, ppk
):
    case = f.forwarded_case(officer, persons=3)
    a, b, c = case.reported_persons.order_by("pk")
    later = f.recommendation(case, a, due_on=TODAY + dt.timedelta(days=5))
    overdue = f.recommendation(case, b, due_on=TODAY - dt.timedelta(days=2))
    done = f.recommendation(case, c, status=S.FOLLOWED_UP, settled_at=timezone.now())
    Block.objects.create(
        recommendation=overdue, blocked_on=TODAY, letter_number="BLK/9", blocked_by=officer
    )
    foreign = f.recommendation(f.forwarded_case(kaltim_officer, agency="PEMPROV-64"))
    response = _login(client, ppk).get(reverse("sanctions:ppk-inbox"))
    assert response.status_code == 200
    assert _numbers(response) == [overdue.number, later.number]
    assert [r.number for r in response.context["inbox"].done.object_list] == [done.number]
    body = response.content.decode()
    assert foreign.number not in body
    assert 'data-testid="overdue"' in body and 'data-testid="blocked"' in body
    assert a.name in body and a.nip in body and "PP 94/2021" in body  # person, form, article


def test_inbox_queries_do_not_grow_with_rows(client, officer, ppk):
    case = f.forwarded_case(officer, persons=6)
    persons = list(case.reported_persons.order_by("pk"))
    f.recommendation(case, persons[0])
    client = _login(client, ppk)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("sanctions:ppk-inbox"))
    for person in persons[1:]:
        f.recommendation(case, person)
    with CaptureQueriesContext(connection) as six:
        client.get(reverse("sanctions:ppk-inbox"))
    assert len(six) == len(one)


@pytest.mark.parametrize("role", ["analyst", "officer", "admin"])
def test_the_inbox_is_for_ppk_only(client, officer, analyst, role):
    user = {
        "analyst": analyst,
        "officer": officer,
        "admin": factories.agency_admin("admin.samarinda"),
    }[role]
    assert _login(client, user).get(reverse("sanctions:ppk-inbox")).status_code == 403


def test_recommendation_page_shows_this_person_only_never_the_reporter(client, officer, ppk):
    case = f.forwarded_case(officer, persons=2, proven=(True, False))
    guilty, cleared = case.reported_persons.order_by("pk")
    rec = f.recommendation(case, guilty)
    client = _login(client, ppk)
    for ref in (rec.number, str(rec.pk)):
        response = client.get(reverse("sanctions:ppk-recommendation", args=[ref]))
        assert response.status_code == 200
    body = response.content.decode()
    assert guilty.name in body and "DS-01" in body
    assert cleared.name not in body
    assert case.summary not in body  # the officers' summary may name others
    report = case.reports.get()
    assert report.reporter_pseudonym not in body and report.description not in body
    assert 'data-testid="rec-allowed"' in body and "PP 94/2021 Pasal 8 ayat (4)" in body


def test_another_agencys_recommendation_is_404(client, officer, other_ppk):
    rec = f.recommendation(f.forwarded_case(officer))
    client = _login(client, other_ppk)
    assert client.get(reverse("sanctions:ppk-recommendation", args=[rec.pk])).status_code == 404
    response = client.post(
        reverse("sanctions:ppk-contest", args=[rec.pk]), {"reasons": "Not ours."}
    )
    assert response.status_code == 404
    rec.refresh_from_db()
    assert rec.status == S.ISSUED


def _decree(**overrides):
    data = {
        "sanction_type": "",
        "decree_number": "800/1/BKPSDM/2024",
        "imposed_on": TODAY.isoformat(),
        "decree_scan": f.pdf(),
        "reason": "",
    }
    return {**data, **overrides}


def test_recording_through_the_page(client, officer, ppk):
    case = f.forwarded_case(officer)
    rec = f.recommendation(case)
    client = _login(client, ppk)
    data = _decree(sanction_type=rec.recommended_sanction_id)
    response = client.post(reverse("sanctions:ppk-record", args=[rec.pk]), data)
    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.status == S.FOLLOWED_UP
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    page = client.get(reverse("sanctions:ppk-recommendation", args=[rec.pk]))
    assert 'data-testid="rec-sanction"' in page.content.decode()
    assert 'data-testid="record-form"' not in page.content.decode()
    scan = client.get(reverse("sanctions:ppk-decree", args=[rec.pk]))
    assert scan.status_code == 200 and b"".join(scan.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"imposed_on": (TODAY + dt.timedelta(days=1)).isoformat()}, "future"),
        ({"decree_scan": f.pdf("sk.pdf", b"GIF89a not a pdf")}, "not a PDF"),
    ],
)
def test_refused_decrees_come_back_with_the_message(client, officer, ppk, overrides, message):
    rec = f.recommendation(f.forwarded_case(officer))
    data = _decree(sanction_type=rec.recommended_sanction_id, **overrides)
    response = _login(client, ppk).post(reverse("sanctions:ppk-record", args=[rec.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Sanction.objects.exists()


def test_a_second_decree_through_the_page_is_409(client, officer, ppk):
    rec = f.recommendation(f.forwarded_case(officer))
    client = _login(client, ppk)
    url = reverse("sanctions:ppk-record", args=[rec.pk])
    assert client.post(url, _decree(sanction_type=rec.recommended_sanction_id)).status_code == 302
    again = client.post(url, _decree(sanction_type=rec.recommended_sanction_id, decree_number="X"))
    assert again.status_code == 409
    assert Sanction.objects.count() == 1


def test_the_indonesian_page_refuses_in_indonesian(client, officer, ppk, settings):
    rec = f.recommendation(f.forwarded_case(officer))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    data = _decree(
        sanction_type=rec.recommended_sanction_id,
        imposed_on=(TODAY + dt.timedelta(days=1)).isoformat(),
    )
    response = _login(client, ppk).post(reverse("sanctions:ppk-record", args=[rec.pk]), data)
    assert response.status_code == 400
    assert "Tanggal keputusan tidak boleh di masa depan." in response.content.decode()


def test_contest_through_the_page(client, officer, ppk):
    rec = f.recommendation(f.forwarded_case(officer))
    client = _login(client, ppk)
    response = client.post(reverse("sanctions:ppk-contest", args=[rec.pk]), {"reasons": "Retired."})
    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.status == S.CONTESTED
    empty = client.post(reverse("sanctions:ppk-contest", args=[rec.pk]), {"reasons": ""})
    assert empty.status_code == 400


def test_home_page_links_the_inbox(client, officer, ppk):
    rec = f.recommendation(f.forwarded_case(officer))
    body = _login(client, ppk).get(reverse("web:home")).content.decode()
    assert reverse("sanctions:ppk-inbox") in body and rec.number in body
