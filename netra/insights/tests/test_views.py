"""The landing page shows the figures; bad queries get a message, never a 500; pages and downloads
can be cached and revalidated; every download names its election, time and licence."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from netra.insights.models import ReferenceFigure
from netra.insights.publish import refresh_election
from netra.reference.models import Election

from .conftest import add_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    for i in range(7):
        add_case(district="64.72.01", proven=1, recommended=1, sanctioned=1, social=i < 3)
    add_case(district="64.11.01", proven=1)
    election = Election.objects.get(code="pilkada-2024")
    refresh_election(election)
    return election


def test_the_landing_page_shows_the_dashboard_in_indonesian(published, client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Jaga netralitas ASN" in html  # the call to report stays on top
    assert 'data-testid="dashboard"' in html
    assert "Pelanggaran terbukti" in html  # measure labels from dictionary.toml
    assert "Pilkada Serentak 2024" in html
    assert 'data-testid="tilemap"' in html
    assert html.count('data-province="') == 38
    assert "Terlapor" not in html  # no reported person's name, ever


def test_english_labels_come_from_the_same_data_file(published, client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/").content.decode()
    assert "Proven violations" in html and "Pelanggaran terbukti" not in html


def test_region_and_election_switch(published, client):
    html = client.get("/", {"election": "pilkada-2024", "region": "64.72"}).content.decode()
    assert "Kota Samarinda" in html
    html = client.get("/", {"election": "pemilu-2019"}).content.decode()
    assert 'data-testid="dashboard-election">Pemilu 2019' in html


def test_the_form_drops_a_kabupaten_left_over_from_another_province(published, client):
    query = {
        "election": "pilkada-2024",
        "shown_province": "64",
        "province": "63",
        "regency": "64.72",
    }
    page = client.get("/", query)
    assert page.status_code == 200
    assert 'data-testid="dashboard-region">Kalimantan Selatan' in page.content.decode()


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"election": "pilkada-2099"}, 404),
        ({"region": "99"}, 404),
        ({"region": "64.72.01"}, 400),
        ({"region": ["64", "64.72"]}, 400),
        ({"election": ["pilkada-2024", "pemilu-2024"]}, 400),
        ({"province": "64", "regency": "63.71"}, 400),
        ({"region": "64", "province": "64"}, 400),
        ({"region": "x" * 5000}, 404),
    ],
)
def test_bad_queries_get_a_message_and_the_national_figures(published, client, query, status):
    page = client.get("/", query)
    assert page.status_code == status
    html = page.content.decode()
    assert 'data-testid="dashboard-error"' in html
    assert 'data-testid="dashboard-region">Indonesia' in html


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"format": "pdf"}, 400),
        ({"format": ["csv", "json"]}, 400),
        ({"format": "csv", "election": "nope"}, 404),
        ({"format": "csv", "region": ["64", "65"]}, 400),
    ],
)
def test_bad_download_requests_are_refused_plainly(published, client, query, status):
    page = client.get("/data/export/", query)
    assert page.status_code == status
    assert 'data-testid="refused"' in page.content.decode()


def test_pages_and_downloads_revalidate_with_etag_and_last_modified(published, client):
    first = client.get("/")
    assert first["ETag"] and first["Last-Modified"]
    assert "no-cache" in first["Cache-Control"] and "private" in first["Cache-Control"]
    again = client.get("/", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    download = client.get("/data/export/", {"format": "json"})
    assert "public" in download["Cache-Control"]
    assert (
        client.get(
            "/data/export/", {"format": "json"}, headers={"if-none-match": download["ETag"]}
        ).status_code
        == 304
    )
    # New figures, new validator.
    add_case(district="64.72.01", proven=1)
    refresh_election(published)
    assert client.get("/", headers={"if-none-match": first["ETag"]}).status_code == 200


def test_json_and_xlsx_state_election_time_and_licence(published, client):
    data = json.loads(client.get("/data/export/", {"format": "json", "region": "64"}).content)
    assert data["meta"]["election"] == "pilkada-2024"
    assert data["meta"]["licence"] == "CC-BY-4.0" and data["meta"]["generated_at"]
    assert data["meta"]["suppression_threshold"] == 5
    assert any(r["suppressed"] and r["count"] is None for r in data["rows"])
    book = load_workbook(io.BytesIO(client.get("/data/export/", {"format": "xlsx"}).content))
    about = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True)}
    assert about["election"] == "pilkada-2024" and about["licence"] == "CC-BY-4.0"
    assert about["generated_at"]
    header = next(book.worksheets[1].iter_rows(values_only=True))
    assert header[0] == "election" and "suppressed" in header


def test_reference_figures_are_loaded_with_their_source_and_shown_as_such(published, client):
    call_command("load_reference", verbosity=0)  # twice: idempotent
    assert ReferenceFigure.objects.count() == 7
    pilkada_2024 = ReferenceFigure.objects.get(code="pilkada-2024-bawaslu-violations")
    assert pilkada_2024.value == 314 and "rmol.id" in pilkada_2024.url
    html = client.get("/").content.decode()
    assert "rujukan 314" in html and "rmol.id" in html
    dictionary = client.get("/data/dictionary/").content.decode()
    assert "2.034" in dictionary and "Kalteng Lima" in dictionary


def test_a_fresh_install_asks_the_worker_for_figures(client, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    page = client.get("/")
    assert page.status_code == 200
    assert "sedang disiapkan" in page.content.decode() or "being prepared" in page.content.decode()
    assert DBTaskResult.objects.filter(task_path__endswith="refresh_public_figures").exists()


def test_htmx_swaps_only_the_dashboard(published, client):
    partial = client.get("/", {"region": "64"}, headers={"hx-request": "true"})
    html = partial.content.decode()
    assert html.lstrip().startswith("<link") and "<html" not in html
    assert "HX-Request" in partial["Vary"]


def test_a_nul_byte_in_the_query_is_the_input_guards_400(client):
    """The site-wide guard answers before the dashboard reads the query (netra/lib/input_guard.py)."""
    page = client.get("/", {"region": "\x00"})
    assert page.status_code == 400
    assert 'data-testid="bad-request"' in page.content.decode()
