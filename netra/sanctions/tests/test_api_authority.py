"""The authority's staff API: the inbox, the recommendation, block, escalation and contest answer,
with the documented errors; every request body example is replayed here on a forwarded case."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from netra.accounts.tokens import issue_token
from netra.sanctions.api_authority import router
from netra.sanctions.models import Block, Recommendation

from .conftest import forwarded_case, proven_person

pytestmark = pytest.mark.django_db
BASE = "/api/v1/sanctions/authority"


def _client(user) -> Client:
    token, _row = issue_token(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"})


def _post(client, path, body):
    return client.post(BASE + path, json.dumps(body), content_type="application/json")


@pytest.fixture
def api(bkn):
    return _client(bkn)


def test_forwards_list_only_the_authoritys_cases_to_recommend(api):
    mine = forwarded_case()
    forwarded_case(authority="KASN", forwarded_on=dt.date(2024, 8, 1))
    body = api.get(BASE + "/forwards").json()
    assert [r["case"] for r in body["results"]] == [mine.code]
    assert body["results"][0]["persons"][0]["id"] == proven_person(mine).pk
    assert body["results"][0]["service_level_days"] == 30


@pytest.mark.parametrize("example", ["heavy_discipline", "level_only"])
def test_the_documented_recommendation_examples_are_accepted(api, example):
    spec = api.get("/api/openapi.json").json()
    operation = spec["paths"][BASE + "/persons/{person_id}/recommendation"]
    body = operation["post"]["requestBody"]["content"]["application/json"]["examples"][example]
    person = proven_person(forwarded_case())
    response = _post(api, f"/persons/{person.pk}/recommendation", body["value"])
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "issued" and response.json()["letter_token"]


def test_recommendation_errors_are_documented_4xx_and_write_nothing(api, ppk):
    person = proven_person(forwarded_case())
    path = f"/persons/{person.pk}/recommendation"
    not_allowed = _post(api, path, {"level": "ringan", "reasoning": "x"})
    assert not_allowed.status_code == 400 and "not allowed" in not_allowed.json()["detail"]
    unknown = _post(api, path, {"level": "berat", "sanction": "ZZ", "reasoning": "x"})
    assert unknown.status_code == 400
    assert _post(_client(ppk), path, {"level": "berat", "reasoning": "x"}).status_code == 403
    other = proven_person(forwarded_case(authority="KASN", forwarded_on=dt.date(2024, 8, 1)))
    missing = _post(
        api, f"/persons/{other.pk}/recommendation", {"level": "berat", "reasoning": "x"}
    )
    assert missing.status_code == 404
    assert not Recommendation.objects.exists()
    assert _post(api, path, {"level": "berat", "reasoning": "x"}).status_code == 200
    again = _post(api, path, {"level": "berat", "reasoning": "x"})
    assert again.status_code == 409 and "already exists" in again.json()["detail"]


def test_errors_come_in_indonesian_by_default(bkn):
    token, _row = issue_token(user=bkn, name="id")
    client = Client(headers={"Authorization": f"Bearer {token}", "Accept-Language": "id"})
    person = proven_person(forwarded_case())
    response = _post(
        client, f"/persons/{person.pk}/recommendation", {"level": "ringan", "reasoning": "x"}
    )
    assert response.status_code == 400
    assert "tidak diperbolehkan" in response.json()["detail"]


def _issued(api, days_ago):
    case = forwarded_case(forwarded_on=timezone.localdate() - dt.timedelta(days=days_ago + 1))
    day = (timezone.localdate() - dt.timedelta(days=days_ago)).isoformat()
    body = {"level": "berat", "reasoning": "x", "issued_on": day}
    return _post(api, f"/persons/{proven_person(case).pk}/recommendation", body).json()["id"]


def test_block_escalate_and_their_refusals(api):
    fresh = _issued(api, 0)
    today = timezone.localdate().isoformat()
    early = _post(
        api, f"/recommendations/{fresh}/block", {"blocked_on": today, "letter_number": "B-1"}
    )
    assert early.status_code == 409
    late = _issued(api, 30)
    blocked = _post(
        api, f"/recommendations/{late}/block", {"blocked_on": today, "letter_number": "B-2"}
    )
    assert blocked.status_code == 200 and blocked.json()["blocked"] is True
    twice = _post(
        api, f"/recommendations/{late}/block", {"blocked_on": today, "letter_number": "B-3"}
    )
    assert twice.status_code == 409
    too_soon = _post(api, f"/recommendations/{late}/escalation", {})
    assert too_soon.status_code == 409 and "A5" in too_soon.json()["detail"]
    Block.objects.update(blocked_on=timezone.localdate() - dt.timedelta(days=20))
    done = _post(
        api, f"/recommendations/{late}/escalation", {"addressed_to": "Menteri Dalam Negeri"}
    )
    assert done.status_code == 200 and done.json()["status"] == "escalated"
    listed = api.get(BASE + "/recommendations?tab=escalated").json()["results"]
    assert [r["id"] for r in listed] == [late]
    no_contest = _post(
        api, f"/recommendations/{fresh}/contest-answer", {"decision": "withdraw", "answer": "x"}
    )
    assert no_contest.status_code == 409
    assert (
        _post(
            api, "/recommendations/999999/block", {"blocked_on": today, "letter_number": "B"}
        ).status_code
        == 404
    )


def test_every_operation_is_in_the_document_with_examples_for_bodies(api):
    spec = api.get("/api/openapi.json").json()
    ours = {p: ops for p, ops in spec["paths"].items() if p.startswith(BASE)}
    assert len(ours) == len(router.path_operations) == 6
    for ops in ours.values():
        for operation in ops.values():
            assert {"400", "403", "404", "409"} <= set(operation["responses"])
            if "requestBody" in operation:
                assert operation["requestBody"]["content"]["application/json"]["examples"]
