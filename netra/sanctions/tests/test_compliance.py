"""The compliance figures on a hand-built set (compliance_world.py), live and from the tally, and
who sees which (netra/sanctions/compliance.py)."""

from __future__ import annotations

import pytest

from netra.accounts.tests import factories
from netra.reference.models import Election
from netra.sanctions import compliance_summary_table as tally
from netra.sanctions.compliance import Filters, compliance_table, filtered, live_table
from netra.sanctions.selectors import compliance_summary

from .compliance_world import TODAY, build

pytestmark = pytest.mark.django_db

SAMARINDA = {
    "received": 10, "in_time": 2, "late": 1, "ignored": 2, "contested": 1, "open": 2,
    "withdrawn": 1, "referred": 1, "same": 1, "lighter": 1, "heavier": 1, "not_comparable": 0,
    "flagged": 1, "median_days": 14.0,
}  # fmt: skip
TOTAL = {
    **SAMARINDA, "received": 12, "in_time": 3, "ignored": 3, "not_comparable": 1,
    "median_days": 11.5,  # days 3, 9, 14, 15: (9 + 14) / 2
}  # fmt: skip


@pytest.fixture
def world():
    analyst = factories.analyst()
    return {**build(analyst), "analyst": analyst}


def _figures(row) -> dict:
    return {k: getattr(row, k) for k in SAMARINDA}


def _by_key(table) -> dict:
    return {r.key: _figures(r) for r in table.rows}


def test_every_outcome_counts_as_defined_with_the_due_day_boundaries(world):
    table = compliance_table(world["analyst"], by="agency", today=TODAY)
    assert _by_key(table)[world["a"].pk] == SAMARINDA
    assert _figures(table.total) == TOTAL
    outcomes = ("in_time", "late", "referred", "withdrawn", "contested", "ignored", "open")
    for row in table.rows:  # the outcomes partition what was received
        assert sum(getattr(row, o) for o in outcomes) == row.received
    assert table.total.acted == 4
    assert table.total.in_time_rate == 3 / (3 + 1 + 3 + 1)


def test_the_day_after_the_due_date_a_silent_recommendation_is_ignored(world):
    import datetime as dt

    later = compliance_table(world["analyst"], today=TODAY + dt.timedelta(days=1)).total
    assert (later.ignored, later.open) == (4, 1)  # the one due on TODAY is now ignored


def test_the_tally_gives_the_same_figures_as_the_live_count(world):
    assert not tally.usable(world["analyst"], Filters(), TODAY)
    tally.refresh(today=TODAY)
    assert tally.usable(world["analyst"], Filters(), TODAY)
    pilkada = Election.objects.get(code="pilkada-2024")
    for by in ("agency", "province", "regency", "election"):
        for filters in (Filters(), Filters(province="64"), Filters(election=pilkada),
                        Filters(agency_kind="city_gov")):  # fmt: skip
            counted = tally.table(filters, by, TODAY)
            live = live_table(filtered(world["analyst"], filters), by, TODAY)
            assert _by_key(counted) == _by_key(live), (by, filters)
            assert _figures(counted.total) == _figures(live.total), (by, filters)
    assert not tally.usable(world["analyst"], Filters(), TODAY.replace(day=30))  # another day


def test_regions_are_the_agencys_and_national_agencies_form_their_own_row(world):
    by_province = _by_key(compliance_table(world["analyst"], by="province", today=TODAY))
    assert by_province["64"]["received"] == 11 and by_province[None]["received"] == 1
    by_regency = _by_key(compliance_table(world["analyst"], by="regency", today=TODAY))
    assert by_regency["64.72"]["received"] == 10 and by_regency["64.02"]["received"] == 1
    kutai = compliance_table(world["analyst"], Filters(province="64", agency_kind="regency_gov"))
    assert kutai.total.received == 1
    assert compliance_table(world["analyst"], Filters(province="11"), today=TODAY).rows == []


def test_a_ppk_sees_only_their_agency_and_the_authority_every_agency(world):
    ppk = factories.personnel("ppk.samarinda", "PEMKOT-64.72")
    assert set(_by_key(compliance_table(ppk, today=TODAY))) == {world["a"].pk}
    tally.refresh(today=TODAY)  # the tally is the authority's alone
    assert set(_by_key(compliance_table(ppk, today=TODAY))) == {world["a"].pk}
    everyone = {world["a"].pk, world["b"].pk, world["c"].pk}
    assert set(_by_key(compliance_table(world["analyst"], today=TODAY))) == everyone
    kukar = factories.personnel("ppk.kukar", "PEMKAB-64.02")
    assert compliance_table(kukar, today=TODAY).total.received == 1
    admin = factories.agency_admin("admin.samarinda", "PEMKOT-64.72")
    assert compliance_table(admin, today=TODAY).total.received == 10


def test_a_bawaslu_officer_sees_their_offices_cases_and_a_system_admin_nothing(world):
    officer = factories.bawaslu("bawaslu.kukar", "64.02")
    assert _by_key(compliance_table(officer, today=TODAY)).keys() == {world["b"].pk}
    assert compliance_table(factories.system_admin(), today=TODAY).total.received == 0


def test_the_insights_dashboard_summary(world):
    summary = compliance_summary(world["analyst"])
    assert summary.total == 12 and summary.sanctioned == 4
    assert dict((v, n) for v, _l, n in summary.by_status)["issued"] == 6
    assert summary.outstanding_agencies[0]["agency__code"] == "PEMKOT-64.72"
    pemilu = Election.objects.get(code="pemilu-2024")
    assert compliance_summary(world["analyst"], election=pemilu).total == 1


def test_the_listing_by_outcome_finds_what_the_figures_count(world):
    from netra.sanctions.compliance import OUTCOMES, listing_q

    ppk = factories.personnel("ppk.samarinda", "PEMKOT-64.72")
    row = compliance_table(ppk, today=TODAY).rows[0]
    scope = filtered(ppk, Filters(agency_id=world["a"].pk))
    for outcome in OUTCOMES:
        listed = scope.filter(listing_q(TODAY)[outcome]).count()
        assert listed == getattr(row, outcome), outcome
