"""The refresh counts what the database holds and publishes nothing small, nor anything from which
a small number can be worked back (publish.py, through the public API as an outsider sees it)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest

from netra.cases.models import Case, Decision
from netra.insights.counting import count_election
from netra.insights.cube import PARTITIONS, build_cube
from netra.insights.dictionary import ALL, MEASURES, TOTAL
from netra.insights.models import PublishedScope
from netra.insights.publish import refresh_election
from netra.reference.models import Election, Region
from netra.reports.models import Report
from netra.sanctions.models import Recommendation, Sanction

from .attacker import recover
from .conftest import add_case

pytestmark = pytest.mark.django_db
K = 5


@pytest.fixture
def world():
    """Samarinda and Balikpapan with many cases, Mahakam Ulu with one proven violation, a few in
    Kalimantan Selatan, and a Pemilu 2024 case that must not count for Pilkada 2024."""
    for i in range(12):
        add_case(district="64.72.01", proven=1, recommended=1, sanctioned=i % 2, social=i < 7)
    for _ in range(8):
        add_case(district="64.71.01", proven=1, unproven=1, recommended=1, reports=2)
    add_case(district="64.11.01", proven=1, recommended=1, sanctioned=1)
    for _ in range(6):
        add_case(district="63.71.01", proven=1, agency="PEMPROV-63", violation="KE-01")
    add_case(district="64.72.02", registered=False)
    add_case(election="pemilu-2024", district="64.72.01", incident=dt.date(2024, 1, 5), proven=2)
    return Election.objects.get(code="pilkada-2024")


def _db_counts(election) -> dict[str, int]:
    return {
        "reports": Report.objects.filter(election=election).count(),
        "cases": Case.objects.filter(election=election, registered_at__isnull=False).count(),
        "proven": Decision.objects.filter(case__election=election, proven=True).count(),
        "recommendations": Recommendation.objects.filter(case__election=election).count(),
        "sanctions": Sanction.objects.filter(recommendation__case__election=election).count(),
    }


def test_national_totals_are_the_database_counts(world, client):
    refresh_election(world)
    national = PublishedScope.objects.get(election=world, code="")
    assert national.headline == _db_counts(world)
    assert national.headline == {
        "reports": 12 + 16 + 1 + 6 + 1,
        "cases": 12 + 8 + 1 + 6,
        "proven": 27,
        "recommendations": 21,
        "sanctions": 7,
    }
    # By channel: the seven Samarinda cases with a Facebook link.
    cells = national.payload["cells"]
    assert cells["cases"]["channel"] == {"social_media": 7, "offline": 20}
    assert cells["proven"]["phase"]["campaign"] == 27
    assert cells["proven"]["agency_kind"]["city_gov"] == 21  # Samarinda, Balikpapan, Mahakam Ulu
    assert cells["proven"]["agency_kind"]["province_gov"] == 6


def test_no_small_number_is_published_anywhere(world):
    refresh_election(world)
    for row in PublishedScope.objects.filter(election=world):
        numbers = list(row.headline.values())
        numbers += [
            v for m in row.payload["cells"].values() for d in m.values() for v in d.values()
        ]
        numbers += [v for c in row.payload["children"].values() for v in c.values()]
        assert not [n for n in numbers if n is not None and 0 < n < K], row.code


def test_the_single_case_of_mahakam_ulu_is_hidden_with_a_neighbour(world, client):
    refresh_election(world)
    kaltim = client.get("/api/v1/insights/figures", {"election": "pilkada-2024", "region": "64"})
    rows = [
        r for r in kaltim.json()["rows"] if r["dimension"] == "region" and r["measure"] == "proven"
    ]
    by_code = {r["value"]: r["count"] for r in rows}
    assert by_code["64.11"] is None
    # Kalimantan Timur's total minus the kabupaten/kota shown is not Mahakam Ulu's 1.
    total = next(
        r["count"]
        for r in kaltim.json()["rows"]
        if r["measure"] == "proven" and r["dimension"] == TOTAL
    )
    assert total == 21
    assert total - sum(c for c in by_code.values() if c) != 1
    assert sum(1 for c in by_code.values() if c is None) >= 2


def _published_by_region(client, election: str) -> dict[str, dict]:
    """Every region's figures, asked for one region at a time, as an outsider would."""
    codes = [""] + list(
        PublishedScope.objects.filter(election__code=election)
        .exclude(code="")
        .values_list("code", flat=True)
    )
    out = {}
    for code in codes:
        answer = client.get("/api/v1/insights/figures", {"election": election, "region": code})
        assert answer.status_code == 200
        out[code] = answer.json()
    return out


def _attack_everything(published: dict[str, dict], truth: dict) -> dict:
    shown: dict[Any, int] = {}
    hidden: set[Any] = set()
    relations: list[Any] = []
    cells: dict[str, dict] = {}
    for code, answer in published.items():
        for r in answer["rows"]:
            if r["dimension"] == "region":
                continue
            key = (r["measure"], r["dimension"], r["value"], code)
            cells.setdefault(code, {})[key[:3]] = key
            if r["count"] is None:
                hidden.add(key)
            else:
                shown[key] = r["count"]
    # A region is the sum of the regions below it (zero where nothing is published).
    for parent in published:
        if "." in parent:  # a kabupaten/kota: nothing is published below it
            continue
        kids = [
            c for c in published if c and (c.split(".")[0] == parent if "." in c else parent == "")
        ]
        kids = [c for c in kids if c != parent]
        for series in cells.get(parent, {}):
            relations.append(
                ((*series, parent), [(*series, k) for k in kids if series in cells.get(k, {})])
            )
    # A region's total is the sum of each breakdown (violation types only where it adds up).
    for code, series_keys in cells.items():
        for m in MEASURES:
            for d in {s[1] for s in series_keys if s[0] == m and s[1] != TOTAL}:
                parts = [series_keys[s] for s in series_keys if s[0] == m and s[1] == d]
                total = (m, TOTAL, ALL, code)
                if d in PARTITIONS or sum(truth.get(p, 0) for p in parts) == truth.get(total, 0):
                    relations.append((total, parts))
    return recover(shown, hidden, relations)


def test_no_hidden_small_number_comes_back_from_all_regions_together(world, client):
    refresh_election(world)
    truth = build_cube(count_election(world), []).values
    recovered = _attack_everything(_published_by_region(client, "pilkada-2024"), truth)
    small = {k for k, v in truth.items() if 0 < v < K}
    assert not set(recovered) & small, {k: recovered[k] for k in set(recovered) & small}
    assert ("proven", TOTAL, ALL, "64.11") not in recovered


def test_query_strings_built_to_narrow_the_slice_are_refused(world, client):
    refresh_election(world)
    base = {"election": "pilkada-2024"}
    assert (
        client.get("/api/v1/insights/figures", {**base, "region": ["64", "64.11"]}).status_code
        == 400
    )
    assert client.get("/api/v1/insights/figures", {**base, "region": "64.11.01"}).status_code == 400
    assert client.get("/?province=64&regency=63.71").status_code == 400
    # A parameter that does not exist changes nothing: the small number stays hidden.
    answer = client.get("/api/v1/insights/figures", {**base, "region": "64.11", "threshold": "0"})
    totals = {r["measure"]: r["count"] for r in answer.json()["rows"] if r["dimension"] == TOTAL}
    assert totals["proven"] is None


def test_csv_download_matches_the_database(world, client):
    refresh_election(world)
    answer = client.get("/data/export/", {"election": "pilkada-2024", "format": "csv"})
    assert answer.status_code == 200
    rows = list(csv.DictReader(io.StringIO(answer.content.decode())))
    totals = {r["measure"]: int(r["count"]) for r in rows if r["dimension"] == TOTAL}
    assert totals == _db_counts(world)
    assert {r["election"] for r in rows} == {"pilkada-2024"}
    assert {r["licence"] for r in rows} == {"CC-BY-4.0"}
    assert all(r["generated_at"] for r in rows)
    hidden = [r for r in rows if r["suppressed"] == "true"]
    assert hidden and all(r["count"] == "" for r in hidden)


def test_an_empty_region_is_all_zeros_and_a_province_lists_every_kabupaten(world, client):
    refresh_election(world)
    papua = client.get("/api/v1/insights/figures", {"election": "pilkada-2024", "region": "91"})
    assert papua.status_code == 200
    counts = [r["count"] for r in papua.json()["rows"]]
    assert counts and set(counts) == {0}
    regencies = Region.objects.filter(parent_id="91").count()
    listed = {r["value"] for r in papua.json()["rows"] if r["dimension"] == "region"}
    assert len(listed) == regencies


def test_refresh_replaces_the_rows_and_records_its_timing(world):
    first = refresh_election(world)
    add_case(district="64.72.01", proven=1)
    second = refresh_election(world)
    assert second.started_at > first.started_at
    national = PublishedScope.objects.get(election=world, code="")
    assert national.headline["proven"] == 28
    assert second.cells > 0 and second.hidden > 0 and second.threshold == K
