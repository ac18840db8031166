"""The lifecycles of a pact and of an event: every allowed (status, action) → status, in two tables.

As in ``netra/cases/workflow.py``: the services ask ``pact_transition``/``event_transition`` before
they change anything, and pages and the API offer only the allowed actions. Actions that keep the
status (signing, handing out codes, reminders, check-ins) are in the tables too, so what may happen
in each status is read in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import EventStatus, PactStatus

P, E = PactStatus, EventStatus


class PreventionError(Exception):
    """A request that cannot be done: shown as is (4xx), nothing is written."""

    status_code = 400

    def __init__(self, message: Any, *, status_code: int | None = None):
        super().__init__(str(message))
        self.message = str(message)
        if status_code is not None:
            self.status_code = status_code


class NotAllowed(PreventionError):
    status_code = 403


class Conflict(PreventionError):
    status_code = 409


class TransitionNotAllowed(Conflict):
    pass


@dataclass(frozen=True)
class Action:
    name: str
    label: Any  # a lazy translation


PACT_ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action("edit", _("Edit the draft")),
        Action("publish", _("Publish to every employee in the set")),
        Action("publish_leaders_first", _("Publish to leaders first")),
        Action("open_to_all", _("Open to every employee in the set")),
        Action("sign", _("Sign")),
        Action("issue_codes", _("Print paper codes")),
        Action("open_session", _("Open a signing session")),
        Action("remind", _("Remind those who have not signed")),
        Action("recount", _("Recount who must sign")),
        Action("close", _("Close the pact")),
    )
}
SIGNABLE = (P.LEADERS, P.OPEN)
PACT_TRANSITIONS: tuple[tuple[str, str, str], ...] = (
    (P.DRAFT, "edit", P.DRAFT),
    (P.DRAFT, "publish", P.OPEN),
    (P.DRAFT, "publish_leaders_first", P.LEADERS),
    (P.LEADERS, "open_to_all", P.OPEN),
    *((s, action, s) for s in SIGNABLE for action in ("sign", "issue_codes", "open_session")),
    *((s, "remind", s) for s in SIGNABLE),
    *((s, "recount", s) for s in PactStatus.values),
    (P.LEADERS, "close", P.CLOSED),
    (P.OPEN, "close", P.CLOSED),
)

EVENT_ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action("edit", _("Edit the event")),
        Action("schedule", _("Schedule and invite")),
        Action("add_material", _("Add material")),
        Action("check_in", _("Check in")),
        Action("take_quiz", _("Take the self-check quiz")),
        Action("close", _("Close and finalise the report")),
        Action("cancel", _("Cancel the event")),
    )
}
EVENT_TRANSITIONS: tuple[tuple[str, str, str], ...] = (
    (E.DRAFT, "edit", E.DRAFT),
    (E.SCHEDULED, "edit", E.SCHEDULED),
    (E.DRAFT, "schedule", E.SCHEDULED),
    (E.DRAFT, "add_material", E.DRAFT),
    (E.SCHEDULED, "add_material", E.SCHEDULED),
    # Slides are often shared after the event: materials may still be added to a closed one.
    (E.CLOSED, "add_material", E.CLOSED),
    (E.SCHEDULED, "check_in", E.SCHEDULED),
    (E.SCHEDULED, "take_quiz", E.SCHEDULED),
    (E.CLOSED, "take_quiz", E.CLOSED),
    (E.SCHEDULED, "close", E.CLOSED),
    (E.DRAFT, "cancel", E.CANCELLED),
    (E.SCHEDULED, "cancel", E.CANCELLED),
)


def _table(transitions: tuple[tuple[str, str, str], ...]) -> dict[tuple[str, str], str]:
    table = {(source, action): target for source, action, target in transitions}
    if len(table) != len(transitions):  # pragma: no cover - a typo in the table
        raise ImportError("Duplicate (status, action) in a prevention workflow table")
    return table


_PACT = _table(PACT_TRANSITIONS)
_EVENT = _table(EVENT_TRANSITIONS)


def allowed_pact_actions(status: str) -> list[Action]:
    return [PACT_ACTIONS[a] for (s, a) in _PACT if s == status]


def allowed_event_actions(status: str) -> list[Action]:
    return [EVENT_ACTIONS[a] for (s, a) in _EVENT if s == status]


def _transition(table, actions, labels, what, status: str, action: str) -> str:
    if action not in actions:
        raise PreventionError(_("Unknown action “%(action)s”.") % {"action": action})
    target = table.get((status, action))
    if target is None:
        allowed = [actions[a].label for (s, a) in table if s == status]
        raise TransitionNotAllowed(
            _(
                "“%(action)s” is not possible for %(what)s that is “%(status)s”. Possible now: %(allowed)s."
            )
            % {
                "action": actions[action].label,
                "what": what,
                "status": labels(status).label,
                "allowed": ", ".join(str(a) for a in allowed) or _("none"),
            }
        )
    return target


def pact_transition(status: str, action: str) -> str:
    """The status ``action`` leads to; ``TransitionNotAllowed`` (409) if it may not happen."""
    return _transition(_PACT, PACT_ACTIONS, PactStatus, _("a pact"), status, action)


def event_transition(status: str, action: str) -> str:
    return _transition(_EVENT, EVENT_ACTIONS, EventStatus, _("an event"), status, action)
