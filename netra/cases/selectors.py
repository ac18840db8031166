"""Reads over cases. Every function takes the acting user and scopes through accounts.permissions."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from netra.accounts.permissions import visible_cases

from .models import CaseStatus

OPEN_STATUSES = [
    CaseStatus.RECEIVED,
    CaseStatus.INITIAL_REVIEW,
    CaseStatus.REGISTERED,
    CaseStatus.CLARIFICATION,
    CaseStatus.DECIDED,
]


def case_queue(user, *, limit: int = 50) -> QuerySet:
    """Open cases in the user's jurisdiction, the most urgent first."""
    return (
        visible_cases(user)
        .filter(status__in=OPEN_STATUSES)
        .select_related("election", "incident_region")
        .order_by("due_on", "received_at")[:limit]
    )


def status_counts(user) -> list[tuple[str, str, int]]:
    """(status, label, number of cases) for every status, in workflow order."""
    rows = visible_cases(user).values("status").annotate(n=Count("pk")).order_by()
    counts = {row["status"]: row["n"] for row in rows}
    return [(status, str(label), counts.get(status, 0)) for status, label in CaseStatus.choices]
