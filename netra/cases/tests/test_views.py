"""Officer pages: the queue (filters, htmx partial, flags) and the handling page (forms, refusals as
messages with 4xx, never a 500), documents and the public verification page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from netra.accounts.tests import factories
from netra.cases import actions, services
from netra.cases.models import Case, CaseStatus, IssuedDocument

from .conftest import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client, samarinda):
    client.force_login(samarinda)
    return client


def test_queue_lists_own_cases_most_urgent_first_with_overdue_flag(officer_client, kukar):
    late = make_case(received_at=timezone.now() - dt.timedelta(days=6))
    soon = make_case()
    make_case(agency="PEMKAB-64.02")  # Kutai Kartanegara's
    page = officer_client.get(reverse("cases:queue"))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index(late.code) < html.index(soon.code)
    assert 'data-overdue="1"' in html
    assert html.count('data-testid="queue-row"') == 2


def test_queue_filters_and_htmx_returns_the_table_partial_only(officer_client):
    pemilu = make_case(election="pemilu-2024")
    pilkada = make_case()
    url = reverse("cases:queue") + "?election=pemilu-2024"
    page = officer_client.get(url, HTTP_HX_REQUEST="true")
    html = page.content.decode()
    assert pemilu.code in html and pilkada.code not in html
    assert "<html" not in html and 'id="queue-table"' in html
    page = officer_client.get(reverse("cases:queue") + "?due=none&status=all")
    assert pemilu.code not in page.content.decode()
    elsewhere = make_case(region="64.72.02")
    html = officer_client.get(reverse("cases:queue") + "?region=64.72.01").content.decode()
    assert pilkada.code in html and elsewhere.code not in html
    html = officer_client.get(reverse("cases:queue") + "?region=64.72").content.decode()
    assert pilkada.code in html and elsewhere.code in html
    html = officer_client.get(reverse("cases:queue") + "?agency=pemkot-64.72").content.decode()
    assert pilkada.code in html
    html = officer_client.get(reverse("cases:queue") + "?violation=DS-01").content.decode()
    assert 'data-testid="queue-empty"' in html


def test_queue_ignores_bad_filter_values(officer_client):
    make_case()
    page = officer_client.get(reverse("cases:queue") + "?status=nonsense&due=x&page=-3&election=zz")
    assert page.status_code == 200


def test_only_bawaslu_officers_see_the_queue(client):
    client.force_login(factories.analyst())
    assert client.get(reverse("cases:queue")).status_code == 403
    client.logout()
    assert client.get(reverse("cases:queue")).status_code == 302


def test_case_page_offers_only_the_allowed_steps(officer_client):
    case = make_case()
    html = officer_client.get(reverse("cases:case", args=[case.code])).content.decode()
    assert 'data-action="start_review"' in html and 'data-action="register"' not in html
    assert f'href="/cases/{case.code}/"' in html


def test_a_foreign_case_is_not_found(officer_client):
    case = make_case(agency="PEMKAB-64.02")
    assert officer_client.get(reverse("cases:case", args=[case.code])).status_code == 404
    url = reverse("cases:act", args=[case.code, "start_review"])
    assert officer_client.post(url).status_code == 404


def test_a_step_posts_and_redirects(officer_client):
    case = make_case()
    response = officer_client.post(reverse("cases:act", args=[case.code, "start_review"]))
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).status == CaseStatus.INITIAL_REVIEW


def test_an_illegal_step_is_refused_with_a_message_and_409(officer_client):
    case = make_case()
    response = officer_client.post(
        reverse("cases:act", args=[case.code, "register"]), {"reason": "x"}
    )
    assert response.status_code == 409
    assert "is not possible" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED


def test_missing_input_is_a_400_with_the_form(officer_client, samarinda):
    case = services.start_review(case=make_case(), actor=samarinda)
    response = officer_client.post(reverse("cases:act", args=[case.code, "decline"]), {})
    assert response.status_code == 400
    assert Case.objects.get(pk=case.pk).status == CaseStatus.INITIAL_REVIEW
    response = officer_client.post(reverse("cases:act", args=[case.code, "nonsense"]), {})
    assert response.status_code == 404


def test_decision_form_and_bad_dates(officer_client, samarinda):
    case = make_case()
    for step in ("start_review", "register"):
        actions.perform(step, case=case, actor=samarinda, inputs=actions.Inputs())
        case.refresh_from_db()
    person = case.reported_persons.get()
    url = reverse("cases:act", args=[case.code, "decide"])
    bad = officer_client.post(url, {"decided_on": "2024-99-99", f"proven_{person.pk}": "yes"})
    assert bad.status_code == 400
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    refused = officer_client.post(url, {"decided_on": future, f"proven_{person.pk}": "no"})
    assert refused.status_code == 400 and "future" in refused.content.decode()
    ok = officer_client.post(
        url,
        {
            "decided_on": timezone.localdate().isoformat(),
            f"proven_{person.pk}": "yes",
            f"violations_{person.pk}": ["DS-01"],
        },
    )
    assert ok.status_code == 302
    assert Case.objects.get(pk=case.pk).status == CaseStatus.DECIDED


def test_hand_up_redirects_to_the_queue_when_the_case_leaves_the_office(officer_client):
    case = make_case()
    response = officer_client.post(
        reverse("cases:act", args=[case.code, "hand_over"]),
        {"direction": "up", "reason": "Provincial official"},
    )
    assert response.status_code == 302 and response.url == reverse("cases:queue")


def test_notes_by_htmx_return_the_notes_partial(officer_client):
    case = make_case()
    response = officer_client.post(
        reverse("cases:note", args=[case.code]), {"body": "Check the CCTV."}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Check the CCTV." in html and "<html" not in html


def test_documents_are_issued_downloaded_and_verified_publicly(officer_client, client):
    case = make_case()
    response = officer_client.post(reverse("cases:issue", args=[case.code]), {"kind": "receipt"})
    assert response.status_code == 302
    document = IssuedDocument.objects.get(case=case)
    assert document.number == f"TT-0001/{case.jurisdiction_code}/{timezone.localdate().year}"
    pdf = officer_client.get(reverse("cases:document", args=[case.code, document.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # Not yet registered: no notice of registration.
    refused = officer_client.post(
        reverse("cases:issue", args=[case.code]), {"kind": "registration"}
    )
    assert refused.status_code == 400
    client.logout()
    page = client.get(reverse("verify:document", args=[document.token]))
    html = page.content.decode()
    assert page.status_code == 200 and document.number in html
    for private in (case.code, case.reported_persons.get().name, case.summary):
        assert private not in html
    assert client.get(reverse("verify:document", args=["forged"])).status_code == 404
