"""The authority-wide compliance table read from counts made ahead (``ComplianceTally``).

Why: the live count (netra/sanctions/compliance.py ``live_table``) over 200,000 recommendations,
their decrees and contests, joined to their cases for the election, takes about 400 ms on
PostgreSQL; the page's budget is 100 ms (shared/PERFORMANCE.md). The figures per election and agency
are few (elections × agencies, about 2,500 rows), so the page sums those instead.

Freshness: ``ignored`` and ``open`` depend on the day, so a tally holds its ``as_of`` date and is
used only on that day; the task worker recounts every hour (netra/ops/schedule.py) and, through
``post_save`` receivers, within ``NETRA_COMPLIANCE_REFRESH_DELAY`` seconds of a recommendation,
decree or contest being saved. The page states when it was counted. Only the authority's view
(every recommendation) reads the tally; a PPK's or a Bawaslu officer's narrower scope is counted
live, which is fast for one agency and shows their own changes at once.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import time
from collections import defaultdict
from functools import partial
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Max, QuerySet, Sum, Value
from django.db.models.functions import Substr
from django.db.models.signals import post_save
from django.utils import timezone

from netra.accounts.permissions import Role, is_staff_user

from .compliance import (
    COUNTS,
    DaysBetween,
    Figures,
    Filters,
    Table,
    _aggregates,
    in_province,
    label,
)
from .models import ComplianceDays, ComplianceTally, Contest, Recommendation, Sanction

log = logging.getLogger(__name__)
_last_request = [-math.inf]


def usable(user: Any, filters: Filters, today: dt.date) -> bool:
    """A scope the tally can express (the authority: everything; an agency role: its own agency,
    which compliance_table always sets as the filter), and a tally counted today."""
    if not is_staff_user(user):
        return False
    own = user.role in (Role.AGENCY_PERSONNEL, Role.AGENCY_ADMIN) and user.agency_id
    if not (user.role == Role.AUTHORITY_ANALYST or (own and filters.agency_id == user.agency_id)):
        return False
    return ComplianceTally.objects.filter(as_of=today).exists()


def counted_at(today: dt.date) -> dt.datetime | None:
    return (
        ComplianceTally.objects.filter(as_of=today)
        .order_by("-counted_at")
        .values_list("counted_at", flat=True)
        .first()
    )


def _filtered(qs: QuerySet, filters: Filters) -> QuerySet:
    if filters.election is not None:
        qs = qs.filter(election=filters.election)
    if filters.province:
        qs = qs.filter(in_province(filters.province))
    if filters.agency_kind:
        qs = qs.filter(agency__kind=filters.agency_kind)
    if filters.agency_id is not None:
        qs = qs.filter(agency_id=filters.agency_id)
    return qs


def _key(by: str) -> Any:
    return {
        "agency": F("agency_id"),
        "province": Substr("agency__region_id", 1, 2),
        "regency": F("agency__region_id"),
        "election": F("election_id"),
    }[by]


def table(filters: Filters, by: str, today: dt.date) -> Table:
    qs = _filtered(ComplianceTally.objects.filter(as_of=today), filters)
    sums = {c: Sum(c) for c in COUNTS}
    rows = [
        Figures.of(r["k"], r)
        for r in qs.annotate(k=_key(by)).values("k").annotate(**sums).order_by()
    ]
    total_row = qs.aggregate(**sums)
    total = Figures.of(None, total_row)
    days = _filtered(ComplianceDays.objects.all(), filters)
    if by == "agency":  # each agency's median is kept with its tally
        field = "median_days" if filters.election is not None else "agency_median_days"
        medians = dict(qs.values("agency_id").annotate(m=Max(field)).values_list("agency_id", "m"))
        overall = _medians(days, "election")[1]
    else:
        medians, overall = _medians(days, by)
    for r in rows:
        r.median_days = medians.get(r.key)
    total.median_days = overall
    label(rows, by)
    return Table(by=by, rows=rows, total=total)


def weighted_median(counts: dict[int, int]) -> float | None:
    """The median of a multiset given as {value: how many}, as PERCENTILE_CONT(0.5) computes it."""
    n = sum(counts.values())
    if not n:
        return None
    wanted = [(n - 1) // 2, n // 2]  # the 0-based positions of the middle value(s)
    found: list[int] = []
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        while len(found) < 2 and wanted[len(found)] < seen:
            found.append(value)
    return (found[0] + found[1]) / 2


MEDIAN_SQL = """
WITH h AS ({histogram}),
c AS (SELECT k, days, s, SUM(s) OVER (PARTITION BY k ORDER BY days) AS cum,
             SUM(s) OVER (PARTITION BY k) AS tot FROM h)
SELECT k, (MIN(days) FILTER (WHERE cum - s <= (tot - 1) / 2 AND (tot - 1) / 2 < cum)
         + MIN(days) FILTER (WHERE cum - s <= tot / 2 AND tot / 2 < cum)) / 2.0
FROM c GROUP BY k
"""


def _medians(qs: QuerySet, by: str) -> tuple[dict[Any, float | None], float | None]:
    if connection.vendor == "postgresql":
        return _medians_sql(qs, by)
    return _medians_python(qs, by)


def _medians_sql(qs: QuerySet, by: str) -> tuple[dict[Any, float | None], float | None]:
    """Medians per group and overall from the day counts, in the database (PostgreSQL): the value
    at the middle position(s) of each group's running total."""
    out: dict[str, dict[Any, float | None]] = {}
    for key, name in ((_key(by), "groups"), (Value(0), "overall")):
        histogram = qs.annotate(k=key).values("k", "days").annotate(s=Sum("n")).order_by()
        sql, params = histogram.query.sql_with_params()
        with connection.cursor() as cur:
            cur.execute(MEDIAN_SQL.format(histogram=sql), params)
            out[name] = {k: float(m) for k, m in cur.fetchall()}
    return out["groups"], next(iter(out["overall"].values()), None)


def _medians_python(qs: QuerySet, by: str) -> tuple[dict[Any, float | None], float | None]:
    groups: dict[Any, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    overall: dict[int, int] = defaultdict(int)
    rows = qs.annotate(k=_key(by)).values_list("k", "days").annotate(s=Sum("n")).order_by()
    for k, days, n in rows:
        groups[k][days] += n
        overall[days] += n
    return {k: weighted_median(v) for k, v in groups.items()}, weighted_median(overall)


def refresh(today: dt.date | None = None) -> dict[str, Any]:
    """Recount every election and agency as of ``today`` and replace the tally in one transaction."""
    started = time.perf_counter()
    today = today or timezone.localdate()
    now = timezone.now()
    recs = Recommendation.objects.all()
    aggregates = {k: v for k, v in _aggregates(today).items() if k != "median_days"}
    grouped = recs.values("case__election_id", "agency_id").annotate(**aggregates).order_by()
    tallies = [
        ComplianceTally(
            as_of=today,
            counted_at=now,
            election_id=r["case__election_id"],
            agency_id=r["agency_id"],
            **{c: dict(r)[c] for c in COUNTS},
        )
        for r in grouped
    ]
    days = (
        recs.filter(sanction__isnull=False)
        .annotate(d=DaysBetween("sanction__imposed_on", "issued_on"))
        .values_list("case__election_id", "agency_id", "d")
        .annotate(n=Count("pk"))
        .order_by()
    )
    histogram = [ComplianceDays(election_id=e, agency_id=a, days=d, n=n) for e, a, d, n in days]
    per_election: dict[tuple[int, int], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    per_agency: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for h in histogram:
        per_election[h.election_id, h.agency_id][h.days] += h.n
        per_agency[h.agency_id][h.days] += h.n
    for t in tallies:
        t.median_days = weighted_median(per_election.get((t.election_id, t.agency_id), {}))
        t.agency_median_days = weighted_median(per_agency.get(t.agency_id, {}))
    with transaction.atomic():
        ComplianceTally.objects.all().delete()
        ComplianceDays.objects.all().delete()
        ComplianceTally.objects.bulk_create(tallies, batch_size=2000)
        ComplianceDays.objects.bulk_create(histogram, batch_size=5000)
    ms = round((time.perf_counter() - started) * 1000)
    log.info("compliance tally: %d rows, %d day counts in %d ms", len(tallies), len(histogram), ms)
    return {"tallies": len(tallies), "days": len(histogram), "ms": ms}


# -- keeping it fresh ---------------------------------------------------------------------------


def _changed(sender: Any, instance: Any, raw: bool = False, **_kwargs: Any) -> None:
    if not raw:
        transaction.on_commit(partial(request_refresh), robust=True)


def connect() -> None:
    for model in (Recommendation, Sanction, Contest):
        post_save.connect(_changed, sender=model, dispatch_uid=f"compliance.{model.__name__}")


def request_refresh() -> bool:
    """Ask the worker to recount soon; False if this process asked within the delay."""
    delay = getattr(settings, "NETRA_COMPLIANCE_REFRESH_DELAY", 60)
    now = time.monotonic()
    if now - _last_request[0] < delay:
        return False
    _last_request[0] = now
    from .tasks_compliance import refresh_compliance_tally

    task = refresh_compliance_tally
    if task.get_backend().supports_defer and delay > 0:
        task = task.using(run_after=timezone.now() + dt.timedelta(seconds=delay))
    task.enqueue()
    return True
