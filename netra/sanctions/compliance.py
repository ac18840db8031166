"""Compliance with recommendations: what each agency's PPK did with what the authority asked.

Every figure counts recommendations the acting user may see (``compliance_scope``), narrowed by
``Filters`` (election of the case, the agency's province, the agency's kind, one agency), as of
``today`` (the Asia/Jakarta date). Each recommendation falls in exactly one *outcome*, tried in
this order, so the outcomes add up to ``received``:

- ``in_time``: a sanction decree is recorded and its date (``Sanction.imposed_on``) is on or before
  ``due_on`` (a decree dated exactly on ``due_on`` is in time), or the recommendation has no
  ``due_on``;
- ``late``: a decree is recorded, dated after ``due_on``;
- ``referred``: no decree; status *referred* (non-ASN staff and village heads, sent by letter to
  their own authority: not the PPK's to act on);
- ``withdrawn``: no decree; status *withdrawn* (the authority withdrew it after a contest);
- ``contested``: no decree, a contest is recorded and the recommendation was not withdrawn;
- ``ignored``: none of the above (no decree, no contest) and ``due_on`` is before today;
- ``open``: none of the above and ``due_on`` is today or later (or not set): not yet due.

``acted`` = ``in_time`` + ``late``. Of the recommendations with a decree, the imposed sanction's
level (``SanctionType.level``) is compared with ``recommended_level`` on the ladder moral < ringan <
sedang < berat < dismissal: ``same``, ``lighter``, ``heavier``, or ``not_comparable`` (a contract
or case-by-case level on either side); ``flagged`` counts decrees the PPK's recording flagged
(``Sanction.flag``: lighter than recommended, or not allowed by the catalogue).
``median_days`` is the median over decrees of (``imposed_on`` − ``issued_on``) in days: the SQL
PERCENTILE_CONT(0.5) on PostgreSQL (the mean of the two middle values for an even count), the same
computed in Python elsewhere (SQLite); None when no decree is recorded.

Region: a row per *agency's* region (not the case's incident region). Compliance measures the PPK
who must act, and a ministry's employee who breaches in Kalimantan Timur is still the ministry's
PPK's to sanction: grouping by incident region would charge Kaltim with a ministry's inaction.
At province level a region row is the province's government and every kabupaten/kota in it; at
kabupaten/kota level the row is the agency's own region (a province government stands under its
province code). National agencies (no region) form one row, "central agencies".
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import Substr
from django.utils import timezone

from netra.accounts.permissions import Role, is_staff_user
from netra.reference.models import Election, SanctionLevel

from .models import Contest, Recommendation, Sanction
from .permissions import visible_recommendations

LADDER = [
    SanctionLevel.MORAL,
    SanctionLevel.RINGAN,
    SanctionLevel.SEDANG,
    SanctionLevel.BERAT,
    SanctionLevel.DISMISSAL,
]
GROUPINGS = ("agency", "province", "regency", "election")
OUTCOMES = ("in_time", "late", "referred", "withdrawn", "contested", "ignored", "open")
LEVELS = ("same", "lighter", "heavier", "not_comparable")
COUNTS = ("received", *OUTCOMES, *LEVELS, "flagged")
Status = Recommendation.Status


@dataclass(frozen=True)
class Filters:
    election: Election | None = None
    province: str = ""  # a Kemendagri province code: the agency's region lies in it
    agency_kind: str = ""
    agency_id: int | None = None


@dataclass
class Figures:
    """One row of the compliance table (an agency, a region or an election), or the total."""

    key: Any
    label: str = ""
    received: int = 0
    in_time: int = 0
    late: int = 0
    referred: int = 0
    withdrawn: int = 0
    contested: int = 0
    ignored: int = 0
    open: int = 0
    same: int = 0
    lighter: int = 0
    heavier: int = 0
    not_comparable: int = 0
    flagged: int = 0
    median_days: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def acted(self) -> int:
        return self.in_time + self.late

    @property
    def in_time_rate(self) -> float | None:
        """Share of the recommendations that were due or acted on, acted on in time."""
        due = self.in_time + self.late + self.ignored + self.contested
        return None if not due else self.in_time / due

    @classmethod
    def of(cls, key: Any, values: Mapping[str, Any]) -> Figures:
        """A row from a mapping holding every count (missing or None counts as 0)."""
        out = cls(key=key)
        for name in COUNTS:
            setattr(out, name, values.get(name) or 0)
        return out

    def add(self, other: Figures) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Table:
    by: str
    rows: list[Figures]
    total: Figures


class Median(Aggregate):
    """PostgreSQL's PERCENTILE_CONT(0.5): the median, interpolated for an even count."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)%(filter)s"
    output_field = FloatField()


class DaysBetween(Func):
    """``end`` − ``start`` in whole days, for two date columns."""

    output_field = IntegerField()
    arg_joiner = " - "
    template = "(%(expressions)s)"

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


def compliance_scope(user: Any) -> QuerySet:
    """The recommendations whose figures ``user`` may see: ``visible_recommendations`` (the
    authority: all; a PPK: their agency's; a Bawaslu officer: those of the cases they see), and
    for an agency admin their own agency's, as figures only (``can_list`` says who sees rows)."""
    if is_staff_user(user) and user.role == Role.AGENCY_ADMIN and user.agency_id:
        return Recommendation.objects.filter(agency=user.agency_id)
    return visible_recommendations(user)


def can_list(user: Any) -> bool:
    """Whether ``user`` may see the recommendations themselves (names), not only the figures."""
    return is_staff_user(user) and user.role in (Role.AUTHORITY_ANALYST, Role.AGENCY_PERSONNEL)


def filtered(user: Any, filters: Filters) -> QuerySet:
    qs = compliance_scope(user)
    if filters.election is not None:
        qs = qs.filter(case__election=filters.election)
    if filters.province:
        qs = qs.filter(in_province(filters.province))
    if filters.agency_kind:
        qs = qs.filter(agency__kind=filters.agency_kind)
    if filters.agency_id is not None:
        qs = qs.filter(agency_id=filters.agency_id)
    return qs


def in_province(code: str) -> Q:
    """The agency's region is the province ``code`` or a kabupaten/kota in it."""
    return Q(agency__region_id=code) | Q(agency__region__code__startswith=code + ".")


def outcome_q(today: dt.date) -> dict[str, Q]:
    """The condition of each outcome (module docstring), as filters on Recommendation."""
    decree = Q(sanction__isnull=False)
    none = Q(sanction__isnull=True)
    pending = none & ~Q(status__in=[Status.REFERRED, Status.WITHDRAWN]) & Q(contest__isnull=True)
    return {
        "in_time": decree & (Q(due_on__isnull=True) | Q(sanction__imposed_on__lte=F("due_on"))),
        "late": decree & Q(sanction__imposed_on__gt=F("due_on")),
        "referred": none & Q(status=Status.REFERRED),
        "withdrawn": none & Q(status=Status.WITHDRAWN),
        "contested": none & Q(contest__isnull=False) & ~Q(status__in=[Status.REFERRED, Status.WITHDRAWN]),
        "ignored": pending & Q(due_on__lt=today),
        "open": pending & (Q(due_on__gte=today) | Q(due_on__isnull=True)),
    }  # fmt: skip


def listing_q(today: dt.date) -> dict[str, Any]:
    """The same outcomes as ``outcome_q`` with EXISTS subqueries instead of joins: for listing one
    agency's recommendations page by page, where PostgreSQL then walks the (agency, due_on) index
    with anti-joins and stops after a page, instead of joining the agency's every row."""
    decree = Exists(Sanction.objects.filter(recommendation=OuterRef("pk")))
    on_time = Exists(
        Sanction.objects.filter(recommendation=OuterRef("pk"), imposed_on__lte=OuterRef("due_on"))
    )
    late = Exists(
        Sanction.objects.filter(recommendation=OuterRef("pk"), imposed_on__gt=OuterRef("due_on"))
    )
    contest = Exists(Contest.objects.filter(recommendation=OuterRef("pk")))
    closed = Q(status__in=[Status.REFERRED, Status.WITHDRAWN])
    pending = ~decree & ~closed & ~contest
    return {
        "in_time": on_time | (Q(due_on__isnull=True) & decree),
        "late": late,
        "referred": ~decree & Q(status=Status.REFERRED),
        "withdrawn": ~decree & Q(status=Status.WITHDRAWN),
        "contested": ~decree & contest & ~closed,
        "ignored": pending & Q(due_on__lt=today),
        "open": pending & (Q(due_on__gte=today) | Q(due_on__isnull=True)),
    }


def level_q() -> dict[str, Q]:
    """How the imposed sanction's level compares with the recommended level."""
    imposed = "sanction__sanction_type__level"
    lighter, heavier = Q(pk__in=[]), Q(pk__in=[])
    for i, level in enumerate(LADDER):
        lighter |= Q(recommended_level=level, **{f"{imposed}__in": LADDER[:i]})
        heavier |= Q(recommended_level=level, **{f"{imposed}__in": LADDER[i + 1 :]})
    comparable = Q(recommended_level__in=LADDER, **{f"{imposed}__in": LADDER})
    decree = Q(sanction__isnull=False)
    return {
        "same": decree & comparable & Q(recommended_level=F(imposed)),
        "lighter": decree & lighter,
        "heavier": decree & heavier,
        "not_comparable": decree & ~comparable,
    }


def _group_key(by: str) -> Any:
    return {
        "agency": F("agency_id"),
        "province": Substr("agency__region_id", 1, 2),
        "regency": F("agency__region_id"),
        "election": F("case__election_id"),
    }[by]


def _aggregates(today: dt.date) -> dict[str, Any]:
    out: dict[str, Any] = {"received": Count("pk")}
    for name, cond in {**outcome_q(today), **level_q()}.items():
        out[name] = Count("pk", filter=cond)
    out["flagged"] = Count("pk", filter=Q(sanction__isnull=False) & ~Q(sanction__flag=""))
    if connection.vendor == "postgresql":
        out["median_days"] = Median(DaysBetween("sanction__imposed_on", "issued_on"))
    return out


def _medians(qs: QuerySet, key: Any) -> dict[Any, float | None]:
    """The portable median (SQLite): the days of every decree, per group, in Python."""
    days: dict[Any, list[int]] = defaultdict(list)
    rows = (
        qs.filter(sanction__isnull=False)
        .annotate(k=key, d=DaysBetween("sanction__imposed_on", "issued_on"))
        .values_list("k", "d")
        .order_by()
    )
    for k, d in rows.iterator(chunk_size=5000):
        days[k].append(d)
    return {k: float(statistics.median(v)) for k, v in days.items()}


def live_table(qs: QuerySet, by: str, today: dt.date) -> Table:
    """The figures of ``qs`` per ``by``, counted from the recommendations themselves."""
    key = _group_key(by)
    rows = list(qs.annotate(k=key).values("k").annotate(**_aggregates(today)).order_by())
    total_row = qs.aggregate(**_aggregates(today))
    medians = total_medians = None
    if connection.vendor != "postgresql":
        medians = _medians(qs, key)
        total_medians = _medians(qs, F("pk") * 0)
    figures = [_figures(r["k"], r, medians) for r in rows]
    total = _figures(None, total_row, None)
    if total_medians is not None:
        total.median_days = next(iter(total_medians.values()), None)
    label(figures, by)
    return Table(by=by, rows=figures, total=total)


def _figures(key: Any, row: dict[str, Any], medians: dict[Any, float | None] | None) -> Figures:
    out = Figures.of(key, row)
    out.median_days = row.get("median_days") if medians is None else medians.get(key)
    return out


def label(rows: list[Figures], by: str) -> None:
    """Name each row and keep what its page links need (agency code and kind)."""
    from netra.reference.models import Region
    from netra.registry.models import Agency

    keys = [r.key for r in rows if r.key is not None]
    if by == "agency":
        kinds = dict(Agency.Kind.choices)
        found = {
            pk: (code, name, kind)
            for pk, code, name, kind in Agency.objects.filter(pk__in=keys).values_list(
                "pk", "code", "name", "kind"
            )
        }
        for r in rows:
            code, name, kind = found.get(r.key, ("", "—", ""))
            r.label = name
            r.extra = {"code": code, "kind": kinds.get(kind, "")}
    elif by in ("province", "regency"):
        names = dict(Region.objects.filter(code__in=keys).values_list("code", "name"))
        for r in rows:
            r.label = names.get(r.key, "") if r.key else ""
            r.extra = {"code": r.key or ""}
    else:
        elections: dict[Any, str] = dict(
            Election.objects.filter(pk__in=keys).values_list("pk", "name")
        )
        for r in rows:
            r.label = elections.get(r.key, "—")


def compliance_table(
    user: Any, filters: Filters | None = None, *, by: str = "agency", today: dt.date | None = None
) -> Table:
    """The compliance figures ``user`` may see, one row per ``by`` (GROUPINGS), with the total."""
    if by not in GROUPINGS:
        raise ValueError(by)
    filters = filters or Filters()
    if is_staff_user(user) and user.role in (Role.AGENCY_PERSONNEL, Role.AGENCY_ADMIN):
        # Their own agency, whatever was asked (a province or kind filter does not apply).
        filters = Filters(election=filters.election, agency_id=user.agency_id)
    today = today or timezone.localdate()
    from . import compliance_summary_table as summary

    if summary.usable(user, filters, today):
        return summary.table(filters, by, today)
    return live_table(filtered(user, filters), by, today)
