"""The handling workflow: every allowed (status, action) → status, and what each action needs.

This table is the one place transitions are allowed; ``services`` asks ``transition_for`` before it
changes anything, and the case page and the API offer only ``allowed_actions(status)``. Actions that
do not change the status (handing over, asking for more time, merging, splitting) are in the table
too, so that what may happen to a case in each status is read in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import CaseStatus

S = CaseStatus


class CaseError(Exception):
    """A request the case cannot take: shown to the officer as is (4xx), nothing is written."""

    status_code = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class TransitionNotAllowed(CaseError):
    status_code = 409


@dataclass(frozen=True)
class Action:
    name: str
    label: Any  # a lazy translation
    inputs: tuple[str, ...]  # required inputs, besides the acting officer
    optional: tuple[str, ...] = ()


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action("start_review", _("Start the initial review (kajian awal)"), (), ("reason",)),
        Action("register", _("Register the report"), (), ("reason",)),
        # Perbawaslu 7/2022: a report that fails the requirements is not registered; the reporter
        # is told why.
        Action("decline", _("Do not register (reason sent to the reporter)"), ("reason",)),
        Action("start_clarification", _("Start clarification (klarifikasi)"), (), ("reason",)),
        # UU 7/2017 Pasal 454(8); UU 10/2016 Pasal 134(6): once per case.
        Action(
            "request_more_time", _("More information needed (extend the deadline)"), ("reason",)
        ),
        Action("decide", _("Record the plenary decision (pleno)"), ("decided_on", "findings")),
        Action(
            "forward", _("Forward to the civil-service authority"), (), ("forwarded_on", "note")
        ),
        Action("close", _("Close the case"), ("reason",)),
        Action("hand_over", _("Hand over to another office"), ("direction", "reason")),
        Action("merge", _("Merge a duplicate case into this one"), ("other_codes", "reason")),
        Action("split", _("Split reports or persons into a new case"), ("reason",)),
    )
}

# (from, action, to). One row per allowed step; anything else is refused.
OPEN_FOR_CHANGES = (S.RECEIVED, S.INITIAL_REVIEW, S.REGISTERED, S.CLARIFICATION)
TRANSITIONS: tuple[tuple[str, str, str], ...] = (
    (S.RECEIVED, "start_review", S.INITIAL_REVIEW),
    (S.INITIAL_REVIEW, "register", S.REGISTERED),
    (S.INITIAL_REVIEW, "decline", S.NOT_REGISTERED),
    (S.REGISTERED, "start_clarification", S.CLARIFICATION),
    (S.REGISTERED, "request_more_time", S.REGISTERED),
    (S.CLARIFICATION, "request_more_time", S.CLARIFICATION),
    (S.REGISTERED, "decide", S.DECIDED),
    (S.CLARIFICATION, "decide", S.DECIDED),
    (S.DECIDED, "forward", S.FORWARDED),
    (S.DECIDED, "close", S.CLOSED),  # nothing proven, or no ASN part to forward
    (S.FORWARDED, "close", S.CLOSED),
    *((s, "hand_over", s) for s in OPEN_FOR_CHANGES),
    *((s, "merge", s) for s in OPEN_FOR_CHANGES),
    *((s, "split", s) for s in OPEN_FOR_CHANGES),
)
# A case merged into another is closed with ``merged_into`` set; the merge refuses absorbed cases in
# any status but these.
MERGEABLE = OPEN_FOR_CHANGES

_TABLE = {(source, action): target for source, action, target in TRANSITIONS}
if len(_TABLE) != len(TRANSITIONS):  # pragma: no cover - a typo in the table
    raise ImportError("Duplicate (status, action) in the workflow table")


def allowed_actions(status: str) -> list[Action]:
    return [ACTIONS[action] for (source, action) in _TABLE if source == status]


def transition_for(status: str, action: str) -> str:
    """The status ``action`` leads to from ``status``; ``TransitionNotAllowed`` if it may not."""
    if action not in ACTIONS:
        raise CaseError(_("Unknown action “%(action)s”.") % {"action": action})
    target = _TABLE.get((status, action))
    if target is None:
        allowed = ", ".join(str(a.label) for a in allowed_actions(status)) or _("none")
        raise TransitionNotAllowed(
            _(
                "“%(action)s” is not possible for a case that is “%(status)s”. "
                "Possible now: %(allowed)s."
            )
            % {
                "action": ACTIONS[action].label,
                "status": CaseStatus(status).label,
                "allowed": allowed,
            }
        )
    return target
