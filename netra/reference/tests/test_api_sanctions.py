"""POST /api/v1/catalogue/allowed-sanctions: public, read-only, its examples answered, bad input a 4xx
with a clear message."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from netra.reference.api_sanctions import EXAMPLES

pytestmark = pytest.mark.django_db

URL = "/api/v1/catalogue/allowed-sanctions"


def ask(body, language="en"):
    client = Client(headers={"Accept-Language": language})  # no token, no session: public
    return client.post(URL, json.dumps(body), content_type="application/json")


def test_every_documented_example_is_answered_without_credentials():
    schema = Client().get("/api/openapi.json").json()
    operation = schema["paths"][URL]["post"]
    assert "security" not in operation
    examples = operation["requestBody"]["content"]["application/json"]["examples"]
    assert set(examples) == set(EXAMPLES)
    for name, example in examples.items():
        response = ask(example["value"])
        assert response.status_code == 200, (name, response.content)


def test_a_pelaksana_gets_no_move_to_a_pelaksana_post_and_the_advice_on_repetition():
    answer = ask(EXAMPLES["pns_pelaksana_repeat"]).json()
    assert (
        answer["route"] == "sanction" and answer["catalogue_version"] == "skb-5kl-2022-rev-2026-11"
    )
    assert answer["groups"] == ["discipline", "ethics"] and answer["levels"] == ["berat"]
    assert [f["code"] for f in answer["forms"]] == ["HD-B1", "HD-B3"]
    b3 = answer["forms"][1]
    assert b3["name_id"].startswith("Pemberhentian dengan hormat") and b3["name_en"]
    assert b3["article"] == "PP 94/2021 Pasal 8 ayat (4) huruf c" and b3["confidence"] == "medium"
    assert b3["reason"]
    assert [a["confidence"] for a in answer["advice"]] == ["low"]
    assert any("HD-B2" in line for line in answer["explanation"])


def test_a_village_head_goes_to_the_own_authority_with_its_measures():
    answer = ask(EXAMPLES["village_head"]).json()
    assert answer["route"] == "own_authority"
    assert {f["code"] for f in answer["forms"]} == {
        "KADES-TEGURAN",
        "KADES-BERHENTI-SMT",
        "KADES-BERHENTI",
    }


def test_an_earlier_catalogue_version_can_be_named():
    body = {
        "violation_codes": ["DS-13"],
        "employee_kind": "pns",
        "catalogue_version": "skb-5kl-2022",
    }
    answer = ask(body).json()
    assert answer["catalogue_version"] == "skb-5kl-2022"
    assert "HD-R1" in {f["code"] for f in answer["forms"]}


def test_the_answer_is_in_indonesian_first():
    english = ask({"violation_codes": ["DS-01"], "employee_kind": "tni"}).json()
    indonesian = ask({"violation_codes": ["DS-01"], "employee_kind": "tni"}, "id").json()
    assert indonesian["explanation"] != english["explanation"]


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"violation_codes": ["XX-99"], "employee_kind": "pns"}, 400, "Not in catalogue"),
        ({"violation_codes": ["DS-01"], "employee_kind": "honorer"}, 400, "Unknown kind"),
        ({"violation_codes": ["DS-01"], "employee_kind": ""}, 400, "Unknown kind"),
        (
            {"violation_codes": ["DS-01"], "employee_kind": "pns", "position_class": "raja"},
            400,
            "Unknown position class",
        ),
        (
            {"violation_codes": ["DS-01"], "employee_kind": "pns", "catalogue_version": "x"},
            404,
            "does not exist",
        ),
    ],
)
def test_bad_questions_get_a_clear_message(body, status, message):
    response = ask(body)
    assert response.status_code == status and message in response.json()["detail"]


@pytest.mark.parametrize(
    "body",
    [
        {"violation_codes": [], "employee_kind": "pns"},
        {"violation_codes": ["DS-01"], "employee_kind": "pns", "earlier_proven": -1},
        {"violation_codes": ["DS-01"], "employee_kind": "pns", "earlier_proven": False},
        {"employee_kind": "pns"},
    ],
)
def test_malformed_bodies_are_422(body):
    assert ask(body).status_code == 422


def test_an_unknown_code_is_refused_in_indonesian():
    response = ask({"violation_codes": ["XX-99"], "employee_kind": "pns"}, "id")
    assert response.status_code == 400 and "XX-99" in response.json()["detail"]
    assert "Not in catalogue" not in response.json()["detail"]
