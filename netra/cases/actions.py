"""From a request to a case service: the step's inputs, and one entry point by action name.

Shared by the HTML views (views.py) and the staff API (api.py), which parse their own input into
``Inputs`` and call ``perform``; the service it calls checks the workflow table and the officer's
scope under the row lock, so nothing is checked twice here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from . import services
from .models import Case
from .permissions import handling_scope
from .services import Finding
from .workflow import CaseError, transition_for


@dataclass
class Inputs:
    reason: str = ""
    note: str = ""
    decided_on: dt.date | None = None
    forwarded_on: dt.date | None = None
    findings: list[Finding] = field(default_factory=list)
    direction: str = ""
    to_code: str = ""
    other_codes: list[str] = field(default_factory=list)
    report_ids: list[int] = field(default_factory=list)
    person_ids: list[int] = field(default_factory=list)
    summary: str = ""


def _merge(case: Case, actor: Any, inputs: Inputs) -> Case:
    others = []
    for code in inputs.other_codes:
        other = Case.objects.filter(handling_scope(actor), code=code.strip()).first()
        if other is None:
            raise CaseError(_("No case %(code)s that you handle.") % {"code": code})
        others.append(other)
    return services.merge_cases(case=case, others=others, actor=actor, reason=inputs.reason)


def _decide(case: Case, actor: Any, inputs: Inputs) -> Case:
    if inputs.decided_on is None:
        raise CaseError(_("Please give the decision date."))
    return services.decide_case(
        case=case,
        actor=actor,
        decided_on=inputs.decided_on,
        findings=inputs.findings,
        reason=inputs.reason,
    )


Step = Callable[[Case, Any, Inputs], Case]
STEPS: dict[str, Step] = {
    "start_review": lambda c, a, i: services.start_review(case=c, actor=a, reason=i.reason),
    "register": lambda c, a, i: services.register_case(case=c, actor=a, reason=i.reason),
    "decline": lambda c, a, i: services.decline_registration(case=c, actor=a, reason=i.reason),
    "start_clarification": lambda c, a, i: services.start_clarification(
        case=c, actor=a, reason=i.reason
    ),
    "request_more_time": lambda c, a, i: services.request_more_time(
        case=c, actor=a, reason=i.reason
    ),
    "close": lambda c, a, i: services.close_case(case=c, actor=a, reason=i.reason),
    "forward": lambda c, a, i: services.forward_case(
        case=c, actor=a, forwarded_on=i.forwarded_on, note=i.note
    ),
    "decide": _decide,
    "hand_over": lambda c, a, i: services.hand_over(
        case=c, actor=a, direction=i.direction, reason=i.reason, to_code=i.to_code
    ),
    "merge": _merge,
    "split": lambda c, a, i: services.split_case(
        case=c,
        actor=a,
        report_ids=i.report_ids,
        person_ids=i.person_ids,
        reason=i.reason,
        summary=i.summary,
    ),
}


def perform(action: str, *, case: Case, actor: Any, inputs: Inputs) -> Case:
    """Run ``action`` by name; refused before anything is read if the workflow forbids it."""
    transition_for(case.status, action)
    step = STEPS.get(action)
    if step is None:  # pragma: no cover - the workflow table names every step
        raise CaseError(_("Unknown action “%(action)s”.") % {"action": action})
    return step(case, actor, inputs)
