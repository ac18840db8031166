"""NIP and NIK: every rule, its specific message, and the parsed parts."""

import datetime as dt

import pytest
from django import forms
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from netra.registry.identifiers import (
    FEMALE,
    MALE,
    IdentifierError,
    NikField,
    NipField,
    NipScreen,
    parse_nik,
    parse_nip,
    validate_nip,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


def nip_error(value):
    with pytest.raises(IdentifierError) as exc:
        parse_nip(value, today=TODAY)
    return exc.value


def test_a_valid_nip_is_parsed():
    nip = parse_nip("198503122010011002", today=TODAY)
    assert nip.birth_date == dt.date(1985, 3, 12)
    assert nip.appointed_on == dt.date(2010, 1, 1)
    assert nip.gender == MALE
    assert nip.serial == 2
    assert str(nip) == "198503122010011002"


def test_a_nip_written_with_spaces_is_accepted():
    assert parse_nip("19850312 201001 2 002", today=TODAY).gender == FEMALE


@pytest.mark.parametrize(
    ("value", "code", "fragment"),
    [
        ("", "empty", "empty"),
        ("19850312201001100", "length", "18 digits, not 17"),
        ("1985031220100110021", "length", "18 digits, not 19"),
        ("19850312201001100A", "not_digits", "digits only"),
        ("１９８５０３１２２０１００１１００２", "not_digits", "digits only"),  # full-width
        ("198502302010011002", "birth_date", "1985-02-30"),
        ("198513012010011002", "birth_date", "does not exist"),
        ("203001012050011001", "birth_future", "future"),
        ("198503122010001002", "appointment_date", "2010-00"),
        ("198503122030011002", "appointment_future", "2030-01"),
        ("200503122020011002", "appointment_age", "18"),
        ("198503122010013002", "gender", "must be 1 or 2, not 3"),
        ("198503122010010002", "gender", "not 0"),
    ],
)
def test_each_nip_rule_has_its_own_message(value, code, fragment):
    error = nip_error(value)
    assert error.code == code
    assert fragment in error.message


def test_appointment_in_the_month_of_the_18th_birthday_is_accepted():
    assert parse_nip("200001152018011001", today=TODAY).appointed_on == dt.date(2018, 1, 1)
    assert nip_error("200002152018011001").code == "appointment_age"


def test_appointment_this_month_is_not_in_the_future():
    assert parse_nip("199001012026111001", today=TODAY).appointed_on == dt.date(2026, 11, 1)
    assert nip_error("199001012026121001").code == "appointment_future"


def test_nik_of_a_woman_has_40_added_to_the_birth_day():
    nik = parse_nik("6472015003900001", today=TODAY)
    assert nik.district_code == "64.72.01"
    assert nik.regency_code == "64.72"
    assert nik.province_code == "64"
    assert nik.birth_date == dt.date(1990, 3, 10)
    assert nik.gender == FEMALE
    assert nik.serial == 1


def test_nik_of_a_man():
    nik = parse_nik("6472011003900012", today=TODAY)
    assert (nik.birth_date, nik.gender, nik.serial) == (dt.date(1990, 3, 10), MALE, 12)


def test_nik_two_digit_year_takes_the_latest_century_not_in_the_future():
    assert parse_nik("6472011003100001", today=TODAY).birth_date.year == 2010
    assert parse_nik("6472011003300001", today=TODAY).birth_date.year == 1930


@pytest.mark.parametrize(
    ("value", "code", "fragment"),
    [
        ("", "empty", "empty"),
        ("647201100390001", "length", "16 digits, not 15"),
        ("64720110039000a1", "not_digits", "digits only"),
        ("9999011003900001", "region", "99.99.01"),
        ("6472991003900001", "region", "64.72.99"),
        ("6472013102900001", "birth_date", "31-02-90"),
        ("6472017102900001", "birth_date", "does not exist"),  # a woman born on 31 Feb
        ("6472010003900001", "birth_date", "00-03-90"),
        ("6472011013900001", "birth_date", "does not exist"),  # month 13
        ("6472011003900000", "serial", "0000"),
    ],
)
def test_each_nik_rule_has_its_own_message(value, code, fragment):
    with pytest.raises(IdentifierError) as exc:
        parse_nik(value, today=TODAY)
    assert exc.value.code == code
    assert fragment in exc.value.message


def test_nik_region_check_can_be_skipped_or_replaced():
    assert parse_nik("9999011003900001", today=TODAY, district_exists=None).serial == 1
    assert parse_nik("9999011003900001", district_exists=lambda code: code == "99.99.01")


def test_django_validator_and_form_fields():
    with pytest.raises(ValidationError) as exc:
        validate_nip("123")
    assert exc.value.code == "nip_length"

    class Form(forms.Form):
        nip = NipField()
        nik = NikField(required=False)

    form = Form({"nip": "19850312 201001 1 002", "nik": "6472015003900000"})
    assert not form.is_valid()
    assert form.cleaned_data["nip"] == "198503122010011002"
    assert "0000" in form.errors["nik"][0]
    assert Form({"nip": "198503122010011002", "nik": ""}).is_valid()


# The quick NIP check of imports must agree with parse_nip on every NIP.
NIP_EDGES = [
    "198503122010011002",
    "198503122010012002",
    "198502282003021001",  # appointed the month of the 18th birthday
    "198502282003011001",  # a month too early
    "198402292002031001",  # born 29 February: 18 on 1 March
    "198402292002021001",
    "190001011918011001",  # the earliest birth year
    "189912311918011001",
    "202611232026111001",  # born today, appointed this month (too young)
    "200811232026111001",  # 18 this month, appointed this month
    "200811242026111001",  # 18 tomorrow, so this month is allowed
    "200812012026111001",  # 18 next month
    "198503122026121001",  # appointed next month
    "198503122010131002",
    "198503122010001002",
    "198500122010011002",
    "198503002010011002",
    "198503122010010002",
    "19850312 201001 1 002",
    "19850312201001100",
    "１９８５０３１２２０１００１１００２",
    "",
]


def _parse_ok(nip: str) -> bool:
    try:
        parse_nip(nip, today=TODAY)
    except IdentifierError:
        return False
    return True


@pytest.mark.parametrize("nip", NIP_EDGES)
def test_the_nip_screen_agrees_with_parse_nip_at_the_edges(nip):
    screen = NipScreen(TODAY)
    assert screen.passes(nip) == (_parse_ok(nip) and nip.isdigit() and len(nip) == 18)


@settings(max_examples=1000, deadline=None)
@given(
    birth=st.dates(dt.date(1890, 1, 1), dt.date(2030, 12, 31)),
    year=st.integers(1890, 2035),
    month=st.integers(0, 13),
    gender=st.sampled_from("0123"),
    serial=st.integers(0, 999),
)
def test_the_nip_screen_agrees_with_parse_nip(birth, year, month, gender, serial):
    nip = f"{birth:%Y%m%d}{year:04d}{month:02d}{gender}{serial:03d}"
    assert NipScreen(TODAY).passes(nip) == _parse_ok(nip)
    for digit, wrong in ((6, "3"), (7, "2")):  # days that do not exist: 32nd, and the 30th-ish
        broken = nip[:digit] + wrong + nip[digit + 1 :]
        assert NipScreen(TODAY).passes(broken) == _parse_ok(broken)
