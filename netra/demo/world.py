"""Removing the demo world, and a digest of it that proves a seed always builds the same world."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from django.db import transaction
from django.db.models import Model

from netra.accounts.models import User
from netra.cases.models import Case, CaseEvent, Decision, DocumentSequence, ReportedPerson
from netra.prevention.models import (
    EventAttendance,
    IntegrityPact,
    PactSignature,
    SocializationEvent,
)
from netra.registry.models import Employee
from netra.reports.models import Report
from netra.sanctions.models import (
    Block,
    Contest,
    Escalation,
    Handover,
    HandoverItem,
    Recommendation,
    Sanction,
)

from .builder import DEMO_ACCOUNTS


def clear_world() -> None:
    """Remove the demo world's data (reference data stays). The demo accounts stay too, deactivated
    until the next build brings them back: the append-only audit trail names them."""
    with transaction.atomic():
        models: tuple[type[Model], ...] = (
            HandoverItem,
            Handover,
            DocumentSequence,  # letter numbers start again with the world's letters gone
            Escalation,
            Block,
            Contest,
            Sanction,
            Recommendation,
            Decision,
            CaseEvent,
            Report,
            ReportedPerson,
            Case,
            EventAttendance,
            SocializationEvent,
            PactSignature,
            IntegrityPact,
        )
        for model in models:
            model._default_manager.all().delete()
        Employee.objects.all().delete()
        User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).update(
            is_active=False
        )


def _rows() -> Iterator[str]:
    """A stable text form of the world: natural keys only, never database ids or wall-clock times."""
    for e in Employee.objects.order_by("nip", "name").values_list(
        "nip", "name", "employee_type", "position_title", "agency__code", "region_id", "is_active"
    ):
        yield repr(e)
    for c in Case.objects.order_by("code").values_list(
        "code",
        "election__code",
        "status",
        "origin",
        "jurisdiction_code",
        "incident_region_id",
        "incident_date",
        "received_at",
        "due_on",
    ):
        yield repr(c)
    for r in Report.objects.order_by("case__code").values_list(
        "case__code", "kind", "submitted_at", "is_anonymous"
    ):
        yield repr(r)
    for p in ReportedPerson.objects.order_by("case__code", "name").values_list(
        "case__code", "name", "nip", "category"
    ):
        yield repr(p)
    for d in Decision.objects.order_by(
        "reported_person__case__code", "reported_person__name"
    ).values_list("case__code", "proven", "violation_types__code"):
        yield repr(d)
    for rec in Recommendation.objects.order_by("number").values_list(
        "number", "authority__code", "status", "issued_on"
    ):
        yield repr(rec)
    for s in Sanction.objects.order_by("decree_number", "imposed_on").values_list(
        "decree_number", "sanction_type__code"
    ):
        yield repr(s)
    for ps in PactSignature.objects.order_by("employee__nip", "employee__name").values_list(
        "employee__nip", "signed_at"
    ):
        yield repr(ps)


def world_digest() -> str:
    digest = hashlib.sha256()
    for row in sorted(_rows()):  # sorted: ties in ORDER BY must not change the digest
        digest.update(row.encode())
    return digest.hexdigest()
