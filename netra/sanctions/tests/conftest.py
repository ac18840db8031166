"""Fixtures for the authority side: analysts, and forwarded cases with proven persons."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from netra.accounts.tests import factories
from netra.cases.models import Case, CaseStatus, Decision, Forwarding, ReportedPerson
from netra.cases.tests.conftest import _english, _mail_and_media, make_case  # noqa: F401
from netra.reference.models import CatalogueVersion, CivilServiceAuthority, ViolationType
from netra.registry.models import Agency


@pytest.fixture
def bkn(db):
    return factories.analyst("bkn.analis")


@pytest.fixture
def officer(db):
    return factories.bawaslu("bawaslu.samarinda", "64.72")


@pytest.fixture
def ppk(db):
    return factories.personnel("ppk.samarinda", "PEMKOT-64.72")


def forwarded_case(
    *,
    authority: str = "BKN",
    forwarded_on: dt.date | None = None,
    proven: int = 1,
    unproven: int = 0,
    violation: str = "DS-01",
    category: str = "pns",
    nip_base: str = "1985031220100",
    **fields: Any,
) -> Case:
    """A case decided and forwarded to ``authority`` (proven persons first, by name)."""
    forwarded_on = forwarded_on or timezone.localdate() - dt.timedelta(days=3)
    received = timezone.make_aware(dt.datetime.combine(forwarded_on, dt.time(9)))
    case = make_case(
        status=CaseStatus.FORWARDED,
        persons=0,
        received_at=received - dt.timedelta(days=10),
        **fields,
    )
    case.decided_at = received - dt.timedelta(days=1)
    case.forwarded_at = received
    case.save(update_fields=["decided_at", "forwarded_at"])
    version = CatalogueVersion.objects.order_by("-effective_from")[0]
    vtype = ViolationType.objects.get(version=version, code=violation)
    agency = Agency.objects.get(code="PEMKOT-64.72")
    for i in range(proven + unproven):
        person = ReportedPerson.objects.create(
            case=case,
            name=f"Terlapor {case.code}-{i}",
            nip=f"{nip_base}{case.pk % 10}{i:04d}"[:18],
            agency=agency,
            category=category,
        )
        decision = Decision.objects.create(
            case=case,
            reported_person=person,
            proven=i < proven,
            catalogue_version=version,
            decided_on=forwarded_on - dt.timedelta(days=1),
        )
        if i < proven:
            decision.violation_types.set([vtype])
    Forwarding.objects.create(
        case=case,
        authority=CivilServiceAuthority.objects.get(code=authority),
        forwarded_on=forwarded_on,
        forwarded_by=factories.make_user(f"fwd-{case.pk}", "bawaslu_officer", office_level="ri"),
    )
    return case


def proven_person(case: Case, index: int = 0) -> ReportedPerson:
    return case.reported_persons.filter(decision__proven=True).order_by("name")[index]
