"""A small case factory for the transparency tests: cases with reports, decisions, recommendations
and sanctions, written directly (the counts, not the workflow, are under test here)."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest

from netra.cases.models import Case, CaseStatus, Decision, Origin, PersonCategory, ReportedPerson
from netra.insights import freshness
from netra.reference.models import (
    CatalogueVersion,
    CivilServiceAuthority,
    Election,
    Region,
    SanctionType,
    ViolationType,
)
from netra.registry.models import Agency
from netra.reports.models import Evidence, Report
from netra.sanctions.models import Recommendation, Sanction

WIB = ZoneInfo("Asia/Jakarta")
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _quiet_refresh(settings):
    settings.NETRA_INSIGHTS_MIN_CELL = 5
    freshness.forget_requests()
    yield
    freshness.forget_requests()


def add_case(
    *,
    election: str = "pilkada-2024",
    district: str = "64.72.01",
    incident: dt.date = dt.date(2024, 10, 1),
    registered: bool = True,
    reports: int = 1,
    social: bool = False,
    proven: int = 0,
    unproven: int = 0,
    recommended: int = 0,
    sanctioned: int = 0,
    agency: str = "PEMKOT-64.72",
    violation: str = "DS-01",
) -> Case:
    """One case; ``proven`` persons found in breach (the first ``recommended`` of them with a
    recommendation, the first ``sanctioned`` of those with a sanction)."""
    n = next(_numbers)
    received = dt.datetime.combine(incident, dt.time(10), tzinfo=WIB)
    case = Case.objects.create(
        code=f"INS-{n:06d}",
        election=Election.objects.get(code=election),
        status=CaseStatus.FORWARDED if proven else CaseStatus.REGISTERED,
        origin=Origin.LAPORAN,
        handling_level="regency",
        jurisdiction_code=district[:5],
        incident_region=Region.objects.get(code=district),
        incident_date=incident,
        known_on=incident,
        summary="Uji",
        received_at=received,
        registered_at=received + dt.timedelta(days=2) if registered else None,
    )
    for i in range(reports):
        report = Report.objects.create(
            case=case,
            receipt_digest=f"{n:030d}{i:034d}",
            kind=Origin.LAPORAN,
            election=case.election,
            submitted_at=received,
            incident_date=incident,
            known_on=incident,
            incident_region=case.incident_region,
            description="Uji",
            reporter_pseudonym=f"P-{n}-{i}",
        )
        if social and i == 0:
            Evidence.objects.create(
                report=report,
                kind=Evidence.Kind.LINK,
                url="https://www.facebook.com/akun/posts/1",
                submitted_at=received,
            )
    _persons(case, proven, unproven, recommended, sanctioned, agency, violation)
    return case


def _persons(case, proven, unproven, recommended, sanctioned, agency_code, violation) -> None:
    agency = Agency.objects.get(code=agency_code)
    version = CatalogueVersion.objects.order_by("-effective_from")[0]
    vtype = ViolationType.objects.get(version=version, code=violation)
    authority = CivilServiceAuthority.objects.order_by("-effective_from")[0]
    sanction_type = SanctionType.objects.filter(applies_to_pns=True).order_by("code")[0]
    for i in range(proven + unproven):
        person = ReportedPerson.objects.create(
            case=case, name=f"Terlapor {case.code}-{i}", agency=agency, category=PersonCategory.PNS
        )
        decision = Decision.objects.create(
            case=case,
            reported_person=person,
            proven=i < proven,
            catalogue_version=version,
            decided_on=case.incident_date,
        )
        if i < proven:
            decision.violation_types.add(vtype)
        if i < min(recommended, proven):
            rec = Recommendation.objects.create(
                case=case,
                reported_person=person,
                authority=authority,
                agency=agency,
                number=f"REK/{case.code}/{i}",
                issued_on=case.incident_date,
                catalogue_version=version,
                recommended_level="berat",
            )
            if i < sanctioned:
                Sanction.objects.create(
                    recommendation=rec,
                    sanction_type=sanction_type,
                    decree_number=f"SK/{case.code}/{i}",
                    imposed_on=case.incident_date,
                )
