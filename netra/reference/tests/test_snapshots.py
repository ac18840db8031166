"""Snapshots of rarely-changing tables: an edit through the ORM shows at once in this process, a bulk
write (no signals) within ``max_age``, and every snapshot read serves the same rows as the table."""

import datetime as dt

import pytest

from netra.reference import snapshots
from netra.reference.calendar import Calendar
from netra.reference.models import DeadlineRule, Election, HolidayOverride
from netra.reference.selectors import election_by_code, regions_by_code
from netra.registry.models import Agency
from netra.registry.selectors import active_agencies_by_code
from netra.reports import rules

pytestmark = pytest.mark.django_db

NORMAL_MONDAY = dt.date(2024, 7, 1)


def test_a_rule_saved_through_the_orm_applies_at_once():
    assert rules.reporting_window("pilkada").days == 7
    rule = DeadlineRule.objects.get(code="K1")
    rule.value = 3
    rule.save()
    assert rules.reporting_window("pilkada").days == 3


def test_a_holiday_decreed_later_is_seen_at_once():
    assert Calendar.current().is_working_day(NORMAL_MONDAY)
    HolidayOverride.objects.create(date=NORMAL_MONDAY, kind=HolidayOverride.Kind.HOLIDAY)
    assert not Calendar.current().is_working_day(NORMAL_MONDAY)


def test_a_bulk_update_without_signals_shows_after_max_age(monkeypatch):
    assert rules.reporting_window("pilkada").days == 7
    DeadlineRule.objects.filter(code="K1").update(value=5)  # another process, or a bulk load
    assert rules.reporting_window("pilkada").days == 7  # this worker's snapshot is still fresh
    later = snapshots.time.monotonic() + 61
    monkeypatch.setattr(snapshots.time, "monotonic", lambda: later)
    assert rules.reporting_window("pilkada").days == 5


def test_clear_all_forgets_every_snapshot():
    assert election_by_code("pilkada-2024") is not None
    Election.objects.filter(code="pilkada-2024").update(code="pilkada-2024-renamed")
    snapshots.clear_all()
    assert election_by_code("pilkada-2024") is None
    assert election_by_code("pilkada-2024-renamed") is not None


def test_lookups_answer_only_known_codes():
    assert set(regions_by_code(["64", "64.72", "64.72.01", "99.99", ""])) == {
        "64",
        "64.72",
        "64.72.01",
    }
    agency = Agency.objects.get(code="PEMKOT-64.72")
    assert active_agencies_by_code({"PEMKOT-64.72", "NOPE"}) == {"PEMKOT-64.72": agency}
    agency.is_active = False
    agency.save()
    assert active_agencies_by_code({"PEMKOT-64.72"}) == {}
