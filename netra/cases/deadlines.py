"""Statutory deadlines of a case: which rule runs for it now, and its last day on time.

The rules are reference data (``reference.DeadlineRule``, loaded from
``netra/reference/data/deadlines.toml``) and the days are counted by the shared working-day calendar
(``netra/reference/calendar.py``); this module only picks the rule for the case's status.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from netra.reference.calendar import Calendar, add_days, deadline_rules
from netra.reference.models import DayUnit, DeadlineRule, StartEvent

from .models import Case, CaseStatus, Decision, Origin

__all__ = [
    "Calendar",
    "Deadline",
    "add_days",
    "deadline_rules",
    "refresh_due_on",
    "running_deadline",
]

COUNTED_UNITS = (DayUnit.WORKING_DAY, DayUnit.CALENDAR_DAY, DayUnit.HOUR)


# --- Which rule runs for a case -----------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    rule: DeadlineRule
    starts_at: dt.datetime
    due_on: dt.date | None  # last day on time (None for a rule without a count)
    due_at: dt.datetime | None  # for hour rules: the exact moment

    @property
    def statutory(self) -> bool:
        return self.rule.is_statutory

    def days_left(self, today: dt.date) -> int | None:
        return None if self.due_on is None else (self.due_on - today).days

    def is_overdue(self, now: dt.datetime) -> bool:
        """Only a statutory deadline can be missed; a service level only shows elapsed time."""
        if not self.statutory or self.due_on is None:
            return False
        if self.due_at is not None:
            return now > self.due_at
        return timezone.localdate(now) > self.due_on


def _start(case: Case, event: str) -> dt.datetime | None:
    def day_start(day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time()))

    match event:
        case StartEvent.KNOWN | StartEvent.DISCOVERED:
            return day_start(case.known_on)
        case StartEvent.RECEIVED:
            return case.received_at
        case StartEvent.REGISTERED:
            return case.registered_at
        case StartEvent.DECIDED:
            return case.decided_at
        case StartEvent.FORWARDED:
            return case.forwarded_at
    return None


def _conditions(case: Case) -> set[str]:
    active = {DeadlineRule.Condition.NONE.value}
    if case.needs_more_info:
        active.add(DeadlineRule.Condition.MORE_INFO)
    if (
        case.status == CaseStatus.DECIDED
        and case.pk
        and Decision.objects.filter(case=case, criminal_articles__isnull=False).exists()
    ):
        active.add(DeadlineRule.Condition.CRIME)
    return active


def _rank(rule: DeadlineRule) -> tuple[int, int]:
    # A rule for a condition beats the plain rule; an origin-specific rule beats "any".
    return (0 if rule.condition else 1, 0 if rule.origin != DeadlineRule.Origin.ANY else 1)


def running_deadline(case: Case, *, rules: list[DeadlineRule] | None = None) -> Deadline | None:
    """The rule that runs for ``case`` in its current status, and when it falls due."""
    origin = (
        DeadlineRule.Origin.TEMUAN if case.origin == Origin.TEMUAN else DeadlineRule.Origin.PUBLIC
    )
    if rules is None:
        kinds = (case.election.kind, "any")
        rules = [
            r
            for r in deadline_rules()
            if r.election_kind in kinds and r.value is not None and r.unit in COUNTED_UNITS
        ]
    conditions = _conditions(case)
    candidates = []
    for rule in rules:
        if case.status not in rule.statuses or rule.condition not in conditions:
            continue
        if rule.origin not in (DeadlineRule.Origin.ANY, origin):
            continue
        start = _start(case, rule.start_event)
        if start is None or not rule.in_force_on(timezone.localdate(start)):
            continue
        candidates.append((rule, start))
    if not candidates:
        return None
    rule, start = min(candidates, key=lambda c: _rank(c[0]))
    assert rule.value is not None
    if rule.unit == DayUnit.HOUR:
        due_at = start + dt.timedelta(hours=rule.value)
        return Deadline(rule, start, timezone.localdate(due_at), due_at)
    due_on = add_days(timezone.localdate(start), rule.value, rule.unit)
    return Deadline(rule, start, due_on, None)


def refresh_due_on(case: Case) -> Deadline | None:
    """Set ``case.due_on`` to the next *statutory* deadline (service levels leave it empty, so the
    queue never calls them overdue). The caller saves the case."""
    deadline = running_deadline(case)
    if deadline is not None and deadline.statutory:
        case.due_on, case.deadline_rule = deadline.due_on, deadline.rule.code
    else:
        case.due_on, case.deadline_rule = None, deadline.rule.code if deadline else ""
    return deadline
