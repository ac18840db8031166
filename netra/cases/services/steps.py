"""The plain workflow steps of a case (``workflow.TRANSITIONS``): review, register or decline,
clarification, more time, close. Each checks the table, then the actor's scope under the row lock."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Case, EventKind
from ..workflow import CaseError, transition_for
from .base import event, locked, required, save, transition


def start_review(*, case: Case, actor: Any, reason: str = "") -> Case:
    return transition(case, actor, "start_review", reason=reason)


def register_case(*, case: Case, actor: Any, reason: str = "") -> Case:
    return transition(case, actor, "register", reason=reason, registered_at=timezone.now())


def decline_registration(*, case: Case, actor: Any, reason: str) -> Case:
    """Not registered (Perbawaslu 7/2022 Pasal 22; docs/legal/deadlines.md P3a): the reason is
    written for the reporters, who read it on their follow page."""
    transition_for(case.status, "decline")
    reason = required(reason, _("the reason the reporter will read"))
    return transition(
        case, actor, "decline", reason=reason, reporter_note=reason, closed_at=timezone.now()
    )


def start_clarification(*, case: Case, actor: Any, reason: str = "") -> Case:
    return transition(case, actor, "start_clarification", reason=reason)


def request_more_time(*, case: Case, actor: Any, reason: str) -> Case:
    """The extension for more information (UU 7/2017 Pasal 454(8): 14 working days in all from
    registration; UU 10/2016 Pasal 134(6): 5 days in all from receipt). Once per case."""
    transition_for(case.status, "request_more_time")
    reason = required(reason, _("the reason more information is needed"))
    with transaction.atomic():
        case = locked(case, actor)
        transition_for(case.status, "request_more_time")
        if case.needs_more_info:
            raise CaseError(_("The deadline of this case has already been extended."))
        case.needs_more_info = True
        event(case, actor, from_status=case.status, reason=reason, kind=EventKind.MORE_TIME)
        save(case, "more_time", actor, f"{case.code}: more time", reason=reason)
    return case


def close_case(*, case: Case, actor: Any, reason: str) -> Case:
    transition_for(case.status, "close")
    reason = required(reason, _("the reason for closing"))
    return transition(case, actor, "close", reason=reason, closed_at=timezone.now())
