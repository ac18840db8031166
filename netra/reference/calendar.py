"""The working-day calendar and the deadline rules table, shared by every stage that counts time.

Working days skip weekends, Indonesia's national holidays and election days (``holidays``, category
``public``), cuti bersama (category ``government``) unless ``NETRA_CUTI_BERSAMA_NON_WORKING`` is off
(whether the law means them is unverified: docs/legal/calendar.md §3.4), and the project's own
``HolidayOverride`` rows for decrees the package does not know yet. Which rule runs for a case is the
cases app's business (``netra/cases/deadlines.py``); the reporting window is the reports app's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays
from django.conf import settings

from .models import DayUnit, DeadlineRule, HolidayOverride
from .snapshots import Snapshot

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
    """The ``value``-th day after ``start``; the override table is read only for working days."""
    if unit == DayUnit.CALENDAR_DAY:
        return start + dt.timedelta(days=value)
    return Calendar.current().add(start, value, unit)


def is_working_day(day: dt.date) -> bool:
    return Calendar.current().is_working_day(day)
