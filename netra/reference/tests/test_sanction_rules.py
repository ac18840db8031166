"""The allowed-sanction rule, pinned: for every row of every loaded catalogue version and every kind of
employee, the exact sanction codes, written out here by hand from docs/legal/catalogue-review.md
(never recomputed from the data under test); then position, several violations and repetition."""

from __future__ import annotations

import pytest
from django.utils import translation

from netra.cases.models import PersonCategory
from netra.reference.models import SanctionType, ViolationType
from netra.reference.sanction_rules import (
    KINDS,
    POSITION_CLASSES,
    RuleInputError,
    allowed_sanctions,
)
from netra.registry.models import PositionClass

pytestmark = pytest.mark.django_db

FIRST, CORRECTED = "skb-5kl-2022", "skb-5kl-2022-rev-2026-11"

MORAL = {"SM-TTP", "SM-TBK"}
RINGAN = {"HD-R1", "HD-R2", "HD-R3"}
SEDANG = {"HD-S6", "HD-S9", "HD-S12"}
BERAT = {"HD-B1", "HD-B2", "HD-B3"}
PPPK_BERAT = {"PPPK-HD-BERAT", "PPPK-PHK-H"}
# The measures of the person's own authority do not depend on the row (SE MenPAN-RB 1/2023;
# UU 6/2014 Pasal 30, 52); TNI, Polri and unknown get none.
OWN = {
    "non_asn": {"NONASN-BERTINGKAT"},
    "village_head": {"KADES-TEGURAN", "KADES-BERHENTI-SMT", "KADES-BERHENTI"},
    "village_staff": {"PERDES-TEGURAN", "PERDES-BERHENTI-SMT", "PERDES-BERHENTI"},
    "tni": set(),
    "polri": set(),
    "unknown": set(),
}

_ETHICS = {"pns": MORAL, "pppk": MORAL}
_SEDANG_ROW = {"pns": SEDANG, "pppk": {"PPPK-HD-SEDANG"}}
_BERAT_ROW = {"pns": BERAT, "pppk": PPPK_BERAT}

# (version, row) -> kind -> codes, for the two kinds that get a sanction from their PPK.
EXPECTED: dict[tuple[str, str], dict[str, set[str]]] = {}
for _version in (FIRST, CORRECTED):
    for _code in ("KE-01", "KE-02", "KE-03", "KE-04", "KE-05", "KE-06", "KE-07"):
        EXPECTED[(_version, _code)] = _ETHICS
    for _code in ("DS-03", "DS-09"):
        EXPECTED[(_version, _code)] = _SEDANG_ROW
    for _code in ("DS-01", "DS-02", "DS-04", "DS-06", "DS-07", "DS-08", "DS-10", "DS-11", "DS-12"):
        EXPECTED[(_version, _code)] = _BERAT_ROW
EXPECTED[(FIRST, "DS-05")] = {"pns": {"PTDH"}, "pppk": {"PPPK-PHK-TDH"}}
# The first version offered light sanctions in its catch-all (F1); kept for its own decisions.
EXPECTED[(FIRST, "DS-13")] = {
    "pns": RINGAN | SEDANG | BERAT,
    "pppk": {"PPPK-HD-RINGAN", "PPPK-HD-SEDANG", "PPPK-HD-BERAT", "PPPK-PHK-H", "PPPK-PHK-TDH"},
}
EXPECTED[(CORRECTED, "DS-05")] = {"pns": {"PTDH", "PDH-PARPOL"}, "pppk": {"PPPK-PHK-TDH"}}
EXPECTED[(CORRECTED, "DS-13")] = {
    "pns": SEDANG | BERAT,
    "pppk": {"PPPK-HD-SEDANG", "PPPK-HD-BERAT", "PPPK-PHK-H"},
}
EXPECTED[(CORRECTED, "PP-N1")] = {
    "pns": RINGAN | SEDANG | BERAT,
    "pppk": {"PPPK-HD-RINGAN", "PPPK-HD-SEDANG", "PPPK-HD-BERAT", "PPPK-PHK-H"},
}
EXPECTED[(CORRECTED, "PP-N2")] = _SEDANG_ROW
EXPECTED[(CORRECTED, "PP-N3")] = _BERAT_ROW
EXPECTED[(CORRECTED, "PP-N4")] = _BERAT_ROW


def row(code: str, version: str = CORRECTED) -> ViolationType:
    return ViolationType.objects.get(version__code=version, code=code)


def codes(answer) -> set[str]:
    return {f.sanction.code for f in answer.forms}


def form(answer, code: str):
    return next(f for f in answer.forms if f.sanction.code == code)


def test_the_table_covers_every_loaded_row():
    loaded = set(ViolationType.objects.values_list("version__code", "code"))
    assert loaded == set(EXPECTED)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("version", "code"), sorted(EXPECTED))
def test_allowed_sanctions_for_every_row_and_kind(version, code, kind):
    answer = allowed_sanctions(violation_types=[row(code, version)], employee_kind=kind)
    expected = EXPECTED[(version, code)].get(kind, OWN.get(kind))
    assert codes(answer) == expected
    assert answer.route == ("sanction" if kind in ("pns", "pppk") else "own_authority")
    assert answer.catalogue_version == version
    for f in answer.forms:
        assert f.article and f.reason and f.confidence in ("high", "medium", "low", "unverified")


def test_the_first_version_stays_as_it_was_loaded():
    assert {s.code for s in row("DS-13", FIRST).allowed_sanctions.all()} >= RINGAN
    assert row("KE-07", FIRST).stage == "bakal_calon"


def test_corrected_rows_carry_their_fixes_and_disputes_as_data():
    assert row("KE-07").stage == "any"  # F2
    assert not RINGAN & {s.code for s in row("DS-13").allowed_sanctions.all()}  # F1
    ds06 = row("DS-06")  # F9
    assert "angka 5 dan 6" in ds06.violation_basis and "UU 20/2023" in ds06.violation_basis
    assert ds06.confidence == "low" and ds06.disputed
    n1, n2 = row("PP-N1"), row("PP-N2")  # F8 and dispute 1
    assert n1.disputed and n1.confidence == "unverified" and "Afifuddin" in n1.dispute_note
    assert n2.level == "sedang" and n2.disputed and "DS-04" in n2.dispute_note
    assert "Pasal 255" in row("DS-05").sanction_basis  # F7
    assert row("PP-N4").level == row("PP-N3").level == "berat"


def test_pppk_forms_are_agency_set_with_low_confidence():
    answer = allowed_sanctions(violation_types=[row("DS-03")], employee_kind="pppk")
    agency = form(answer, "PPPK-HD-SEDANG")
    assert agency.confidence == "low" and "PP 49/2018 Pasal 52" in agency.article
    ethics = allowed_sanctions(violation_types=[row("KE-01")], employee_kind="pppk")
    assert {f.confidence for f in ethics.forms} == {"low"}  # PP 42/2004 is for PNS


def test_no_move_to_a_pelaksana_post_for_a_pelaksana():
    pelaksana = allowed_sanctions(
        violation_types=[row("DS-01")], employee_kind="pns", position_class="pelaksana"
    )
    assert codes(pelaksana) == {"HD-B1", "HD-B3"}
    assert form(pelaksana, "HD-B1").confidence == "low"
    assert any("HD-B2" in line for line in pelaksana.explanation)
    administrator = allowed_sanctions(
        violation_types=[row("DS-01")], employee_kind="pns", position_class="administrator"
    )
    assert codes(administrator) == BERAT and form(administrator, "HD-B2").confidence == "medium"
    unknown = allowed_sanctions(violation_types=[row("DS-01")], employee_kind="pns")
    assert form(unknown, "HD-B2").confidence == "low"


def test_position_does_not_matter_below_berat():
    for position in POSITION_CLASSES:
        answer = allowed_sanctions(
            violation_types=[row("DS-03")], employee_kind="pns", position_class=position
        )
        assert codes(answer) == SEDANG


def test_the_position_classes_are_the_registrys_and_the_kinds_the_cases():
    assert set(POSITION_CLASSES) == set(PositionClass.values)
    assert set(KINDS) == set(PersonCategory.values)


def test_several_violations_the_heaviest_level_governs():
    answer = allowed_sanctions(violation_types=[row("KE-01"), row("DS-03")], employee_kind="pns")
    assert codes(answer) == SEDANG and answer.governing_level == "sedang"
    assert answer.groups == ["discipline", "ethics"] and answer.levels == ["sedang"]
    assert any("DS-03" in line and "KE-01" in line for line in answer.explanation)
    dismissal = allowed_sanctions(violation_types=[row("DS-01"), row("DS-05")], employee_kind="pns")
    assert codes(dismissal) == {"PTDH", "PDH-PARPOL"}
    assert "Pasal 255" in form(dismissal, "PDH-PARPOL").reason


def test_a_case_by_case_row_adds_only_heavier_levels():
    answer = allowed_sanctions(violation_types=[row("DS-03"), row("DS-13")], employee_kind="pns")
    assert codes(answer) == SEDANG | BERAT and answer.levels == ["sedang", "berat"]
    heavy = allowed_sanctions(violation_types=[row("DS-01"), row("PP-N1")], employee_kind="pns")
    assert codes(heavy) == BERAT


def test_repetition_is_low_confidence_advice_and_never_narrows_the_forms():
    first = allowed_sanctions(violation_types=[row("DS-03")], employee_kind="pns")
    with translation.override("en"):
        again = allowed_sanctions(
            violation_types=[row("DS-03")], employee_kind="pns", earlier_proven=2
        )
    assert codes(again) == codes(first) and not first.advice
    assert [a.confidence for a in again.advice] == ["low"]
    assert again.advice[0].text in again.explanation and "unsourced" in again.advice[0].text


def test_disputed_rows_are_named_in_the_explanation():
    answer = allowed_sanctions(violation_types=[row("DS-08")], employee_kind="pns")
    assert [d.code for d in answer.disputes] == ["DS-08"]
    assert "sedang" in answer.disputes[0].detail
    assert answer.disputes[0].text in answer.explanation


def test_own_authority_routes_say_who_decides():
    village = allowed_sanctions(violation_types=[row("DS-01")], employee_kind="village_head")
    assert any("UU 6/2014" in line for line in village.explanation)
    assert any("PID-02" in line for line in village.explanation)
    assert all("UU 6/2014 Pasal" in f.article for f in village.forms)
    non_asn = allowed_sanctions(violation_types=[row("KE-01")], employee_kind="non_asn")
    assert "SE MenPAN-RB" in form(non_asn, "NONASN-BERTINGKAT").reason


def test_the_explanation_is_translated():
    with translation.override("en"):
        english = allowed_sanctions(violation_types=[row("DS-01")], employee_kind="tni")
    with translation.override("id"):
        indonesian = allowed_sanctions(violation_types=[row("DS-01")], employee_kind="tni")
    assert english.explanation[-1].startswith("TNI members")
    assert indonesian.explanation[-1] != english.explanation[-1]
    assert "TNI" in indonesian.explanation[-1]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"employee_kind": "honorer"}, "Unknown kind of employee"),
        ({"position_class": "menteri"}, "Unknown position class"),
        ({"earlier_proven": -1}, "cannot be negative"),
        ({"violation_types": []}, "at least one"),
    ],
)
def test_questions_that_cannot_be_answered_are_refused(kwargs, message):
    given = {"violation_types": [row("DS-01")], "employee_kind": "pns", **kwargs}
    with translation.override("en"), pytest.raises(RuleInputError, match=message):
        allowed_sanctions(**given)


def test_rows_of_two_versions_are_refused():
    with translation.override("en"), pytest.raises(RuleInputError, match="different catalogue"):
        allowed_sanctions(violation_types=[row("DS-01"), row("DS-03", FIRST)], employee_kind="pns")


def test_allows_tells_a_sanction_in_the_answer_from_one_outside_it():
    answer = allowed_sanctions(violation_types=[row("DS-13")], employee_kind="pns")
    assert answer.allows(SanctionType.objects.get(code="HD-S6"))
    assert not answer.allows(SanctionType.objects.get(code="HD-R1"))


def test_sanctions_for_still_answers_from_the_row_and_knows_every_kind():
    assert set(row("DS-05").sanctions_for("pns").values_list("code", flat=True)) == {
        "PTDH",
        "PDH-PARPOL",
    }
    assert not row("DS-05").sanctions_for("tni").exists()
    with pytest.raises(ValueError):
        row("DS-05").sanctions_for("honorer")


def test_an_unrecorded_kind_is_read_as_unknown():
    answer = allowed_sanctions(violation_types=[row("DS-01")], employee_kind="")
    assert answer.route == "own_authority" and answer.forms == []
