"""The reference data is complete and consistent, as loaded by ``load_reference``."""

import datetime as dt

import pytest
from django.core.management import call_command

from netra.reference.models import (
    CatalogueVersion,
    Election,
    ElectionPhase,
    Region,
    SanctionType,
    ViolationGroup,
    ViolationType,
)
from netra.registry.models import Agency

pytestmark = pytest.mark.django_db


def test_region_counts_match_kemendagri():
    assert Region.objects.filter(level=Region.Level.PROVINCE).count() == 38
    assert Region.objects.filter(level=Region.Level.REGENCY).count() == 514
    assert Region.objects.filter(level=Region.Level.DISTRICT).count() == 7285


def test_every_region_below_province_has_a_parent_whose_code_prefixes_its_own():
    orphans = Region.objects.exclude(level=Region.Level.PROVINCE).filter(parent__isnull=True)
    assert not orphans.exists()
    for region in Region.objects.exclude(level=Region.Level.PROVINCE).select_related("parent")[
        :500
    ]:
        assert region.parent is not None and region.code.startswith(region.parent.code + ".")


def test_loading_twice_changes_nothing():
    before = (Region.objects.count(), Agency.objects.count(), ViolationType.objects.count())
    call_command("load_reference", verbosity=0)
    assert (Region.objects.count(), Agency.objects.count(), ViolationType.objects.count()) == before


FIRST, CORRECTED = "skb-5kl-2022", "skb-5kl-2022-rev-2026-11"


def row(code: str, version: str = FIRST) -> ViolationType:
    return ViolationType.objects.get(version__code=version, code=code)


def test_every_catalogue_entry_has_group_article_and_an_allowed_sanction():
    violations = ViolationType.objects.prefetch_related("allowed_sanctions")
    assert violations.filter(version__code=FIRST).count() == 20
    assert violations.filter(version__code=CORRECTED).count() == 24
    for v in violations:
        assert v.group in ViolationGroup.values, v.code
        assert v.sanction_basis.strip(), v.code
        assert "PP " in v.sanction_basis or "UU " in v.sanction_basis, v.code
        assert v.allowed_sanctions.exists(), v.code


def test_catalogue_groups_follow_the_skb_split():
    skb = CatalogueVersion.objects.get(code="skb-5kl-2022")
    assert skb.violations.filter(group=ViolationGroup.ETHICS).count() == 7
    assert skb.violations.filter(group=ViolationGroup.DISCIPLINE).count() == 13


def test_ethics_rows_allow_only_the_moral_sanctions_for_a_pns():
    ke01 = row("KE-01")
    assert set(ke01.sanctions_for("pns").values_list("code", flat=True)) == {"SM-TTP", "SM-TBK"}


def test_party_membership_means_dismissal_without_honour_per_employee_type():
    ds05 = row("DS-05")
    assert list(ds05.sanctions_for("pns").values_list("code", flat=True)) == ["PTDH"]
    assert list(ds05.sanctions_for("pppk").values_list("code", flat=True)) == ["PPPK-PHK-TDH"]
    assert list(ds05.sanctions_for("non_asn").values_list("code", flat=True)) == [
        "NONASN-BERTINGKAT"
    ]


def test_disputed_rows_carry_their_dispute_as_data():
    for version in (FIRST, CORRECTED):
        ds08 = row("DS-08", version)
        assert ds08.disputed and ds08.level == "berat" and "sedang" in ds08.dispute_note


def test_every_sanction_applies_to_someone_and_cites_a_rule():
    for s in SanctionType.objects.all():
        kinds = [s.applies_to_pns, s.applies_to_pppk, s.applies_to_non_asn]
        assert any([*kinds, s.applies_to_village_head, s.applies_to_village_staff]), s.code
        assert s.legal_basis, s.code


def test_elections_have_every_phase_without_gaps_or_overlaps():
    order = ["pre_campaign", "campaign", "quiet", "voting", "counting"]
    for election in Election.objects.all():
        phases = list(election.phases.order_by("starts_on"))
        assert [p.kind for p in phases] == order, election.code
        for earlier, later in zip(phases, phases[1:], strict=False):
            assert later.starts_on == earlier.ends_on + dt.timedelta(days=1), election.code


@pytest.mark.parametrize(
    ("code", "day", "phase"),
    [
        ("pemilu-2024", dt.date(2024, 2, 14), "voting"),
        ("pemilu-2024", dt.date(2024, 2, 12), "quiet"),
        ("pilkada-2024", dt.date(2024, 10, 1), "campaign"),
        ("pilkada-2020", dt.date(2020, 12, 20), "counting"),
        ("pemilu-2019", dt.date(2018, 1, 1), "pre_campaign"),
    ],
)
def test_an_incident_date_maps_to_its_phase(code, day, phase):
    found = Election.objects.get(code=code).phase_on(day)
    assert found is not None and found.kind == phase


def test_a_date_can_fall_in_two_overlapping_elections():
    kinds = ElectionPhase.objects.filter(starts_on__lte="2024-02-01", ends_on__gte="2024-02-01")
    assert {p.election.code for p in kinds} == {"pemilu-2024", "pilkada-2024"}


def test_between_elections_there_is_no_phase():
    assert not ElectionPhase.objects.filter(starts_on__lte="2021-06-01", ends_on__gte="2021-06-01")


def test_candidate_stage_switches_on_the_determination_date():
    pilkada = Election.objects.get(code="pilkada-2024")
    assert pilkada.candidate_stage_on(dt.date(2024, 9, 21)) == "bakal_calon"
    assert pilkada.candidate_stage_on(dt.date(2024, 9, 22)) == "calon"


def test_every_regional_government_is_an_agency_with_its_head_as_ppk():
    assert Agency.objects.filter(kind=Agency.Kind.PROVINCE_GOV).count() == 38
    # 514 kabupaten/kota less Jakarta's six administrative ones, which have no government.
    assert (
        Agency.objects.filter(kind__in=[Agency.Kind.REGENCY_GOV, Agency.Kind.CITY_GOV]).count()
        == 508
    )
    assert Agency.objects.get(code="PEMPROV-64").ppk_title == "Gubernur Kalimantan Timur"
    assert Agency.objects.get(code="PEMKOT-64.72").ppk_title == "Wali Kota Samarinda"
    assert Agency.objects.get(code="PEMKAB-64.02").ppk_title == "Bupati Kutai Kartanegara"
    assert Agency.objects.filter(level=Agency.Level.NATIONAL).count() > 50
    assert not Agency.objects.filter(ppk_title="").exists()


@pytest.mark.parametrize(
    ("day", "race", "stages"),
    [
        # docs/legal/catalogue-review.md F3: DPR/DPD fixed 2023-11-03, presidential pairs 2023-11-13.
        (dt.date(2023, 11, 2), "", ["bakal_calon"]),
        (dt.date(2023, 11, 3), "dpr", ["calon"]),
        (dt.date(2023, 11, 8), "dpd", ["calon"]),
        (dt.date(2023, 11, 8), "presiden", ["bakal_calon"]),
        (dt.date(2023, 11, 8), "", ["bakal_calon", "calon"]),
        (dt.date(2023, 11, 8), "walikota", ["bakal_calon", "calon"]),  # not a Pemilu race
        (dt.date(2023, 11, 13), "presiden", ["calon"]),
        (dt.date(2023, 11, 13), "", ["calon"]),
    ],
)
def test_pemilu_2024_fixed_its_races_on_different_days(day, race, stages):
    pemilu = Election.objects.get(code="pemilu-2024")
    assert pemilu.candidate_stages_on(day, race) == stages
    assert pemilu.candidate_stage_on(day, race) == (stages[0] if len(stages) == 1 else None)


def test_dates_per_race_carry_their_confidence():
    races = {
        r["race"]: r for r in Election.objects.get(code="pemilu-2024").candidates_fixed_by_race
    }
    assert races["dpr"]["on"] == "2023-11-03" and races["dpr"]["confidence"] == "high"
    assert races["dprd"]["confidence"] == "unverified"
    assert Election.objects.get(code="pilkada-2024").candidates_fixed_by_race == []
