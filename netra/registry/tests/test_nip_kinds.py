"""NI PPPK numbers beside NIP PNS: parsed with their kind, checked by their own rules, imported."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netra.registry.checks import CheckedRow, RejectedRow, RowChecker
from netra.registry.identifiers import (
    FEMALE,
    PNS,
    PPPK,
    IdentifierError,
    NipScreen,
    parse_nip,
)
from netra.registry.models import Employee, ImportJob

from .helpers import csv_bytes, row, run

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)
ISSUED = "199103222022212004"  # an issued NI PPPK (issue 14)
BUDI = "198503122010011002"  # a NIP PNS


def error(value: str) -> IdentifierError:
    with pytest.raises(IdentifierError) as exc:
        parse_nip(value, today=TODAY)
    return exc.value


def test_an_issued_ni_pppk_is_parsed_as_one():
    nip = parse_nip(ISSUED, today=TODAY)
    assert (nip.kind, nip.is_pppk, nip.pppk_code) == (PPPK, True, "21")
    assert nip.birth_date == dt.date(1991, 3, 22)
    assert (nip.appointment_year, nip.appointed_on) == (2022, None)  # only the year is in it
    assert (nip.gender, nip.serial) == (FEMALE, 4)


def test_a_nip_pns_says_so():
    nip = parse_nip(BUDI, today=TODAY)
    assert (nip.kind, nip.is_pppk, nip.pppk_code) == (PNS, False, "")
    assert (nip.appointment_year, nip.appointed_on) == (2010, dt.date(2010, 1, 1))


@pytest.mark.parametrize(
    ("value", "code", "fragment"),
    [
        ("199103222018212004", "pppk_year", "before the first PPPK were appointed (2019"),
        ("199103222027212004", "appointment_future", "2027) is in the future"),
        ("200503222024212004", "appointment_age", "before the age of 20"),
        ("199103222022203004", "appointment_date", "(2022-20) does not exist"),
        ("199103222022303004", "appointment_date", "an NI PPPK has 21"),
        ("199103222022213004", "gender", "not 3"),
        ("199102302022212004", "birth_date", "1991-02-30"),
    ],
)
def test_each_ni_pppk_rule_has_its_own_message(value, code, fragment):
    found = error(value)
    assert found.code == code
    assert fragment in found.message


def test_the_pppk_age_is_counted_by_year_as_the_number_holds_only_the_year():
    assert parse_nip("200412312024212001", today=TODAY).is_pppk  # 20 in the year appointed
    assert error("200501012024212001").code == "appointment_age"


@settings(max_examples=300, deadline=None)
@given(
    birth=st.dates(dt.date(1950, 1, 1), dt.date(2006, 12, 31)),
    year=st.integers(2019, 2026),
    count=st.integers(1, 9),
    gender=st.sampled_from("12"),
    serial=st.integers(1, 999),
)
def test_every_well_formed_ni_pppk_is_accepted_with_its_parts(birth, year, count, gender, serial):
    value = f"{birth:%Y%m%d}{year}2{count}{gender}{serial:03d}"
    if year < birth.year + 20:
        assert error(value).code == "appointment_age"
        return
    nip = parse_nip(value, today=TODAY)
    assert (nip.kind, nip.birth_date, nip.appointment_year) == (PPPK, birth, year)
    assert (nip.pppk_code, nip.serial) == (f"2{count}", serial)
    assert NipScreen(TODAY).passes(value)


def _parse_ok(value: str) -> bool:
    try:
        parse_nip(value, today=TODAY)
    except IdentifierError:
        return False
    return True


@settings(max_examples=1000, deadline=None)
@given(
    birth=st.dates(dt.date(1890, 1, 1), dt.date(2030, 12, 31)),
    year=st.integers(1890, 2035),
    middle=st.integers(0, 99),  # a month, an NI PPPK code, or neither
    gender=st.sampled_from("0123"),
    serial=st.integers(0, 999),
)
def test_the_nip_screen_agrees_with_parse_nip_on_both_kinds(birth, year, middle, gender, serial):
    value = f"{birth:%Y%m%d}{year:04d}{middle:02d}{gender}{serial:03d}"
    assert NipScreen(TODAY).passes(value) == _parse_ok(value)


# Rows of an HR export -----------------------------------------------------------------------

HEADER = {"nip": 0, "name": 1, "employee_type": 2, "position_class": 3, "position_title": 4}


def check(nip: str, kind: str, *, text_cells: bool = True) -> CheckedRow | RejectedRow | None:
    checker = RowChecker(
        HEADER, agency_id=1, agencies={"PEMKOT-64.72": 1}, regions=set(), text_cells=text_cells
    )
    return checker.check(2, [nip, "Rina Wati", kind, "fungsional", "Guru"])


def test_a_pppk_row_with_an_ni_pppk_takes_the_quick_path():
    checker = RowChecker(HEADER, agency_id=1, agencies={}, regions=set(), text_cells=True)
    quick = checker._check_quickly(2, [ISSUED, "Rina Wati", "PPPK", "fungsional", "Guru"])
    assert isinstance(quick, CheckedRow)
    assert (quick.employee_type, quick.warnings) == ("pppk", None)


def test_a_pns_row_with_an_ni_pppk_is_rejected():
    for text_cells in (True, False):
        result = check(ISSUED, "PNS", text_cells=text_cells)
        assert isinstance(result, RejectedRow)
        assert "is an NI PPPK" in result.reasons[0]


def test_a_pppk_row_with_a_nip_pns_is_imported_with_a_warning():
    for text_cells in (True, False):
        result = check(BUDI, "PPPK", text_cells=text_cells)
        assert isinstance(result, CheckedRow)
        assert result.employee_type == "pppk"
        assert result.warnings and "form of a NIP PNS" in result.warnings[0]


def test_an_import_takes_pppk_rows_and_lists_the_warnings():
    job = run(
        csv_bytes(
            [
                row(ISSUED, "Rina Wati, S.Pd.", kind="PPPK", position="fungsional"),
                row(BUDI, "Budi Santoso", kind="P3K", position="fungsional"),
                row("199205052022212003", "Ani Lestari", kind="PNS"),
            ]
        )
    )
    assert (job.status, job.new, job.rejected, job.warned) == (ImportJob.Status.DONE, 2, 1, 1)
    assert Employee.objects.get(nip=ISSUED).employee_type == "pppk"
    assert Employee.objects.get(nip=BUDI).employee_type == "pppk"
    assert job.report["warnings"][0]["nip"] == BUDI
    assert job.report["rejected"][0]["line"] == 4


def test_the_import_page_shows_the_warnings(client):
    from netra.accounts.tests import factories

    job = run(csv_bytes([row(BUDI, "Budi Santoso", kind="PPPK", position="fungsional")]))
    client.force_login(factories.system_admin())
    page = client.get(f"/registry/imports/{job.pk}/").content.decode()
    assert "Rows imported with a warning" in page
    assert "form of a NIP PNS" in page
