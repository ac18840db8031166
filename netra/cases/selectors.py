"""Reads over cases. Every function over cases takes the acting user and scopes through
``permissions.py``; the reporter's view of a case is in ``public.py``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netra.accounts.models import Role, User
from netra.reference.models import Election, Region
from netra.registry.models import Agency

from .models import QUEUE_STATUSES, Case, CaseEvent, CaseStatus, ReportedPerson
from .permissions import visible_cases, visible_cases_for_queue

OPEN_STATUSES = [CaseStatus(s) for s in QUEUE_STATUSES]
# Most urgent first: the earliest deadline (overdue ones first), cases without a statutory deadline
# last, then the oldest. PostgreSQL sorts NULLs last in ascending order, so the index serves it.
URGENCY = (F("due_on").asc(nulls_last=True), "received_at", "id")


def case_queue(user, *, limit: int = 50) -> QuerySet:
    """Open cases in the user's jurisdiction, the most urgent first."""
    return (
        visible_cases(user)
        .filter(status__in=OPEN_STATUSES)
        .select_related("election", "incident_region")
        .order_by(*URGENCY)[:limit]
    )


def status_counts(user) -> list[tuple[str, str, int]]:
    """(status, label, number of cases) for every status, in workflow order."""
    rows = visible_cases(user).values("status").annotate(n=Count("pk")).order_by()
    counts = {row["status"]: row["n"] for row in rows}
    return [(status, str(label), counts.get(status, 0)) for status, label in CaseStatus.choices]


# --- The officer queue with filters ------------------------------------------------------------

DUE_CHOICES = ("overdue", "today", "week", "none")
DECIDED_STATUSES = [CaseStatus.DECIDED, CaseStatus.FORWARDED, CaseStatus.CLOSED]


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""  # "" open cases, "all", or one status
    due: str = ""  # "", or one of DUE_CHOICES
    region: str = ""  # incident region code; includes the regions below it
    agency: str = ""  # a reported person's agency code
    election: str = ""  # election code
    violation: str = ""  # violation type code (any catalogue version) in a decision


@dataclass
class QueueRow:
    case: Case
    days_left: int | None
    overdue: bool
    agencies: list[str] = field(default_factory=list)  # of the reported persons

    @property
    def overdue_by(self) -> int:
        return -self.days_left if self.overdue and self.days_left is not None else 0

    @property
    def time_left(self) -> str:
        """The row's time left in words (computed here: 50 rows of template logic cost more)."""
        if self.days_left is None:
            return str(_("no statutory deadline"))
        if self.overdue:
            n = self.overdue_by
            return ngettext("Overdue by %(n)d day", "Overdue by %(n)d days", n) % {"n": n}
        if self.days_left == 0:
            return str(_("Due today"))
        n = self.days_left
        return ngettext("%(n)d day left", "%(n)d days left", n) % {"n": n}

    @property
    def urgency(self) -> str:
        if self.overdue:
            return "overdue"
        return "soon" if self.days_left is not None and self.days_left <= 1 else ""


@dataclass
class QueuePage:
    rows: list[QueueRow]
    page: int
    has_next: bool
    today: dt.date
    filters: QueueFilters = field(default_factory=QueueFilters)


def filtered_cases(user: Any, filters: QueueFilters, *, today: dt.date) -> QuerySet[Case]:
    qs = visible_cases_for_queue(user)
    if filters.status == "all":
        statuses: list[str] | None = None
    elif filters.status in CaseStatus.values:
        statuses = [filters.status]
    else:
        statuses = list(OPEN_STATUSES)
    if filters.violation:
        # Only decided cases carry decisions: saying so narrows the scan to them.
        statuses = [s for s in (statuses or CaseStatus.values) if s in DECIDED_STATUSES]
    if statuses is not None:
        qs = qs.filter(status__in=statuses)
    match filters.due:
        case "overdue":
            qs = qs.filter(due_on__lt=today)
        case "today":
            qs = qs.filter(due_on=today)
        case "week":
            qs = qs.filter(due_on__lte=today + dt.timedelta(days=7))
        case "none":
            qs = qs.filter(due_on__isnull=True)
    if filters.region:
        code = filters.region
        places = Region.objects.filter(Q(code=code) | Q(code__startswith=code + "."))
        qs = qs.filter(incident_region_id__in=list(places.values_list("code", flat=True)))
    # Codes are resolved to ids first: PostgreSQL then plans with the real selectivity of the
    # column rather than a guess through a join (bench/case_queue.py).
    if filters.election:
        election = Election.objects.filter(code=filters.election).values_list("pk", flat=True)
        qs = qs.filter(election_id=election.first() or 0)
    if filters.agency:
        agency = Agency.objects.filter(code=filters.agency).values_list("pk", flat=True)
        qs = qs.filter(
            Exists(
                ReportedPerson.objects.filter(case=OuterRef("pk"), agency_id=agency.first() or 0)
            )
        )
    if filters.violation:
        # One CaseViolation row per case and code (queue_violations): a join, not a semi-join, so
        # queue_page can order by the row's copy of the urgency keys and walk its index.
        qs = qs.filter(violations__code=filters.violation)
    return qs


def urgency(filters: QueueFilters) -> tuple[Any, ...]:
    """The queue's order, most urgent first. With a violation filter, the same keys read from the
    joined CaseViolation row (kept equal to the case's), which its index holds in this order."""
    if filters.violation:
        return (
            F("violations__due_on").asc(nulls_last=True),
            "violations__received_at",
            "violations__case_id",
        )
    return URGENCY


def _agency_names(case_ids: list[int]) -> dict[int, list[str]]:
    """The agencies of each case's reported persons, in one query for the whole page."""
    names: dict[int, list[str]] = {}
    rows = (
        ReportedPerson.objects.filter(case_id__in=case_ids, agency__isnull=False)
        .order_by("case_id", "agency__name")
        .values_list("case_id", "agency__name")
        .distinct()
    )
    for case_id, name in rows:
        names.setdefault(case_id, []).append(name)
    return names


def queue_page(
    user: Any,
    filters: QueueFilters,
    *,
    page: int = 1,
    per_page: int = 50,
    today: dt.date | None = None,
) -> QueuePage:
    """One page of the officer queue, most urgent first. No COUNT(*): one row more tells whether
    there is a next page, so the first page stays fast on a million cases."""
    today = today or timezone.localdate()
    page = max(1, page)
    qs = (
        filtered_cases(user, filters, today=today)
        .select_related("election", "incident_region")
        .only(
            "code",
            "status",
            "origin",
            "handling_level",
            "jurisdiction_code",
            "received_at",
            "due_on",
            "deadline_rule",
            "election__name",
            "election__kind",
            "incident_region__name",
        )
        .order_by(*urgency(filters))
    )
    start = (page - 1) * per_page
    cases = list(qs[start : start + per_page + 1])
    agencies = _agency_names([c.pk for c in cases[:per_page]])
    rows = [
        QueueRow(
            case=c,
            days_left=None if c.due_on is None else (c.due_on - today).days,
            overdue=c.due_on is not None and c.due_on < today,
            agencies=agencies.get(c.pk, []),
        )
        for c in cases[:per_page]
    ]
    return QueuePage(rows, page, len(cases) > per_page, today, filters)


# --- One case ------------------------------------------------------------------------------------


def for_case_page() -> QuerySet[Case]:
    """What the case pages read with the case, in the same query."""
    return Case.objects.select_related("election", "incident_region", "merged_into", "split_from")


def case_for_handling(user: Any, code: str) -> Case | None:
    return visible_cases(user, for_case_page()).filter(code=code).first()


def timeline(case: Case) -> QuerySet[CaseEvent]:
    return case.events.select_related("actor").order_by("at", "id")


def handling_officers(jurisdiction_code: str) -> QuerySet[User]:
    """The officers of the office that handles a case (its exact office, not the ones above)."""
    return User.objects.filter(
        role=Role.BAWASLU_OFFICER,
        is_active=True,
        region_id=jurisdiction_code or None,
    ).exclude(email="")
