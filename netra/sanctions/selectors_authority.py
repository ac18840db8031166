"""Reads for the authority's pages and API, scoped to the acting analyst's authority.

The inbox has one list per kind of work, each a page walked in index order (no COUNT over the whole
table): forwarded cases with proven persons still to recommend, oldest forward first (rule A1 is a
service level counted from the forward, so the oldest is the most urgent); then recommendations
awaiting the PPK, overdue, blocked, escalated and contested, earliest due day first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from netra.cases import deadlines
from netra.cases.models import CaseStatus, Decision, Forwarding, ReportedPerson

from .models import Block, Recommendation
from .permissions_authority import authority_of, authority_recommendations

PER_PAGE = 25
S = Recommendation.Status
TABS = ("to_recommend", "awaiting", "overdue", "blocked", "escalated", "contested")


@dataclass(frozen=True)
class Page:
    rows: list[Any]
    page: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def _page(qs: QuerySet, page: int, per_page: int) -> Page:
    page = max(1, page)
    start = (page - 1) * per_page
    rows = list(qs[start : start + per_page + 1])
    return Page(rows[:per_page], page, len(rows) > per_page)


@dataclass(frozen=True)
class ForwardRow:
    forwarding: Forwarding
    persons: list[ReportedPerson]
    deadline: deadlines.Deadline | None
    elapsed_days: int

    @property
    def case(self) -> Any:
        return self.forwarding.case


def _awaiting_persons() -> QuerySet:
    return Decision.objects.filter(case=OuterRef("case"), proven=True).exclude(
        Exists(Recommendation.objects.filter(reported_person=OuterRef("reported_person")))
    )


def forwards_to_recommend(user: Any, *, page: int = 1, per_page: int = PER_PAGE) -> Page:
    """Forwarded cases of the user's authority with proven persons lacking a recommendation."""
    authority = authority_of(user)
    if authority is None:
        return Page([], 1, False)
    lacking = ReportedPerson.objects.filter(decision__proven=True, recommendation__isnull=True)
    qs = (
        Forwarding.objects.filter(authority=authority, case__status=CaseStatus.FORWARDED)
        .filter(Exists(_awaiting_persons()))
        .select_related("case__election")
        .prefetch_related(
            Prefetch(
                "case__reported_persons",
                queryset=lacking.select_related("agency").order_by("name"),
                to_attr="lacking",
            )
        )
        .order_by("forwarded_on", "case_id")
    )
    result = _page(qs, page, per_page)
    now = timezone.now()
    rows = []
    for forwarding in result.rows:
        deadline = deadlines.running_deadline(forwarding.case)
        start = deadline.starts_at if deadline else now
        rows.append(
            ForwardRow(forwarding, forwarding.case.lacking, deadline, max(0, (now - start).days))
        )
    return Page(rows, result.page, result.has_next)


def _active_block() -> Exists:
    return Exists(Block.objects.filter(recommendation=OuterRef("pk"), lifted_on__isnull=True))


def recommendations_in(user: Any, tab: str) -> QuerySet:
    """One tab of recommendations the user's authority follows up, earliest due first."""
    qs = (
        authority_recommendations(user)
        .select_related("case", "agency", "reported_person", "recommended_sanction", "letter")
        .annotate(has_block=_active_block())
    )
    today = timezone.localdate()
    if tab == "awaiting":  # not yet due (the flag task may lag: the due day decides)
        qs = qs.filter(status=S.ISSUED).exclude(due_on__lt=today)
    elif tab == "overdue":
        qs = qs.filter(status=S.ISSUED, due_on__lt=today).exclude(_active_block())
    elif tab == "blocked":
        qs = qs.filter(status=S.ISSUED).filter(_active_block())
    elif tab in ("escalated", "contested"):
        qs = qs.filter(status=tab)
    else:
        return qs.none()
    return qs.order_by("due_on", "pk")


def recommendation_page(user: Any, tab: str, *, page: int = 1, per_page: int = PER_PAGE) -> Page:
    return _page(recommendations_in(user, tab), page, per_page)


def days_overdue(recommendation: Recommendation, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    if recommendation.due_on is None or recommendation.due_on >= today:
        return 0
    return (today - recommendation.due_on).days
