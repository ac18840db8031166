"""Reads for the reporter's status page and the officers' reports tab of a case."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from netra.cases.models import Case
from netra.cases.public import TimelineEntry
from netra.cases.public import reporter_timeline as case_timeline

from .models import Evidence, IdentityReveal, Message, Report


def reporter_timeline(report: Report) -> list[TimelineEntry]:
    """The report's journey across merges and splits (netra/cases/public.py): steps in public
    words, no internal reasons, no names."""
    return case_timeline(case_id=report.case_id, report_id=report.pk)


def reporter_thread(report: Report) -> QuerySet[Message]:
    return report.messages.prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.only("id", "message_id", "kind", "url",
                                                           "original_name", "size", "sha256"))
    )  # fmt: skip


def reports_for_officer(case: Case) -> QuerySet[Report]:
    return case.reports.order_by("submitted_at").prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.order_by("submitted_at", "id")),
        Prefetch("messages", queryset=Message.objects.select_related("officer")),
        Prefetch(
            "reveals",
            queryset=IdentityReveal.objects.select_related("requested_by", "decided_by"),
        ),
    )


def evidence_list(case: Case) -> QuerySet[Evidence]:
    """The evidence of every report on ``case`` as a list for readers outside Bawaslu (the
    civil-service authority's case file): what was received and when, its size and hash, never the
    report, its messages or the photo's position (only these columns are loaded)."""
    return (
        Evidence.objects.filter(report__case=case)
        .only(
            "id", "kind", "url", "original_name", "content_type", "size", "sha256",
            "submitted_at", "removed_at",
        )
        .order_by("submitted_at", "id")
    )  # fmt: skip
