"""Checking rows: the quick path for tidy rows gives exactly what the thorough check gives."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from netra.registry.checks import CheckedRow, RejectedRow, RowChecker

HEADER = {
    "nip": 0,
    "name": 1,
    "employee_type": 2,
    "position_class": 3,
    "position_title": 4,
    "unit": 5,
    "region_code": 6,
    "agency_code": 7,
    "staff_number": 8,
}
AGENCIES = {"PEMKOT-64.72": 1, "PEMPROV-64": 2}
REGIONS = {"64", "64.72", "64.72.01"}
GOOD = [
    ["198503122010011002", "Drs. H. Djoko Soesanto, M.Si.", "PNS", "administrator",
     "Kepala Bagian Umum", "Sekretariat Daerah", "64.72", "PEMKOT-64.72", ""],
    ["199001012022212001", "Siti Aminah, S.Pd.", "PPPK", "fungsional", "Guru", "Disdik",
     "64.72.01", "PEMPROV-64", ""],
    ["", "Rudi Hartono", "non-ASN", "non-ASN", "Pengemudi", "", "", "PEMKOT-64.72", "TP-1"],
]  # fmt: skip
# Values a cell may be changed to: tidy or not, valid or not, and duplicates of the rows above.
VARIANTS = st.sampled_from(
    [
        "",
        " ",
        "PNS",
        "pns",
        " PNS",
        "P3K",
        "honorer",
        "Non ASN",
        "Kontrak",
        "jpt pratama",
        "non_asn",
        "pelaksana ",
        "Budi  Santoso",
        "Budi\tSantoso",
        "Budi\nSantoso",
        "Budi\u00a0Santoso",
        "\u00a0Budi",
        "Budi\ufffd",
        "Budi\x00",
        "Budi\\Santoso",
        "N" * 151,
        "T" * 201,
        "S" * 41,
        "198503122010011002",
        "199001012015032001",
        "199001012022212001",
        "199103222022212004",
        "199205052018012003",
        "19920505 201801 2 003",
        "198502302010011002",
        "203001012050011001",
        "200503122020011002",
        "198503122010013002",
        "1985031220100110",
        "64",
        "99.99",
        "PEMPROV-64",
        "NOPE",
        "TP-1",
        "TP-2",
    ]
)


def checker(*, text_cells: bool, agency_id: int | None) -> RowChecker:
    return RowChecker(
        HEADER, agency_id=agency_id, agencies=AGENCIES, regions=REGIONS, text_cells=text_cells
    )


@st.composite
def files(draw):
    rows = []
    for _ in range(draw(st.integers(1, 8))):
        cells = list(draw(st.sampled_from(GOOD)))
        for _ in range(draw(st.integers(0, 2))):
            cells[draw(st.integers(0, len(cells) - 1))] = draw(VARIANTS)
        rows.append(cells)
    return rows


@settings(max_examples=1500, deadline=None)
@given(rows=files(), agency_id=st.sampled_from([None, 1]))
def test_the_quick_path_gives_what_the_thorough_check_gives(rows, agency_id):
    quick = checker(text_cells=True, agency_id=agency_id)
    thorough = checker(text_cells=False, agency_id=agency_id)
    for line, cells in enumerate(rows, start=2):
        assert quick.check(line, list(cells)) == thorough.check(line, list(cells))


def test_tidy_valid_rows_take_the_quick_path():
    quick = checker(text_cells=True, agency_id=None)
    assert all(isinstance(quick._check_quickly(2, row), CheckedRow) for row in GOOD)
    first = quick.check(2, GOOD[0])
    assert isinstance(first, CheckedRow)
    assert first.name_key == "yoko susanto"
    # A duplicate is found by check(), which asks the thorough check for the reason.
    assert quick._check_quickly(3, GOOD[0]) is not None
    duplicate = quick.check(3, GOOD[0])
    assert isinstance(duplicate, RejectedRow)
    assert "more than once" in duplicate.reasons[0]


def test_a_nul_character_is_refused_not_stored():
    # PostgreSQL cannot store NUL in text: the row must be refused, not abort the whole import.
    row = [*GOOD[0][:1], "Budi\x00", *GOOD[0][2:]]
    result = checker(text_cells=True, agency_id=None).check(2, row)
    assert isinstance(result, RejectedRow)
    assert "not valid text" in result.reasons[0]


def test_the_quick_path_uses_the_date_of_the_import():
    quick = checker(text_cells=True, agency_id=None)
    assert quick.nip_screen.today == dt.date.today()
