"""Due dates: calendar and working days, Indonesia's holidays and cuti bersama, the override table,
and which rule of the table runs for a case (docs/legal/deadlines.md §1A-1C)."""

import datetime as dt

import pytest
from django.utils import timezone

from netra.cases import deadlines
from netra.cases.models import CaseStatus, Origin
from netra.reference.models import DeadlineRule, HolidayOverride

from .conftest import make_case

pytestmark = pytest.mark.django_db
D = dt.date


def wd(start, n):
    return deadlines.add_days(start, n, "working_day")


def test_working_days_skip_idul_fitri_and_its_cuti_bersama_2024():
    # Fri 5 Apr 2024: CB 8, 9 Apr, Idul Fitri 10-11 Apr, CB 12 and 15 Apr (docs/legal/calendar.md §3.4).
    assert wd(D(2024, 4, 5), 3) == D(2024, 4, 18)


def test_without_cuti_bersama_only_national_holidays_are_skipped(settings):
    settings.NETRA_CUTI_BERSAMA_NON_WORKING = False
    assert wd(D(2024, 4, 5), 3) == D(2024, 4, 12)


def test_nyepi_and_idul_fitri_2025_run_together():
    # Thu 27 Mar 2025: CB Nyepi 28 Mar, weekend, Idul Fitri 31 Mar-1 Apr, CB 2-4 and 7 Apr.
    assert wd(D(2025, 3, 27), 1) == D(2025, 4, 8)
    assert wd(D(2025, 3, 28), 3) == D(2025, 4, 10)


def test_2026_cuti_bersama_are_known():
    # CB Nyepi 18 Mar, Nyepi 19 Mar, CB 20 Mar, Idul Fitri 21-22 Mar (weekend), CB 23-24 Mar 2026.
    assert wd(D(2026, 3, 17), 1) == D(2026, 3, 25)
    assert wd(D(2026, 3, 17), 3) == D(2026, 3, 27)
    # Christmas: CB Thu 24 Dec, Fri 25 Dec 2026.
    assert wd(D(2026, 12, 23), 1) == D(2026, 12, 28)


def test_election_days_are_holidays_and_weekends_are_skipped():
    # Pemilu 14 Feb 2024 (Keppres 10/2024), after Isra Mikraj 8 Feb, CB 9 Feb.
    assert wd(D(2024, 2, 7), 2) == D(2024, 2, 13)
    assert wd(D(2024, 2, 13), 1) == D(2024, 2, 15)
    # Pilkada 27 Nov 2024 (Keppres 33/2024).
    assert wd(D(2024, 11, 26), 1) == D(2024, 11, 28)
    assert wd(D(2024, 11, 22), 1) == D(2024, 11, 25)


def test_calendar_days_count_every_day():
    assert deadlines.add_days(D(2024, 4, 5), 3, "calendar_day") == D(2024, 4, 8)
    assert deadlines.add_days(D(2024, 12, 30), 3, "calendar_day") == D(2025, 1, 2)


def test_the_override_table_adds_and_removes_holidays():
    assert wd(D(2026, 7, 6), 1) == D(2026, 7, 7)
    HolidayOverride.objects.create(
        date=D(2026, 7, 7), kind="holiday", name="Hari pemungutan suara ulang", source="Keppres X"
    )
    assert wd(D(2026, 7, 6), 1) == D(2026, 7, 8)
    # A cuti bersama the government cancelled is a working day again.
    HolidayOverride.objects.create(
        date=D(2026, 12, 24), kind="working_day", name="CB Natal dibatalkan", source="SKB Y"
    )
    assert wd(D(2026, 12, 23), 1) == D(2026, 12, 24)


def test_working_days_between():
    cal = deadlines.Calendar.current()
    assert cal.working_days_between(D(2024, 4, 5), D(2024, 4, 18)) == 3
    assert cal.working_days_between(D(2024, 4, 18), D(2024, 4, 5)) == -3


def test_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="hour"):
        deadlines.add_days(D(2024, 1, 1), 1, "hour")


# --- The rules that run for a case ------------------------------------------------------------


def running(case) -> deadlines.Deadline:
    deadline = deadlines.running_deadline(case)
    assert deadline is not None
    return deadline


def at(day, hour=10):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def test_pemilu_kajian_awal_is_two_days_from_receipt_unit_unverified():
    case = make_case(election="pemilu-2024", received_at=at(D(2024, 2, 12)))
    deadline = running(case)
    assert deadline.rule.code == "P2"
    assert deadline.rule.status == "unit_unverified"
    assert deadline.due_on == D(2024, 2, 14)
    assert case.due_on == D(2024, 2, 14) and case.deadline_rule == "P2"


def test_pemilu_decision_is_seven_days_from_registration_or_a_14_working_day_ceiling():
    case = make_case(
        election="pemilu-2024", status=CaseStatus.REGISTERED, received_at=at(D(2024, 4, 3))
    )
    case.registered_at = at(D(2024, 4, 5))
    assert running(case).due_on == D(2024, 4, 12)
    case.needs_more_info = True
    deadline = running(case)
    # 14 working days from Fri 5 Apr 2024, skipping the Idul Fitri holidays and cuti bersama
    # (8-12, 15 Apr) and Labour Day (1 May): a ceiling from registration, not 7 + 14.
    assert deadline.rule.code == "P5"
    assert deadline.due_on == D(2024, 5, 6)


def test_pemilu_temuan_runs_seven_days_from_discovery():
    case = make_case(election="pemilu-2024", origin=Origin.TEMUAN, received_at=at(D(2024, 2, 12)))
    case.known_on = D(2024, 2, 10)
    deadline = running(case)
    assert (deadline.rule.code, deadline.due_on) == ("P6", D(2024, 2, 17))


def test_pilkada_runs_three_calendar_days_from_receipt_then_five_in_all():
    case = make_case(election="pilkada-2024", received_at=at(D(2024, 11, 22)))
    assert running(case).due_on == D(2024, 11, 25)
    # Still from receipt, not registration (docs/legal/deadlines.md N3).
    case.status = CaseStatus.CLARIFICATION
    case.registered_at = at(D(2024, 11, 23))
    assert running(case).due_on == D(2024, 11, 25)
    case.needs_more_info = True
    deadline = running(case)
    assert (deadline.rule.code, deadline.due_on) == ("K3", D(2024, 11, 27))


def test_forwarding_has_no_statutory_deadline_and_is_never_overdue():
    case = make_case(status=CaseStatus.DECIDED, received_at=at(D(2024, 11, 1)))
    case.decided_at = at(D(2024, 11, 3))
    deadline = running(case)
    assert deadline.rule.code == "K8" and not deadline.statutory
    assert not deadline.is_overdue(at(D(2025, 6, 1)))
    deadlines.refresh_due_on(case)
    assert case.due_on is None and case.deadline_rule == "K8"


def test_a_closed_case_has_no_deadline():
    case = make_case(status=CaseStatus.CLOSED)
    assert deadlines.running_deadline(case) is None and case.due_on is None


def test_rules_without_a_value_are_never_applied():
    assert DeadlineRule.objects.get(code="K6").value is None
    assert DeadlineRule.objects.get(code="P3a").status == "unverified"


def test_the_rules_table_carries_basis_unit_start_and_status():
    rules = {r.code: r for r in DeadlineRule.objects.all()}
    assert {f"P{i}" for i in range(1, 8)} <= set(rules)
    assert {f"K{i}" for i in range(1, 9)} <= set(rules)
    assert {f"A{i}" for i in range(1, 5)} <= set(rules)
    assert (rules["P5"].value, rules["P5"].unit, rules["P5"].start_event) == (
        14,
        "working_day",
        "registered",
    )
    assert rules["K7"].unit == "hour" and rules["K7"].value == 24
    for code in ("P7", "K8", "A1", "A2"):
        assert rules[code].status == "no_statutory_basis" and not rules[code].is_statutory
