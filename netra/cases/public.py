"""What a reporter may read of a case: its steps in public words, with no internal reasons and no
names (the reports app shows this on the follow page).

A report's journey can cross cases: merged into another case, or split off into a new one. The
reporter's timeline follows it back through every case it passed, each up to the moment it left,
and explains the steps that concern them: why it was not registered (the officer's note for the
reporters), that it joined another case, and the outcome of the plenary decision — how many of the
reported persons were found in violation and of which kind, never who, so nothing is said about a
person who was not found guilty (UU 27/2022 on personal data).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netra.reference.models import ViolationGroup

from .models import CaseEvent, CaseStatus, EventKind

PUBLIC_KINDS = (
    EventKind.TRANSITION,
    EventKind.MERGE_IN,
    EventKind.MERGE_OUT,
    EventKind.SPLIT_IN,
    EventKind.SPLIT_OUT,
    EventKind.HANDOVER,
)


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    label: str
    case_code: str
    status: str = ""  # the status reached, or the event kind (merge, split, hand-over)
    note: str = ""  # what the step means for the reporter, in public words


def _label(event: CaseEvent) -> str:
    if event.kind == EventKind.TRANSITION:
        return str(CaseStatus(event.to_status).label)
    label = str(EventKind(event.kind).label)
    other = event.data.get("into") or event.data.get("from_case")
    return f"{label} ({other})" if other else label


def _outcome(data: dict) -> str:
    proven, persons = int(data.get("proven", 0)), int(data.get("persons", 0))
    if not persons:
        return ""
    if not proven:
        return _("Bawaslu found no violation of neutrality by the reported persons.")
    groups = [str(ViolationGroup(g).label) for g in data.get("groups", []) if g in ViolationGroup]
    text = ngettext(
        "Bawaslu found a violation of ASN neutrality by %(proven)d of the %(persons)d reported "
        "persons.",
        "Bawaslu found violations of ASN neutrality by %(proven)d of the %(persons)d reported "
        "persons.",
        proven,
    ) % {"proven": proven, "persons": persons}
    return f"{text} ({'; '.join(groups)})" if groups else text


def _sanction_outcome(event: CaseEvent) -> str:
    """The end of the sanction stage in public words: what became of the recommendations, counted,
    never whose (the persons not found guilty were never part of it)."""
    outcome = event.data.get("outcome") or {}
    parts = []
    if outcome.get("followed_up"):
        parts.append(_("The employing agency acted on the sanction recommendation."))
    if outcome.get("referred"):
        parts.append(_("The findings were passed to the authority that employs the person."))
    if outcome.get("withdrawn"):
        parts.append(_("The civil-service authority withdrew a recommendation after review."))
    return " ".join(parts) or event.reporter_note


def public_note(event: CaseEvent, *, report_id: int) -> str:
    """The step in words for the reporter of ``report_id`` (empty when the label says it all)."""
    moved_here = report_id in event.data.get("reports", [])
    if event.kind == EventKind.MERGE_IN and moved_here:
        return _(
            "Your report is now handled together with other reports about the same event, in case "
            "%(code)s. Its status from now on is the status of that case."
        ) % {"code": event.case.code}
    if event.kind == EventKind.SPLIT_IN and moved_here:
        return _("Your report is now handled as a separate case, %(code)s.") % {
            "code": event.case.code
        }
    if event.kind != EventKind.TRANSITION:
        return ""
    if event.to_status == CaseStatus.NOT_REGISTERED and event.reporter_note:
        return _("Your report was not registered. Reason: %(reason)s") % {
            "reason": event.reporter_note
        }
    if event.to_status == CaseStatus.DECIDED:
        return _outcome(event.data)
    if event.to_status == CaseStatus.CLOSED and event.data.get("after") == "sanctions":
        return _sanction_outcome(event)
    if event.to_status == CaseStatus.FORWARDED and event.data.get("authority"):
        return _(
            "The findings were forwarded to %(authority)s, the civil-service authority, which "
            "recommends a sanction to the employee's agency."
        ) % {"authority": event.data["authority"]}
    return event.reporter_note


def reporter_timeline(*, case_id: int, report_id: int) -> list[TimelineEntry]:
    """The report's whole journey, across merges and splits: the events of the cases it passed
    through (each up to the moment it left), then its current case."""
    entries: list[TimelineEntry] = []
    current: int | None = case_id
    until: dt.datetime | None = None
    seen: set[int] = set()
    while current is not None and current not in seen:
        seen.add(current)
        events = (
            CaseEvent.objects.filter(case_id=current, kind__in=PUBLIC_KINDS)
            .select_related("case")
            .only("at", "kind", "to_status", "data", "reporter_note", "case__code")
            .order_by("at", "id")
        )
        arrived = None
        for event in events:
            if until is not None and event.at > until:
                break
            status = event.to_status if event.kind == EventKind.TRANSITION else event.kind
            note = public_note(event, report_id=report_id)
            entries.append(TimelineEntry(event.at, _label(event), event.case.code, status, note))
            if event.kind in (
                EventKind.MERGE_IN,
                EventKind.SPLIT_IN,
            ) and report_id in event.data.get("reports", []):
                arrived = event
        current = arrived.data.get("from_case_id") if arrived else None
        until = arrived.at if arrived else None
    return sorted(entries, key=lambda e: e.at)
