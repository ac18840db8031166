"""Revealing a reporter takes a reasoned request and a second officer's approval; all audited."""

import json

import pytest
from django.core.exceptions import PermissionDenied

from netra.accounts.tests.factories import bawaslu
from netra.audit.models import AuditEntry
from netra.reports import services
from netra.reports.models import IdentityReveal, Report

from .conftest import payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(client):
    response = client.post(
        "/api/v1/reports", json.dumps(payload()), content_type="application/json"
    )
    assert response.status_code == 201
    return Report.objects.select_related("case").get()


def test_request_then_approval_by_a_second_officer_reveals_the_identity(report):
    asker, approver = bawaslu("asker", "64.72"), bawaslu("approver", "64")
    with pytest.raises(PermissionDenied):
        services.reveal_identity(asker, report)
    reveal = services.request_identity(asker, report, reason="Clarification needs the reporter")
    with pytest.raises(PermissionDenied):
        services.reveal_identity(asker, report)  # not approved yet
    services.decide_identity(approver, reveal, approve=True, note="ok")
    assert services.reveal_identity(asker, report)["nik"] == "6472015003900001"
    # The approver did not ask, so still sees only the pseudonym.
    with pytest.raises(PermissionDenied):
        services.reveal_identity(approver, report)
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions[-3:] == [
        "identity.reveal_requested",
        "identity.reveal_approved",
        "identity.viewed",
    ]
    assert "6472015003900001" not in json.dumps(list(AuditEntry.objects.values("summary", "data")))


def test_the_same_officer_cannot_approve_their_own_request(report):
    asker = bawaslu("asker", "64.72")
    reveal = services.request_identity(asker, report, reason="needed")
    with pytest.raises(PermissionDenied):
        services.decide_identity(asker, reveal, approve=True)
    assert IdentityReveal.objects.get().status == "pending"


def test_a_lower_office_cannot_approve_a_higher_offices_request(report):
    asker, lower = bawaslu("province", "64"), bawaslu("city", "64.72")
    reveal = services.request_identity(asker, report, reason="needed")
    with pytest.raises(PermissionDenied):
        services.decide_identity(lower, reveal, approve=True)


def test_an_officer_of_another_jurisdiction_can_neither_ask_nor_approve(report):
    outsider = bawaslu("outsider", "63")
    with pytest.raises(PermissionDenied):
        services.request_identity(outsider, report, reason="curious")
    reveal = services.request_identity(bawaslu("asker", "64.72"), report, reason="needed")
    with pytest.raises(PermissionDenied):
        services.decide_identity(outsider, reveal, approve=True)


def test_a_rejected_request_reveals_nothing_and_is_audited(report):
    asker, other = bawaslu("asker", "64.72"), bawaslu("other", "64.72")
    reveal = services.request_identity(asker, report, reason="needed")
    services.decide_identity(other, reveal, approve=False, note="not necessary")
    with pytest.raises(PermissionDenied):
        services.reveal_identity(asker, report)
    assert AuditEntry.objects.filter(action="identity.reveal_rejected").exists()


def test_the_database_refuses_self_approval_too(report):
    from django.db import IntegrityError, transaction

    asker = bawaslu("asker", "64.72")
    reveal = services.request_identity(asker, report, reason="needed")
    reveal.decided_by = asker
    with pytest.raises(IntegrityError), transaction.atomic():
        reveal.save()
