"""The staff API: bearer tokens, the scoped queue, workflow steps, and every documented error."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from netra.accounts.tests import factories
from netra.accounts.tokens import issue_token
from netra.cases.models import Case, CaseStatus

from .conftest import make_case

pytestmark = pytest.mark.django_db
BASE = "/api/v1/handling"


@pytest.fixture
def api(samarinda):
    token, _row = issue_token(user=samarinda, name="test")
    return Client(headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"})


def post(api, path, body):
    return api.post(f"{BASE}{path}", body, content_type="application/json")


def test_no_token_or_a_wrong_token_is_401(client):
    assert client.get(f"{BASE}/cases").status_code == 401
    bad = Client(headers={"Authorization": "Bearer ntr_forged"})
    assert bad.get(f"{BASE}/cases").status_code == 401


def test_a_revoked_token_no_longer_works(samarinda):
    token, row = issue_token(user=samarinda, name="old")
    row.revoked_at = timezone.now()
    row.save()
    assert (
        Client(headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"})
        .get(f"{BASE}/cases")
        .status_code
        == 401
    )


def test_the_queue_is_scoped_sorted_and_filtered(api):
    late = make_case(received_at=timezone.now() - dt.timedelta(days=5))
    soon = make_case(election="pemilu-2024")
    make_case(agency="PEMKAB-64.02")
    body = api.get(f"{BASE}/cases").json()
    assert [r["code"] for r in body["results"]] == [late.code, soon.code]
    assert body["results"][0]["overdue"] is True and body["has_next"] is False
    only = api.get(f"{BASE}/cases", {"election": "pemilu-2024"}).json()["results"]
    assert [r["code"] for r in only] == [soon.code]
    assert api.get(f"{BASE}/cases", {"per_page": 1}).json()["has_next"] is True
    assert api.get(f"{BASE}/cases", {"per_page": 0}).status_code == 422
    assert api.get(f"{BASE}/cases", {"due": "later"}).status_code == 422
    assert api.get(f"{BASE}/cases", {"page": 10**30}).status_code == 422


def test_a_step_returns_the_case_with_its_deadline_and_next_steps(api):
    case = make_case()
    response = post(api, f"/cases/{case.code}/transitions", {"action": "start_review"})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "initial_review"
    assert body["deadline"]["rule"] == "K2" and body["deadline"]["statutory"] is True
    assert [a["action"] for a in body["allowed_actions"]][:2] == ["register", "decline"]


def test_an_illegal_step_is_409_and_bad_input_400_or_422(api, samarinda):
    case = make_case()
    response = post(api, f"/cases/{case.code}/transitions", {"action": "register"})
    assert response.status_code == 409 and "is not possible" in response.json()["detail"]
    assert post(api, f"/cases/{case.code}/transitions", {"action": "fly"}).status_code == 422
    assert (
        post(api, f"/cases/{case.code}/transitions", {"action": "close", "x": 1}).status_code == 422
    )
    response = api.post(
        f"{BASE}/cases/{case.code}/transitions", "{not json", content_type="application/json"
    )
    assert response.status_code in (400, 422)
    post(api, f"/cases/{case.code}/transitions", {"action": "start_review"})
    response = post(api, f"/cases/{case.code}/transitions", {"action": "decline", "reason": " "})
    assert response.status_code == 400
    assert Case.objects.get(pk=case.pk).status == CaseStatus.INITIAL_REVIEW


def test_unknown_or_foreign_cases_are_404_and_other_roles_403(api):
    foreign = make_case(agency="PEMKAB-64.02")
    assert api.get(f"{BASE}/cases/{foreign.code}").status_code == 404
    assert post(api, "/cases/NOPE/transitions", {"action": "close"}).status_code == 404
    analyst = factories.analyst()
    token, _row = issue_token(user=analyst, name="bkn")
    bkn = Client(headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"})
    forwarded = make_case(status=CaseStatus.FORWARDED, forwarded_at=timezone.now())
    assert bkn.get(f"{BASE}/cases/{forwarded.code}").status_code == 200
    response = post(bkn, f"/cases/{forwarded.code}/transitions", {"action": "close", "reason": "x"})
    assert response.status_code == 403


def test_out_of_range_ids_are_422_not_a_database_error(api):
    case = make_case()
    for body in ({"report_ids": [2**63], "reason": "x"}, {"person_ids": [0], "reason": "x"}):
        assert post(api, f"/cases/{case.code}/split", body).status_code == 422
    decision = {"decided_on": "2024-11-29", "findings": [{"person_id": 2**70, "proven": False}]}
    assert post(api, f"/cases/{case.code}/decision", decision).status_code == 422


def test_decision_hand_over_merge_and_split_endpoints(api, samarinda):
    case = make_case(persons=2, reports=2)
    for action in ("start_review", "register"):
        assert post(api, f"/cases/{case.code}/transitions", {"action": action}).status_code == 200
    other = make_case()
    post(api, f"/cases/{other.code}/transitions", {"action": "start_review"})
    merged = post(api, f"/cases/{case.code}/merge", {"other_codes": [other.code], "reason": "dup"})
    assert merged.status_code == 200 and len(merged.json()["report_ids"]) == 3
    persons = merged.json()["persons"]
    split = post(
        api, f"/cases/{case.code}/split", {"person_ids": [persons[-1]["id"]], "reason": "other"}
    )
    assert split.status_code == 200 and split.json()["code"] != case.code
    persons = api.get(f"{BASE}/cases/{case.code}").json()["persons"]
    findings = [
        {"person_id": p["id"], "proven": True, "violation_codes": ["ds-01"]} for p in persons
    ]
    today = timezone.localdate().isoformat()
    wrong = post(
        api, f"/cases/{case.code}/decision", {"decided_on": today, "findings": findings[:1]}
    )
    assert wrong.status_code == (400 if len(persons) > 1 else 200)
    decided = post(api, f"/cases/{case.code}/decision", {"decided_on": today, "findings": findings})
    assert decided.status_code == 200 and decided.json()["status"] == "decided"
    up = post(api, f"/cases/{case.code}/hand-over", {"direction": "up", "reason": "x"})
    assert up.status_code == 409  # decided cases stay where they were decided
    forwarded = post(api, f"/cases/{case.code}/transitions", {"action": "forward"})
    assert forwarded.status_code == 200 and forwarded.json()["forwarded_to"] == "BKN"


def test_the_openapi_document_has_examples_and_every_error(client):
    schema = client.get("/api/openapi.json").json()
    ops = {
        (path, method): op
        for path, methods in schema["paths"].items()
        if path.startswith("/api/v1/handling/")
        for method, op in methods.items()
    }
    assert len(ops) == 7
    for (path, method), op in ops.items():
        assert {"200", "400", "401", "403", "404", "409", "422"} <= set(op["responses"]), path
        if method == "post":
            examples = op["requestBody"]["content"]["application/json"]["examples"]
            assert examples, path
