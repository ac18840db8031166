"""The internal dashboard of a Bawaslu office: its open cases by stage, what is due, the time each
stage takes, the workload of its officers and where cases come from. Live queries over the cases the
officer may see (``cases.permissions.visible_cases``): staff figures, not suppressed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from netra.accounts.models import Role, User
from netra.accounts.permissions import region_prefix_q
from netra.cases.models import QUEUE_STATUSES, Case, CaseEvent, CaseStatus
from netra.cases.permissions import visible_cases
from netra.reference.models import Election, Region

# Each stage as the time between two of the case's own timestamps (set by the workflow services).
STAGES = (
    ("received_at", "registered_at", _("Receipt to registration (incl. kajian awal)")),
    ("registered_at", "decided_at", _("Registration to plenary decision")),
    ("decided_at", "forwarded_at", _("Decision to forwarding")),
    ("forwarded_at", "closed_at", _("Forwarding to closing")),
)


@dataclass
class OfficeFigures:
    by_stage: list[tuple[str, str, int]]
    due: dict[str, int]
    stage_times: list[tuple[str, float | None, int]]
    officers: list[dict[str, Any]]
    hotspots: list[tuple[str, str, int]]
    filters: dict[str, Any] = field(default_factory=dict)


def scoped_cases(
    user: Any,
    *,
    election: Election | None = None,
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
) -> QuerySet[Case]:
    qs = visible_cases(user)
    if election is not None:
        qs = qs.filter(election=election)
    if received_from is not None:
        qs = qs.filter(received_at__date__gte=received_from)
    if received_to is not None:
        qs = qs.filter(received_at__date__lte=received_to)
    return qs.order_by()


def office_figures(user: Any, *, today: dt.date, **filters: Any) -> OfficeFigures:
    qs = scoped_cases(user, **filters)
    open_cases = qs.filter(status__in=QUEUE_STATUSES)
    counts = dict(open_cases.values_list("status").annotate(n=Count("pk")))
    by_stage = [
        (s, str(label), counts.get(s, 0)) for s, label in CaseStatus.choices if s in QUEUE_STATUSES
    ]
    due = open_cases.aggregate(
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        today=Count("pk", filter=Q(due_on=today)),
        week=Count("pk", filter=Q(due_on__gte=today, due_on__lte=today + dt.timedelta(days=7))),
        none=Count("pk", filter=Q(due_on__isnull=True)),
    )
    return OfficeFigures(
        by_stage=by_stage,
        due=due,
        stage_times=_stage_times(qs),
        officers=_officers(user, qs, **filters),
        hotspots=_hotspots(user, qs),
        filters=filters,
    )


def _stage_times(qs: QuerySet[Case]) -> list[tuple[str, float | None, int]]:
    aggregates: dict[str, Any] = {}
    for i, (start, end, _label) in enumerate(STAGES):
        span = ExpressionWrapper(F(end) - F(start), output_field=DurationField())
        done = Q(**{f"{start}__isnull": False, f"{end}__isnull": False})
        aggregates[f"avg{i}"] = Avg(span, filter=done)
        aggregates[f"n{i}"] = Count("pk", filter=done)
    found = qs.aggregate(**aggregates)
    out = []
    for i, (_start, _end, label) in enumerate(STAGES):
        average = found[f"avg{i}"]
        if isinstance(average, (int, float)):  # SQLite: microseconds
            average = dt.timedelta(microseconds=average)
        days = None if average is None else round(average.total_seconds() / 86400, 1)
        out.append((str(label), days, found[f"n{i}"]))
    return out


def _officers(user: Any, qs: QuerySet[Case], **filters: Any) -> list[dict[str, Any]]:
    """Each officer of the offices in sight: steps they took on these cases, and the open cases of
    their office (cases belong to offices, not to one officer)."""
    officers = User.objects.filter(role=Role.BAWASLU_OFFICER, is_active=True)
    if user.region_id:
        officers = officers.filter(region_prefix_q("region__code", user.region_id))
    officers = officers.order_by("region_id", "username")[:200]
    events = CaseEvent.objects.filter(case__in=qs.values("pk"), actor__in=officers)
    if filters.get("received_from"):
        events = events.filter(at__date__gte=filters["received_from"])
    if filters.get("received_to"):
        events = events.filter(at__date__lte=filters["received_to"])
    steps = dict(events.order_by().values_list("actor_id").annotate(n=Count("pk")))
    open_by_office = dict(
        qs.filter(status__in=QUEUE_STATUSES)
        .values_list("jurisdiction_code")
        .annotate(n=Count("pk"))
    )
    return [
        {
            "officer": o,
            "steps": steps.get(o.pk, 0),
            "office_open": open_by_office.get(o.region_id or "", 0),
        }
        for o in officers
    ]


def _hotspots(user: Any, qs: QuerySet[Case], limit: int = 10) -> list[tuple[str, str, int]]:
    """Where the cases in sight happened, one level below the office (RI: provinces; a province:
    its kabupaten/kota; a kabupaten/kota: its kecamatan), most first."""
    width = {None: 2, 2: 5}.get(len(user.region_id) if user.region_id else None, 8)
    rows = list(
        qs.annotate(place=Substr("incident_region_id", 1, width))
        .values("place")
        .annotate(n=Count("pk"))
        .order_by("-n", "place")
        .values_list("place", "n")[:limit]
    )
    names = dict(Region.objects.filter(code__in=[c for c, _n in rows]).values_list("code", "name"))
    return [(code, names.get(code, code), n) for code, n in rows]
