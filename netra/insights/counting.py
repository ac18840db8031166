"""Counting one election: the true numbers behind the public figures, per kabupaten/kota.

A handful of GROUP BY queries (each a single pass over the election's rows) give, for every measure,
the count per leaf region (the first five characters of the incident region code: ``64.72`` for a
kabupaten/kota, ``64`` when only the province is known) and per value of each dimension. Regions
above the leaves and the breakdowns are summed in Python (publish.py). Nothing here is public: the
counts go through the suppression before anyone sees them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models as m
from django.db.models.functions import Coalesce, Substr

from netra.cases.models import Case, Decision
from netra.reference.models import Election
from netra.reports.models import Evidence, Report
from netra.sanctions.models import Recommendation, Sanction

from .dictionary import ALL, TOTAL, social_media_regex

UNKNOWN = "unknown"
NO_VIOLATION = "none"

# Where each measure's rows find the case they belong to, the reported person, and the agency.
CASE_PATH = {
    "proven": "case__",
    "recommendations": "case__",
    "sanctions": "recommendation__case__",
}
PERSON_PATH = {
    "proven": "reported_person__",
    "recommendations": "reported_person__",
    "sanctions": "recommendation__reported_person__",
}
VIOLATION_PATH = {
    "proven": "violation_types__code",
    "recommendations": "reported_person__decision__violation_types__code",
    "sanctions": "recommendation__reported_person__decision__violation_types__code",
}
AGENCY_PATH = {
    "proven": "reported_person__agency__kind",
    "recommendations": "agency__kind",
    "sanctions": "recommendation__agency__kind",
}


@dataclass
class Counts:
    """``cells[(measure, dimension, value)][leaf] = n`` for one election."""

    cells: dict[tuple[str, str, str], Counter[str]] = field(default_factory=dict)

    def add(self, measure: str, dimension: str, value: str, leaf: str, n: int) -> None:
        self.cells.setdefault((measure, dimension, value), Counter())[leaf] += n

    def leaves(self) -> set[str]:
        return {leaf for counter in self.cells.values() for leaf in counter}


def _phase(election: Election, date_field: str) -> m.Case:
    """The phase kind covering ``date_field``, in SQL (the election's phases do not overlap)."""
    whens = [
        m.When(**{f"{date_field}__range": (p.starts_on, p.ends_on)}, then=m.Value(p.kind))
        for p in election.phases.all()
    ]
    return m.Case(*whens, default=m.Value("outside"), output_field=m.CharField())


def _social_links(election: Election) -> m.QuerySet:
    """The election's evidence links to social media: matched once, then joined by id (a
    per-row EXISTS with the pattern cost the refresh most of its time at 1 M cases)."""
    return Evidence.objects.filter(
        report__election=election, kind=Evidence.Kind.LINK, url__iregex=social_media_regex()
    ).order_by()


def count_election(election: Election) -> Counts:
    counts = Counts()
    _count_reports(election, counts)
    _count_cases(election, counts)
    for measure, qs in _person_querysets(election).items():
        _count_persons(election, measure, qs, counts)
    return counts


def _add_main(counts: Counts, measure: str, rows: Iterable[Any], dims: tuple[str, ...]) -> None:
    for row in rows:
        leaf, n = row["leaf"], row["n"]
        counts.add(measure, TOTAL, ALL, leaf, n)
        for dim in dims:
            counts.add(measure, dim, row[dim] or UNKNOWN, leaf, n)


def _add_channel(counts: Counts, measure: str, social_rows: Iterable[Any]) -> None:
    social = Counter({row["leaf"]: row["n"] for row in social_rows})
    for leaf, total in counts.cells.get((measure, TOTAL, ALL), Counter()).items():
        counts.add(measure, "channel", "social_media", leaf, social[leaf])
        counts.add(measure, "channel", "offline", leaf, total - social[leaf])


def _count_reports(election: Election, counts: Counts) -> None:
    qs = Report.objects.filter(election=election).order_by()
    leaf = Substr("incident_region_id", 1, 5)
    rows = qs.values(leaf=leaf, phase=_phase(election, "incident_date")).annotate(n=m.Count("pk"))
    _add_main(counts, "reports", rows, ("phase",))
    social = qs.filter(pk__in=_social_links(election).values("report_id"))
    _add_channel(counts, "reports", social.values(leaf=leaf).annotate(n=m.Count("pk")))


def _count_cases(election: Election, counts: Counts) -> None:
    # Registered (past the kajian awal) and not merged into another case (counted there).
    qs = Case.objects.filter(
        election=election, registered_at__isnull=False, merged_into__isnull=True
    ).order_by()
    leaf = Substr("incident_region_id", 1, 5)
    rows = qs.values(leaf=leaf, phase=_phase(election, "incident_date")).annotate(n=m.Count("pk"))
    _add_main(counts, "cases", rows, ("phase",))
    social = qs.filter(pk__in=_social_links(election).values("report__case_id"))
    _add_channel(counts, "cases", social.values(leaf=leaf).annotate(n=m.Count("pk")))


def _person_querysets(election: Election) -> dict[str, m.QuerySet]:
    return {
        "proven": Decision.objects.filter(
            case__election=election, proven=True, case__merged_into__isnull=True
        ),
        "recommendations": Recommendation.objects.filter(case__election=election),
        "sanctions": Sanction.objects.filter(recommendation__case__election=election),
    }


def _count_persons(election: Election, measure: str, qs: m.QuerySet, counts: Counts) -> None:
    case, person = CASE_PATH[measure], PERSON_PATH[measure]
    leaf = Substr(f"{case}incident_region_id", 1, 5)
    rows = (
        qs.order_by()
        .values(
            leaf=leaf,
            phase=_phase(election, f"{case}incident_date"),
            # Not "position_class": a recommendation has a field of that name (as the authority saw
            # the person), and the registry's current value is the one counted here.
            employee_position=Coalesce(f"{person}employee__position_class", m.Value(UNKNOWN)),
            agency_kind=Coalesce(AGENCY_PATH[measure], m.Value(UNKNOWN)),
        )
        .annotate(n=m.Count("pk"))
    )
    rows = [{**row, "position_class": row["employee_position"]} for row in rows]
    _add_main(counts, measure, rows, ("phase", "position_class", "agency_kind"))
    social_cases = _social_links(election).values("report__case_id")
    social = qs.order_by().filter(**{f"{case}id__in": social_cases}).values(leaf=leaf)
    _add_channel(counts, measure, social.annotate(n=m.Count("pk")))
    # Violation types: one row per person and code (a decision may name several, or none).
    code = Coalesce(VIOLATION_PATH[measure], m.Value(NO_VIOLATION))
    by_code = qs.order_by().values(leaf=leaf, code=code)
    for row in by_code.annotate(n=m.Count("pk", distinct=True)):
        counts.add(measure, "violation", row["code"], row["leaf"], row["n"])
