"""What every case service does around its own step: lock the case within the actor's scope, put the
step on the timeline, recompute the deadline, and write the audit entry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.audit.services import record

from .. import deadlines, queue_violations
from ..models import Case, CaseEvent, EventKind, PersonCategory
from ..permissions import lock_for_handling
from ..workflow import CaseError, transition_for

# Who the civil-service authority handles: ASN and non-ASN government staff (docs/legal/README.md).
CIVIL_SERVICE_CATEGORIES = (PersonCategory.PNS, PersonCategory.PPPK, PersonCategory.NON_ASN)


def locked(case: Case, actor: Any) -> Case:
    """The case row, locked for this transaction, after the jurisdiction check (one query)."""
    return lock_for_handling(case, actor)


def event(
    case: Case,
    actor: Any,
    *,
    from_status: str,
    reason: str = "",
    kind: str = EventKind.TRANSITION,
    at: dt.datetime | None = None,
    reporter_note: str = "",
    **data: Any,
) -> CaseEvent:
    """A step on the case timeline. Only steps a reporter may see go here (the reports app shows
    them on the follow page, with ``reporter_note``); hearings, notes and documents have their own
    tables and the audit trail."""
    return CaseEvent.objects.create(
        case=case,
        at=at or timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        from_status=from_status,
        to_status=case.status,
        reason=reason,
        kind=kind,
        data=data,
        reporter_note=reporter_note,
    )


def save(case: Case, action: str, actor: Any, summary: str, **data: Any) -> None:
    deadlines.refresh_due_on(case)
    case.save()
    queue_violations.follow(case)
    record(actor=actor, action=f"case.{action}", target=case, summary=summary, **data)


def required(value: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise CaseError(_("Please give %(what)s.") % {"what": what})
    return value


def transition(
    case: Case,
    actor: Any,
    action: str,
    *,
    reason: str = "",
    reporter_note: str = "",
    **changes: Any,
) -> Case:
    """Move the case along the workflow table (``workflow.transition_for``) in one transaction."""
    with transaction.atomic():
        case = locked(case, actor)
        before = case.status
        case.status = transition_for(before, action)
        for name, value in changes.items():
            setattr(case, name, value)
        event(case, actor, from_status=before, reason=reason, reporter_note=reporter_note)
        save(case, action, actor, f"{case.code}: {before} → {case.status}", reason=reason)
    return case


def refresh_deadline(*, case: Case) -> deadlines.Deadline | None:
    """Recompute and save ``case.due_on`` from the rules table (after a rule or holiday change)."""
    deadline = deadlines.refresh_due_on(case)
    Case.objects.filter(pk=case.pk).update(due_on=case.due_on, deadline_rule=case.deadline_rule)
    queue_violations.follow(case)
    return deadline


def as_of(day: dt.date) -> dt.datetime:
    """Noon of ``day``: the moment recorded for a step dated in the past."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
