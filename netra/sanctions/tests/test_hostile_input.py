"""Hostile input on stage 4 found by an outside probe: each was a 500 or a write that should have
been refused, and is now a 4xx with a message and nothing changed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from netra.accounts.tests import factories
from netra.accounts.tokens import issue_token
from netra.reference.models import CivilServiceAuthority
from netra.sanctions.models import Block, Handover, Recommendation, Sanction
from netra.sanctions.services.enforcement import block_personnel_data
from netra.sanctions.services.handover import perform_handover
from netra.sanctions.services.recommending import issue_recommendation
from netra.sanctions.services.refusals import Conflict, Refused

from . import ppk_factories as f
from .compliance_world import build
from .conftest import forwarded_case, proven_person

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_a_unicode_digit_or_a_huge_number_as_a_recommendation_reference_is_a_404(client):
    client.force_login(factories.personnel("ppk.samarinda", "PEMKOT-64.72"))
    assert client.get("/sanctions/ppk/²/").status_code == 404
    assert client.get("/sanctions/ppk/" + "9" * 5000 + "/").status_code == 404


def test_a_list_page_beyond_any_offset_is_not_a_server_error(client):
    build(factories.analyst())
    client.force_login(factories.personnel("ppk.samarinda", "PEMKOT-64.72"))
    response = client.get("/sanctions/compliance/", {"list_page": "9" * 25})
    assert response.status_code == 200


def test_a_form_body_sent_to_a_json_operation_is_a_400_that_says_so():
    api = Client(headers={"Accept-Language": "en"})
    response = api.post("/api/v1/catalogue/allowed-sanctions", {"employee_kind": "pns"})
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]


def test_control_and_bidi_characters_in_the_authoritys_texts_are_refused(bkn):
    person = proven_person(forwarded_case())
    with pytest.raises(Refused, match="cannot be used"):
        issue_recommendation(
            person=person, actor=bkn, level="berat", reasoning="Terbukti \x1b[31m\u202e"
        )
    assert not Recommendation.objects.exists()
    rec = issue_recommendation(person=person, actor=bkn, level="berat", reasoning="Terbukti.")
    Recommendation.objects.filter(pk=rec.pk).update(due_on=TODAY - dt.timedelta(days=5))
    with pytest.raises(Refused, match="cannot be used"):
        block_personnel_data(
            recommendation=rec, actor=bkn, blocked_on=TODAY, letter_number="B-1\u202e"
        )
    assert not Block.objects.exists()


def test_a_second_hand_over_with_nothing_left_to_move_is_refused(bkn):
    kasn = CivilServiceAuthority.objects.get(code="KASN")
    bkn_authority = CivilServiceAuthority.objects.get(code="BKN")
    forwarded_case(authority="KASN", forwarded_on=dt.date(2024, 8, 1))
    args: dict[str, Any] = {
        "from_authority": kasn,
        "to_authority": bkn_authority,
        "effective_on": HANDOVER,
    }
    perform_handover(**args, actor=bkn)
    with pytest.raises(Conflict, match="Nothing is left"):
        perform_handover(**args, actor=bkn)
    assert Handover.objects.count() == 1


def test_an_empty_sanction_code_on_the_api_asks_for_one(officer):
    ppk = factories.personnel("ppk.samarinda", "PEMKOT-64.72")
    rec = f.recommendation(f.forwarded_case(officer))
    token, _row = issue_token(user=ppk, name="probe")
    api = Client(headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"})
    response = api.post(
        f"/api/v1/sanctions/ppk/recommendations/{rec.pk}/sanction",
        {
            "sanction": " ",
            "decree_number": "800/1",
            "imposed_on": TODAY.isoformat(),
            "decree_scan": f.pdf(),
        },
    )
    assert response.status_code == 400
    assert "Choose the sanction" in response.json()["detail"]
    assert not Sanction.objects.exists()


HANDOVER = dt.date(2024, 9, 4)
