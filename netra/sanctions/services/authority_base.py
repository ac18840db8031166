"""What every authority-side step shares: its refusals, the timeline entry, the audit record, and
the row locks that check the actor's authority in the same query."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from netra.audit.services import record
from netra.cases.models import Case, CaseStatus
from netra.cases.services import add_stage_event
from netra.reference.calendar import add_days, deadline_rules
from netra.reference.models import CivilServiceAuthority, DayUnit, DeadlineRule

from ..models import Recommendation
from ..permissions_authority import authority_of, followed_up_by
from .refusals import Conflict, NotYours, Refused


def acting_authority(actor: Any) -> CivilServiceAuthority:
    authority = authority_of(actor)
    if authority is None:
        raise NotYours(_("Only an analyst of the civil-service authority can do this."))
    return authority


def lock_forwarded_case(case_id: int, authority: CivilServiceAuthority) -> Case:
    """The forwarded case, locked, if it was forwarded to ``authority`` (else NotYours)."""
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("election", "forwarding")
        .filter(pk=case_id, forwarding__authority=authority)
        .first()
    )
    if case is None:
        raise NotYours(_("This case was not forwarded to your authority."))
    if case.status != CaseStatus.FORWARDED:
        raise Conflict(_("This case is no longer open for recommendations."))
    return case


def lock_recommendation(recommendation_id: int, actor: Any) -> Recommendation:
    """The recommendation, locked, if the actor's authority follows it up (else NotYours)."""
    authority = acting_authority(actor)
    found = (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("case", "agency", "reported_person", "authority")
        .filter(followed_up_by(authority), pk=recommendation_id)
        .first()
    )
    if found is None:
        raise NotYours(_("This recommendation is not followed up by your authority."))
    return found


def step(
    *,
    case: Case,
    actor: Any,
    kind: str,
    action: str,
    target: Any,
    summary: str,
    reason: str = "",
    actor_label: str = "",
    **data: Any,
) -> None:
    """The case timeline entry (internal: no reporter note) and the audit record, written last."""
    add_stage_event(case=case, actor=actor, step=action, reason=reason, kind=kind, **data)
    record(
        actor=actor,
        actor_label=actor_label,
        action=f"sanctions.{action}",
        target=target,
        summary=summary,
        **data,
    )


def rule(code: str) -> DeadlineRule | None:
    return next((r for r in deadline_rules() if r.code == code), None)


def days_after(start: dt.date, code: str) -> dt.date | None:
    """The last day of rule ``code``'s period from ``start`` (None when the rule has no count)."""
    found = rule(code)
    if found is None or found.value is None:
        return None
    if found.unit not in (DayUnit.CALENDAR_DAY, DayUnit.WORKING_DAY):
        return None
    return add_days(start, found.value, found.unit)


def not_in_future(day: dt.date, what: str) -> dt.date:
    if day > timezone.localdate():
        raise Refused(_("%(what)s cannot be in the future.") % {"what": what})
    return day
