"""The PPK's API: the inbox, the decree as multipart with its PDF, the contest; refusals by status."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from netra.accounts.tokens import issue_token
from netra.api import api
from netra.sanctions.api_schemas_ppk import CONTEST_EXAMPLE, SANCTION_EXAMPLE
from netra.sanctions.models import Contest, Recommendation, Sanction

from .. import ppk_factories as f

pytestmark = pytest.mark.django_db
S = Recommendation.Status
BASE = "/api/v1/sanctions/ppk/recommendations"


def _auth(user):
    token, _row = issue_token(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def _decree(**overrides):
    data = {
        "sanction": "HD-B3",
        "decree_number": "800/5/BKPSDM/2024",
        "imposed_on": timezone.localdate().isoformat(),
        "decree_scan": f.pdf(),
    }
    return {**data, **overrides}


def test_the_inbox_lists_own_agency_open_first(client, officer, kaltim_officer, ppk):
    case = f.forwarded_case(officer, persons=2)
    first, second = case.reported_persons.order_by("pk")
    today = timezone.localdate()
    late = f.recommendation(case, second, due_on=today - dt.timedelta(days=1))
    soon = f.recommendation(case, first, due_on=today + dt.timedelta(days=3))
    f.recommendation(f.forwarded_case(kaltim_officer, agency="PEMPROV-64"))
    body = client.get(BASE, **_auth(ppk)).json()
    assert [r["number"] for r in body["results"]] == [late.number, soon.number]
    assert body["results"][0]["overdue"] and not body["results"][1]["overdue"]
    assert body["results"][0]["article"].startswith("PP 94/2021")
    assert client.get(f"{BASE}?state=done", **_auth(ppk)).json()["count"] == 0


def test_other_roles_get_403(client, officer, analyst):
    rec = f.recommendation(f.forwarded_case(officer))
    assert client.get(BASE, **_auth(analyst)).status_code == 403
    response = client.post(f"{BASE}/{rec.pk}/contest", {"reasons": "x"}, "application/json",
                           **_auth(analyst))  # fmt: skip
    assert response.status_code == 403 and "detail" in response.json()
    assert client.get(BASE).status_code == 401


def test_recording_the_decree_as_multipart(client, officer, ppk):
    rec = f.recommendation(f.forwarded_case(officer))
    response = client.post(f"{BASE}/{rec.pk}/sanction", _decree(), **_auth(ppk))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == S.FOLLOWED_UP and body["case_closed"] and body["flag"] == ""
    assert len(body["decree_sha256"]) == 64


@pytest.mark.parametrize(
    ("overrides", "status", "message"),
    [
        ({"sanction": "NOPE"}, 400, "Unknown sanction"),
        ({"sanction": "HD-R1"}, 400, "not allowed by the violation catalogue"),
        ({"imposed_on": "2000-01-01"}, 400, "before the recommendation"),
        ({"decree_scan": f.pdf("sk.pdf", b"<html>not a pdf</html>")}, 400, "not a PDF"),
    ],
)
def test_refusals_write_nothing(client, officer, ppk, overrides, status, message):
    rec = f.recommendation(f.forwarded_case(officer))
    response = client.post(f"{BASE}/{rec.pk}/sanction", _decree(**overrides), **_auth(ppk))
    assert response.status_code == status
    assert message in response.json()["detail"]
    assert not Sanction.objects.exists()
    rec.refresh_from_db()
    assert rec.status == S.ISSUED


def test_another_agency_and_a_second_decree(client, officer, ppk, other_ppk):
    rec = f.recommendation(f.forwarded_case(officer))
    url = f"{BASE}/{rec.pk}/sanction"
    assert client.post(url, _decree(), **_auth(other_ppk)).status_code == 404
    assert client.post(url, _decree(), **_auth(ppk)).status_code == 200
    again = client.post(url, _decree(decree_number="800/6/2024"), **_auth(ppk))
    assert again.status_code == 409
    assert Sanction.objects.count() == 1


def test_contest_and_the_documented_examples(client, officer, ppk):
    rec = f.recommendation(f.forwarded_case(officer), issued_on=dt.date(2024, 11, 20))
    url = f"{BASE}/{rec.pk}/contest"
    response = client.post(url, CONTEST_EXAMPLE, "application/json", **_auth(ppk))
    assert response.status_code == 200 and response.json()["status"] == S.CONTESTED
    assert Contest.objects.get().reasons == CONTEST_EXAMPLE["reasons"]
    # The decree example is valid input: refused here only because the recommendation is contested.
    other = f.recommendation(
        f.forwarded_case(officer, codes=("DS-13",)),
        issued_on=dt.date(2025, 1, 28),
        level="sedang",
        sanction=SANCTION_EXAMPLE["sanction"],
    )
    data = {**SANCTION_EXAMPLE, "decree_scan": f.pdf()}
    assert client.post(f"{BASE}/{other.pk}/sanction", data, **_auth(ppk)).status_code == 200


def test_the_operations_are_documented_with_errors_and_examples():
    paths = api.get_openapi_schema()["paths"]
    sanction = paths["/api/v1/sanctions/ppk/recommendations/{rec_id}/sanction"]["post"]
    content = sanction["requestBody"]["content"]["multipart/form-data"]
    assert "decree_scan" in content["schema"]["properties"] or content["schema"].get("$ref")
    assert content["examples"]["as_recommended"]["value"] == SANCTION_EXAMPLE
    for status in ("400", "403", "404", "409", "422"):
        assert status in {str(s) for s in sanction["responses"]}
