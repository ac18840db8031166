"""Reads for the reporter's status page and the officer's case page."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from netra.accounts.permissions import visible_cases
from netra.cases import selectors as cases_selectors
from netra.cases.models import Case
from netra.cases.selectors import TimelineEntry

from .models import Evidence, IdentityReveal, Message, Report


def reporter_timeline(report: Report) -> list[TimelineEntry]:
    """The report's journey across merges and splits (netra/cases): statuses, no internal reasons."""
    return cases_selectors.reporter_timeline(report)


def reporter_thread(report: Report) -> QuerySet[Message]:
    return report.messages.prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.only("id", "message_id", "kind", "url",
                                                           "original_name", "size", "sha256"))
    )  # fmt: skip


def case_for_officer(user: Any, code: str) -> Case | None:
    return (
        visible_cases(user)
        .select_related("election", "incident_region")
        .prefetch_related("reported_persons__agency")
        .filter(code=code)
        .first()
    )


def reports_for_officer(case: Case) -> QuerySet[Report]:
    return case.reports.order_by("submitted_at").prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.order_by("submitted_at", "id")),
        Prefetch("messages", queryset=Message.objects.select_related("officer")),
        Prefetch(
            "reveals",
            queryset=IdentityReveal.objects.select_related("requested_by", "decided_by"),
        ),
    )
