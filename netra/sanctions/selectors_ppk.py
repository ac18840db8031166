"""What the PPK reads: their agency's inbox of recommendations and one recommendation's file.

The inbox is two lists, each one simple query on the index (agency, status, due_on): the open ones
(awaiting, contested, escalated) by due date, the overdue first, and the done ones below, newest
settled first. Each row carries what the table shows (the person, the recommended form, an active
block) through joins and one EXISTS, never a query per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, OuterRef, QuerySet
from django.http import Http404

from netra.accounts.permissions import Role, is_staff_user
from netra.cases.models import Decision

from .models import Block, Recommendation

S = Recommendation.Status
OPEN = (S.ISSUED, S.CONTESTED, S.ESCALATED)
DONE = (S.FOLLOWED_UP, S.REFERRED, S.WITHDRAWN)
PAGE_SIZE = 25
ROW_FIELDS = (
    "id",
    "number",
    "status",
    "issued_on",
    "due_on",
    "overdue_since",
    "settled_at",
    "recommended_level",
    "route",
    "agency_id",
    "reported_person__name",
    "reported_person__nip",
    "reported_person__position_title",
    "recommended_sanction__code",
    "recommended_sanction__name_id",
    "recommended_sanction__name_en",
    "recommended_sanction__legal_basis",
)


def is_ppk(user: Any) -> bool:
    return is_staff_user(user) and user.role == Role.AGENCY_PERSONNEL and bool(user.agency_id)


def agency_recommendations(user: Any) -> QuerySet:
    """Recommendations addressed to ``user``'s agency; none for anyone but its PPK."""
    if not is_ppk(user):
        return Recommendation.objects.none()
    return Recommendation.objects.filter(agency_id=user.agency_id)


def _rows(qs: QuerySet) -> QuerySet:
    active_block = Block.objects.filter(recommendation=OuterRef("pk"), lifted_on__isnull=True)
    return (
        qs.select_related("reported_person", "recommended_sanction")
        .only(*ROW_FIELDS)
        .annotate(blocked=Exists(active_block))
    )


@dataclass(frozen=True)
class Inbox:
    open: Page
    done: Page


def inbox(user: Any, *, page: Any = 1, done_page: Any = 1) -> Inbox:
    mine = agency_recommendations(user)
    open_rows = _rows(mine.filter(status__in=OPEN)).order_by(F("due_on").asc(nulls_last=True), "id")
    done_rows = _rows(mine.filter(status__in=DONE)).order_by(
        F("settled_at").desc(nulls_last=True), "-id"
    )
    return Inbox(
        open=Paginator(open_rows, PAGE_SIZE).get_page(page),
        done=Paginator(done_rows, PAGE_SIZE).get_page(done_page),
    )


def recommendation_for_ppk(user: Any, ref: str) -> Recommendation:
    """One recommendation of ``user``'s agency by number or id; 404 for any other (another
    agency's number is indistinguishable from a missing one)."""
    qs = agency_recommendations(user).select_related(
        "case__election",
        "case__incident_region",
        "reported_person",
        "recommended_sanction",
        "authority",
        "report_to",
        "agency",
        "letter",
        "catalogue_version",
    )
    found = qs.filter(number=ref).first()
    if found is None and ref.isascii() and ref.isdigit() and len(ref) < 19:
        found = qs.filter(pk=int(ref)).first()
    if found is None:
        raise Http404
    return found


def decision_of(recommendation: Recommendation) -> Decision | None:
    """The plenary decision on THIS person only (never the case's other persons)."""
    return (
        Decision.objects.filter(reported_person_id=recommendation.reported_person_id)
        .prefetch_related("violation_types")
        .first()
    )


def active_block(recommendation: Recommendation) -> Block | None:
    return Block.objects.filter(recommendation=recommendation, lifted_on__isnull=True).first()
