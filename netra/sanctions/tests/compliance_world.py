"""A small hand-built set of recommendations with every compliance outcome, for the tests."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from netra.cases.models import Case, CaseStatus, Origin, PersonCategory, ReportedPerson
from netra.reference.models import (
    CatalogueVersion,
    CivilServiceAuthority,
    Election,
    Region,
    SanctionType,
)
from netra.registry.models import Agency
from netra.sanctions.models import Contest, Recommendation, Sanction

TODAY = dt.date(2024, 12, 31)
ISSUED = dt.date(2024, 12, 1)
DUE = dt.date(2024, 12, 15)
_n = itertools.count(1)
S = Recommendation.Status


def national_agency() -> Agency:
    return Agency.objects.filter(region__isnull=True, is_active=True).order_by("code")[0]


def rec(
    agency: Agency,
    *,
    district: str = "64.72.01",
    election: str = "pilkada-2024",
    level: str = "berat",
    status: str = S.ISSUED,
    due_on: dt.date | None = DUE,
    imposed: tuple[dt.date, str] | None = None,
    flag: str = "",
    contest: bool = False,
    recorder=None,
) -> Recommendation:
    """One recommendation on its own case; ``imposed`` = (decree date, imposed level)."""
    n = next(_n)
    case = Case.objects.create(
        code=f"CMP-{n:05d}",
        election=Election.objects.get(code=election),
        status=CaseStatus.FORWARDED,
        origin=Origin.LAPORAN,
        handling_level="regency",
        jurisdiction_code=district[:5],
        incident_region=Region.objects.get(code=district),
        incident_date=ISSUED - dt.timedelta(days=30),
        known_on=ISSUED - dt.timedelta(days=30),
        summary="Uji",
        received_at=dt.datetime(2024, 10, 1, 10, tzinfo=ZoneInfo("Asia/Jakarta")),
    )
    person = ReportedPerson.objects.create(
        case=case, name=f"Terlapor {n}", agency=agency, category=PersonCategory.PNS
    )
    r = Recommendation.objects.create(
        case=case,
        reported_person=person,
        authority=CivilServiceAuthority.objects.order_by("-effective_from")[0],
        agency=agency,
        number=f"REK/CMP/{n}",
        issued_on=ISSUED,
        due_on=due_on,
        catalogue_version=CatalogueVersion.objects.order_by("-effective_from")[0],
        recommended_level=level,
        status=status,
    )
    if imposed:
        Sanction.objects.create(
            recommendation=r,
            sanction_type=SanctionType.objects.filter(level=imposed[1]).order_by("code")[0],
            decree_number=f"SK/{n}",
            imposed_on=imposed[0],
            flag=flag,
        )
    if contest:
        Contest.objects.create(
            recommendation=r,
            reasons="Keberatan",
            recorded_by=recorder,
            recorded_at=dt.datetime(2024, 12, 5, tzinfo=ZoneInfo("Asia/Jakarta")),
        )
    return r


def build(recorder) -> dict[str, Agency]:
    """Samarinda (10 recommendations, every outcome), Kutai Kartanegara (1, a contract-level
    sanction: not comparable) and a national agency (1 ignored)."""
    a = Agency.objects.get(code="PEMKOT-64.72")
    b = Agency.objects.get(code="PEMKAB-64.02")
    c = national_agency()
    day = dt.date
    rec(a, imposed=(DUE, "berat"))  # exactly on due_on: in time; same level; 14 days
    rec(a, imposed=(day(2024, 12, 10), "ringan"), flag="lighter", status=S.FOLLOWED_UP)  # 9 days
    rec(a, level="sedang", imposed=(day(2024, 12, 16), "berat"), status=S.FOLLOWED_UP)  # late, 15
    rec(a)  # no decree, past due: ignored
    rec(a, status=S.CONTESTED, contest=True, recorder=recorder)  # contested
    rec(a, due_on=day(2025, 1, 5))  # not yet due: open
    rec(a, due_on=TODAY)  # due today: still open, not ignored
    rec(a, status=S.WITHDRAWN, contest=True, recorder=recorder)  # withdrawn after a contest
    rec(a, status=S.REFERRED)  # referred to own authority
    rec(a, status=S.ESCALATED)  # escalated, no decree: ignored
    rec(b, district="64.02.01", election="pemilu-2024", imposed=(day(2024, 12, 4), "contract"))
    rec(c)
    return {"a": a, "b": b, "c": c}
