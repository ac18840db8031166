"""A person reads the public figures: switches election and region, opens the map, downloads the
CSV (its totals are the database's); axe-core finds no serious or critical accessibility issue on
the public pages (Playwright, Debian Chromium, axe-core from npm: bin/setup installs it)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from playwright.sync_api import expect

from netra.cases.models import Case, Decision
from netra.insights.publish import refresh_all
from netra.reference.models import Election
from netra.reports.models import Report

from .conftest import add_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def figures(reference_data):
    for i in range(9):
        add_case(district="64.72.01", proven=1, recommended=1, sanctioned=i % 2, social=i < 4)
    for _ in range(6):
        add_case(district="64.02.01", proven=1, agency="PEMKAB-64.02")
    add_case(district="64.11.01", proven=1)
    for _ in range(5):
        add_case(election="pemilu-2024", district="64.72.01", proven=1)
    refresh_all()


def _axe(page) -> list[str]:
    assert AXE.exists(), "axe-core is missing: run NETRA_WITH_BROWSER=1 bin/setup (npm ci)"
    # Evaluated through the DevTools protocol: the page's CSP (scripts from 'self') still holds.
    page.evaluate(AXE.read_text())
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][:3]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def _headline(page, measure: str) -> str:
    return page.locator(f"[data-testid=headline] [data-measure={measure}] dd").inner_text()


def test_read_switch_map_and_download(live_server, page, figures, tmp_path):
    page.goto(f"{live_server.url}/")
    election = Election.objects.get(code="pilkada-2024")
    assert page.locator("[data-testid=dashboard-election]").inner_text() == election.name
    proven = Decision.objects.filter(case__election=election, proven=True).count()
    assert _headline(page, "proven") == str(proven)

    # Another election, then a province, then one of its kabupaten/kota.
    page.select_option("#f-election", "pemilu-2024")
    page.click("[data-testid=dashboard-filters] button[type=submit]")
    expect(page.locator("[data-testid=dashboard-election]")).to_have_text("Pemilu 2024")
    assert _headline(page, "proven") == "5"
    page.select_option("#f-election", "pilkada-2024")
    page.select_option("#f-province", "64")
    page.click("[data-testid=dashboard-filters] button[type=submit]")
    expect(page.locator("[data-testid=dashboard-region]")).to_have_text("Kalimantan Timur")
    # Mahakam Ulu's single case is hidden in the kabupaten/kota table, with at least one other.
    region_table = page.locator("[data-testid=table-region]")
    assert region_table.locator("tr[data-code='64.11'] .hidden-cell").count() >= 1
    page.select_option("#f-regency", "64.72")
    page.click("[data-testid=dashboard-filters] button[type=submit]")
    expect(page.locator("[data-testid=dashboard-region]")).to_have_text("Kota Samarinda")
    assert _headline(page, "proven") == "9"

    # The map of the provinces: open it, choose East Kalimantan's tile.
    page.click("[data-testid=map] summary")
    tile = page.locator("[data-testid=tilemap] a[data-province='64']")
    assert tile.is_visible()
    tile.click()
    page.wait_for_url("**region=64")
    expect(page.locator("[data-testid=dashboard-region]")).to_have_text("Kalimantan Timur")

    # The CSV of Indonesia: its totals are the database's.
    page.goto(f"{live_server.url}/?election=pilkada-2024")
    with page.expect_download() as download:
        page.click("[data-testid=downloads] a[data-format=csv]")
    path = tmp_path / "figures.csv"
    download.value.save_as(path)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    totals = {r["measure"]: r["count"] for r in rows if r["dimension"] == "total"}
    assert totals["reports"] == str(Report.objects.filter(election=election).count())
    registered = Case.objects.filter(election=election, registered_at__isnull=False).count()
    assert totals["cases"] == str(registered)
    assert totals["proven"] == str(proven)
    assert {r["licence"] for r in rows} == {"CC-BY-4.0"}
    assert all(r["count"] == "" or int(r["count"]) == 0 or int(r["count"]) >= 5 for r in rows)


@pytest.mark.parametrize("language", ["id", "en"])
def test_axe_finds_no_serious_issue_on_the_public_pages(live_server, page, figures, language):
    page.goto(f"{live_server.url}/")
    if language == "en":
        page.click("button[name=language][value=en]")
        page.wait_for_selector("text=Proven violations")
    for path in (
        "/",
        "/?election=pilkada-2024&region=64",
        "/data/?region=64.72",
        "/data/dictionary/",
        "/data/export/?format=pdf",
    ):
        page.goto(f"{live_server.url}{path}")
        if page.locator("[data-testid=map] summary").count():
            page.click("[data-testid=map] summary")  # check the open map too
        assert _axe(page) == [], path
