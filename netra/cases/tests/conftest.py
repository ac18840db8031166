"""Fixtures for case handling: officers of three offices and a small case factory."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.utils import timezone, translation

from netra.accounts.tests import factories
from netra.cases.models import Case, CaseEvent, CaseStatus, Origin, ReportedPerson
from netra.cases.routing import handling_office
from netra.cases.services import refresh_deadline
from netra.reference.models import Election, Region
from netra.registry.models import Agency
from netra.reports.models import Report

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _english(client, settings):
    """The tests read English messages: the pages default to Indonesian (the lead's .po)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _mail_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    settings.NETRA_CUTI_BERSAMA_NON_WORKING = True


@pytest.fixture
def samarinda(db):
    return factories.bawaslu("bawaslu.samarinda", "64.72")


@pytest.fixture
def kukar(db):
    return factories.bawaslu("bawaslu.kukar", "64.02")


@pytest.fixture
def kaltim(db):
    return factories.bawaslu("bawaslu.kaltim", "64")


@pytest.fixture
def ri(db):
    return factories.bawaslu("bawaslu.ri")


def make_case(
    *,
    election: str = "pilkada-2024",
    status: str = CaseStatus.RECEIVED,
    region: str = "64.72.01",
    agency: str | None = "PEMKOT-64.72",
    persons: int = 1,
    reports: int = 1,
    origin: str = Origin.LAPORAN,
    received_at: dt.datetime | None = None,
    **fields: Any,
) -> Case:
    """A case as the reports app opens it, already moved to ``status`` (timestamps filled)."""
    n = next(_numbers)
    received_at = received_at or timezone.now() - dt.timedelta(hours=2)
    place = Region.objects.get(code=region)
    agency_obj = Agency.objects.get(code=agency) if agency else None
    office = handling_office(incident_region=place, agency=agency_obj)
    day = timezone.localdate(received_at)
    case = Case.objects.create(
        code=f"TST-{n:06d}",
        election=Election.objects.get(code=election),
        status=status,
        origin=origin,
        handling_level=office.level,
        jurisdiction_code=office.jurisdiction_code,
        incident_region=place,
        incident_date=day - dt.timedelta(days=1),
        known_on=day,
        summary=f"Test case {n}",
        received_at=received_at,
        registered_at=received_at
        if status not in (CaseStatus.RECEIVED, CaseStatus.INITIAL_REVIEW)
        else None,
        **fields,
    )
    CaseEvent.objects.create(case=case, at=received_at, to_status=CaseStatus.RECEIVED)
    for i in range(persons):
        ReportedPerson.objects.create(
            case=case,
            name=f"Pegawai {n}-{i}",
            nip=f"19850312201001{n % 10}{i:03d}",
            agency=agency_obj,
            category="pns",
        )
    for i in range(reports):
        Report.objects.create(
            case=case,
            receipt_digest=f"digest-{n}-{i}",
            kind=origin,
            election=case.election,
            submitted_at=received_at + dt.timedelta(minutes=i),
            incident_date=case.incident_date,
            known_on=case.known_on,
            incident_region=place,
            description="Seen at the rally.",
            is_anonymous=True,
            reporter_pseudonym=f"P-{n:04d}{i}",
        )
    refresh_deadline(case=case)
    return case
