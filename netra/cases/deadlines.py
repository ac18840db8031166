"""Statutory deadlines: which rule runs for a case now, and its last day on time.

The rules are rows (``DeadlineRule``, loaded from ``data/deadlines.toml``); this module only counts.
Working days skip weekends, Indonesia's national holidays and election days (``holidays``, category
``public``), cuti bersama (category ``government``) unless ``NETRA_CUTI_BERSAMA_NON_WORKING`` is off,
and the project's own ``HolidayOverride`` rows for decrees the package does not know yet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone

from netra.reference.snapshots import Snapshot

from .models import (
    Case,
    CaseStatus,
    DayUnit,
    DeadlineRule,
    Decision,
    HolidayOverride,
    Origin,
    StartEvent,
)

COUNTED_UNITS = (DayUnit.WORKING_DAY, DayUnit.CALENDAR_DAY, DayUnit.HOUR)

# Every intake and transition reads the rules and the overrides; both change a few times a year.
_RULES = Snapshot(
    lambda: tuple(DeadlineRule.objects.order_by("election_kind", "code")),
    watch=(DeadlineRule,),
    max_age=60,
)
_OVERRIDES = Snapshot(
    lambda: tuple(HolidayOverride.objects.values_list("date", "kind")),
    watch=(HolidayOverride,),
    max_age=60,
)


def deadline_rules() -> tuple[DeadlineRule, ...]:
    """Every rule row (shared: read, never modify)."""
    return _RULES.get()


# --- The working-day calendar --------------------------------------------------------------------


@lru_cache(maxsize=64)
def _package_holidays(year: int, with_cuti_bersama: bool) -> frozenset[dt.date]:
    categories = ("public", "government") if with_cuti_bersama else ("public",)
    return frozenset(holidays.country_holidays("ID", years=year, categories=categories))


@dataclass(frozen=True)
class Calendar:
    """Non-working days as of now: the package's, then the override table on top."""

    extra: frozenset[dt.date]
    removed: frozenset[dt.date]
    with_cuti_bersama: bool

    @classmethod
    def current(cls) -> Calendar:
        rows = _OVERRIDES.get()
        extra = frozenset(d for d, k in rows if k == HolidayOverride.Kind.HOLIDAY)
        removed = frozenset(d for d, k in rows if k == HolidayOverride.Kind.WORKING_DAY)
        return cls(extra, removed, settings.NETRA_CUTI_BERSAMA_NON_WORKING)

    def is_working_day(self, day: dt.date) -> bool:
        if day.weekday() >= 5 or day in self.extra:
            return False
        if day in self.removed:
            return True
        return day not in _package_holidays(day.year, self.with_cuti_bersama)

    def add(self, start: dt.date, value: int, unit: str) -> dt.date:
        """The last day on time: ``value`` calendar or working days after ``start``."""
        if unit == DayUnit.CALENDAR_DAY:
            return start + dt.timedelta(days=value)
        if unit != DayUnit.WORKING_DAY:
            raise ValueError(f"Cannot count {unit!r} in days")
        day, counted = start, 0
        while counted < value:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if ``end`` is earlier)."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(
            1
            for n in range(1, (end - start).days + 1)
            if self.is_working_day(start + dt.timedelta(days=n))
        )


def add_days(start: dt.date, value: int, unit: str) -> dt.date:
    return Calendar.current().add(start, value, unit)


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
