"""The reporting window and laporan versus informasi awal (UU 7/2017 Pasal 454(6); UU 10/2016
Pasal 134(4)), counted from the day the event became known."""

import datetime as dt

import pytest

from netra.reports import rules

pytestmark = pytest.mark.django_db

D = dt.date


def test_pemilu_counts_seven_working_days_skipping_the_election_day_holiday():
    # Tue 13 Feb 2024 known; 14 Feb is voting day (Keppres 10/2024), then weekends are skipped.
    assert rules.reporting_window("pemilu").last_day(D(2024, 2, 13)) == D(2024, 2, 23)


def test_pemilu_skips_lebaran_and_its_cuti_bersama():
    # Known Fri 5 Apr 2024: 8, 9, 12 and 15 Apr are cuti bersama, 10-11 Apr Idul Fitri.
    assert rules.reporting_window("pemilu").last_day(D(2024, 4, 5)) == D(2024, 4, 24)


def test_pemilu_without_holidays_is_seven_weekdays():
    assert rules.reporting_window("pemilu").last_day(D(2024, 7, 1)) == D(2024, 7, 10)


def test_pilkada_counts_calendar_days_through_weekends_and_holidays():
    # 27 Nov 2024 (voting day, a holiday) and the weekend still count.
    assert rules.reporting_window("pilkada").last_day(D(2024, 11, 25)) == D(2024, 12, 2)


def test_the_window_is_data_with_its_legal_basis():
    pemilu, pilkada = rules.reporting_window("pemilu"), rules.reporting_window("pilkada")
    assert (pemilu.code, pemilu.days, pemilu.unit) == ("P1", 7, "working_day")
    assert "Pasal 454 ayat (6)" in pemilu.legal_basis
    assert (pilkada.code, pilkada.days, pilkada.unit) == ("K1", 7, "calendar_day")
    assert "Pasal 134 ayat (4)" in pilkada.legal_basis


def test_the_last_day_is_still_on_time_and_the_next_is_late():
    window = rules.reporting_window("pilkada")
    assert window.is_open(D(2024, 11, 1), on=D(2024, 11, 8))
    assert not window.is_open(D(2024, 11, 1), on=D(2024, 11, 9))


FULL = {"name": "Siti", "nik": "6472015003900001", "address": "Samarinda", "phone": "0812345678"}


def classify(**kw):
    args = {
        "election_kind": "pilkada",
        "known_on": D(2024, 11, 1),
        "anonymous": False,
        "identity": FULL,
        "today": D(2024, 11, 3),
    }
    return rules.classify(**{**args, **kw})


def test_identified_complete_and_on_time_is_a_laporan():
    verdict = classify()
    assert verdict.kind == "laporan" and verdict.reasons == ("identified",)


def test_anonymous_is_informasi_awal():
    assert classify(anonymous=True, identity=None).reasons == ("anonymous",)


def test_missing_contact_makes_it_incomplete():
    verdict = classify(identity={**FULL, "phone": ""})
    assert verdict.kind == "informasi_awal" and verdict.reasons == ("identity_incomplete",)


def test_late_is_informasi_awal_and_explains_the_window():
    verdict = classify(today=D(2024, 11, 20))
    assert verdict.kind == "informasi_awal" and verdict.reasons == ("late",)
    (text,) = verdict.explanations()
    assert "08-11-2024" in text and "Pasal 134" in text


def test_the_holiday_override_table_counts_too():
    from netra.reference.models import HolidayOverride

    HolidayOverride.objects.create(
        date=D(2024, 7, 3), kind=HolidayOverride.Kind.HOLIDAY, name="Late decree", source="test"
    )
    # Known Mon 1 Jul 2024: 7 working days end on 10 Jul, one later with 3 Jul off.
    assert rules.reporting_window("pemilu").last_day(D(2024, 7, 1)) == D(2024, 7, 11)
