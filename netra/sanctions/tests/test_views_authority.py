"""The authority's pages: who may open them, the case file without the reporter's identity, the
recommendation form offering only allowed sanctions, refusals as 4xx with the message, the
hand-over's dry run and confirmation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from netra.cases.models import Clarification, IssuedDocument
from netra.sanctions.models import Block, Handover, Recommendation
from netra.sanctions.services.recommending import issue_recommendation

from .conftest import forwarded_case, proven_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst_client(client, bkn):
    client.force_login(bkn)
    return client


def test_the_bkn_home_page_links_to_the_inbox(analyst_client):
    html = analyst_client.get(reverse("web:home")).content.decode()
    assert reverse("sanctions:authority-inbox") in html


def test_inbox_lists_the_authoritys_cases_oldest_forward_first(analyst_client):
    newer = forwarded_case(forwarded_on=timezone.localdate() - dt.timedelta(days=2))
    older = forwarded_case(forwarded_on=timezone.localdate() - dt.timedelta(days=9))
    kasn = forwarded_case(authority="KASN", forwarded_on=dt.date(2024, 8, 1))
    html = analyst_client.get(reverse("sanctions:authority-inbox")).content.decode()
    assert html.index(older.code) < html.index(newer.code)
    assert kasn.code not in html
    assert "no statutory basis" in html
    partial = analyst_client.get(
        reverse("sanctions:authority-inbox") + "?tab=overdue", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in partial and 'data-tab="overdue"' in partial


@pytest.mark.parametrize("who", ["officer", "ppk"])
def test_bawaslu_officers_and_ppks_get_no_authority_page(client, request, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    case = forwarded_case()
    person = proven_person(case)
    inbox = client.get(reverse("sanctions:authority-inbox"))
    if who == "ppk":  # a PPK who types /sanctions/ lands on their own inbox
        assert inbox.status_code == 302 and inbox.url == reverse("sanctions:ppk-inbox")
    else:
        assert inbox.status_code == 403
    urls = [
        reverse("sanctions:authority-case", args=[case.code]),
        reverse("sanctions:authority-handover"),
    ]
    for url in urls:
        assert client.get(url).status_code == 403
    post = reverse("sanctions:authority-recommend", args=[case.code, person.pk])
    assert client.post(post, {"level": "berat", "reasoning": "x"}).status_code == 403
    assert not Recommendation.objects.exists()


def test_the_case_file_shows_decisions_and_letters_but_never_the_reporter(analyst_client, officer):
    case = forwarded_case(unproven=1)
    now = timezone.now()
    common = {"case": case, "invited_by": officer, "invited_at": now, "scheduled_at": now}
    Clarification.objects.create(
        **common, invitee_name="Siti Pelapor Rahasia", invitee_role="reporter", place="Kantor",
        statements="Saya melihat sendiri.",
    )  # fmt: skip
    Clarification.objects.create(
        **common, invitee_name="Budi Saksi", invitee_role="witness", place="Kantor",
        attendees="Budi Saksi, saksi\nSiti Pelapor Rahasia, pelapor", statements="Benar ada.",
    )  # fmt: skip
    page = analyst_client.get(reverse("sanctions:authority-case", args=[case.code]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Siti Pelapor Rahasia" not in html and "Saya melihat sendiri" not in html
    assert "Budi Saksi" in html and "Benar ada." in html
    assert "DS-01" in html and "skb-5kl-2022" in html
    assert 'data-testid="evidence"' in html
    assert html.count('data-testid="finding"') == 2
    assert html.count('data-testid="recommend"') == 1  # the proven person only


def test_another_authoritys_case_is_a_404(analyst_client):
    kasn = forwarded_case(authority="KASN", forwarded_on=dt.date(2024, 8, 1))
    assert (
        analyst_client.get(reverse("sanctions:authority-case", args=[kasn.code])).status_code == 404
    )
    person = proven_person(kasn)
    url = reverse("sanctions:authority-recommend", args=[kasn.code, person.pk])
    assert analyst_client.post(url, {"level": "berat", "reasoning": "x"}).status_code == 404


def test_the_form_offers_only_allowed_sanctions_with_their_article(analyst_client):
    case = forwarded_case()
    person = proven_person(case)
    url = reverse("sanctions:authority-recommend", args=[case.code, person.pk])
    html = analyst_client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in html
    assert 'data-sanction="HD-B1"' in html and "PP 94/2021" in html
    assert 'value="ringan"' not in html and "HD-R1" not in html


def test_issuing_from_the_page_and_downloading_the_letter(analyst_client, bkn):
    case = forwarded_case()
    person = proven_person(case)
    url = reverse("sanctions:authority-recommend", args=[case.code, person.pk])
    refused = analyst_client.post(url, {"level": "ringan", "reasoning": "Terbukti."})
    assert refused.status_code == 400 and not Recommendation.objects.exists()
    done = analyst_client.post(url, {"level": "berat", "reasoning": "Terbukti."})
    assert done.status_code == 302
    rec = Recommendation.objects.get()
    assert rec.letter is not None
    pdf = analyst_client.get(
        reverse("sanctions:authority-document", args=[case.code, rec.letter.pk])
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    again = analyst_client.post(url, {"level": "berat", "reasoning": "Terbukti."})
    assert again.status_code == 409 and Recommendation.objects.count() == 1
    receipt = IssuedDocument.objects.create(
        case=case, kind="receipt", number="TT-1", issued_on=timezone.localdate(),
        issuing_office="Bawaslu", token="t1", html="<p>x</p>", sha256="0", issued_by=bkn,
        issued_at=timezone.now(),
    )  # fmt: skip
    hidden = reverse("sanctions:authority-document", args=[case.code, receipt.pk])
    assert analyst_client.get(hidden).status_code == 404


def test_block_on_a_recommendation_not_overdue_is_refused_on_the_page(analyst_client, bkn):
    case = forwarded_case()
    rec = issue_recommendation(
        person=proven_person(case), actor=bkn, level="berat", reasoning="Terbukti."
    )
    url = reverse("sanctions:authority-block", args=[rec.pk])
    today = timezone.localdate().isoformat()
    response = analyst_client.post(url, {"blocked_on": today, "letter_number": "B-1"})
    assert response.status_code == 409 and b"has not run out" in response.content
    assert not Block.objects.exists()
    bad = analyst_client.post(url, {"blocked_on": "", "letter_number": ""})
    assert bad.status_code == 400


def test_the_handover_page_dry_runs_then_confirms(analyst_client):
    waiting = forwarded_case(authority="KASN", forwarded_on=dt.date(2024, 8, 20))
    url = reverse("sanctions:authority-handover")
    args = {"from_authority": "KASN", "to_authority": "BKN", "effective_on": "2024-09-04"}
    dry = analyst_client.get(url, args)
    assert dry.status_code == 200 and waiting.code in dry.content.decode()
    assert not Handover.objects.exists()
    same = analyst_client.get(url, {**args, "from_authority": "BKN"})
    assert same.status_code == 400 and b"another authority" in same.content
    done = analyst_client.post(url, {**args, "confirm": "1"})
    assert done.status_code == 200 and Handover.objects.count() == 1
    inbox = analyst_client.get(reverse("sanctions:authority-inbox")).content.decode()
    assert waiting.code in inbox


def test_the_inbox_costs_the_same_queries_for_one_row_or_many(
    analyst_client, bkn, django_assert_max_num_queries
):
    def issue(case):
        issue_recommendation(
            person=proven_person(case), actor=bkn, level="berat", reasoning="Terbukti."
        )

    forwarded_case(), issue(forwarded_case())
    urls = [
        reverse("sanctions:authority-inbox") + f"?tab={t}" for t in ("to_recommend", "awaiting")
    ]
    with django_assert_max_num_queries(14) as few:
        for url in urls:
            analyst_client.get(url)
    for _ in range(6):
        forwarded_case(proven=2)
        issue(forwarded_case())
    with django_assert_max_num_queries(len(few.captured_queries)):
        for url in urls:
            analyst_client.get(url)
