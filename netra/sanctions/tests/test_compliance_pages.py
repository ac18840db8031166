"""The compliance page and its CSV/XLSX exports: scope, filters, bad input, formula injection."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from netra.accounts.tests import factories
from netra.registry.models import Agency

from .compliance_world import build

pytestmark = pytest.mark.django_db
PAGE = "/sanctions/compliance/"
EXPORT = "/sanctions/compliance/export/"


@pytest.fixture
def world():
    analyst = factories.analyst()
    return {**build(analyst), "analyst": analyst}


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_authority_sees_every_agency_with_totals(client, world):
    client.force_login(world["analyst"])
    page = client.get(PAGE)
    assert page.status_code == 200
    assert {r.key for r in page.context["table"].rows} == {
        a.pk for k, a in world.items() if k in "abc"
    }
    assert page.context["table"].total.received == 12
    body = page.content.decode()
    assert 'data-testid="compliance-total"' in body and "Pemerintah Kota Samarinda" in body
    assert "compliance-listing" not in body  # no single agency's list for the authority
    by_province = client.get(PAGE, {"by": "province", "province": "64"})
    assert [r.key for r in by_province.context["table"].rows] == ["64"]


def test_a_ppk_sees_their_agency_and_its_recommendations_by_outcome(client, world):
    client.force_login(factories.personnel("ppk.samarinda", "PEMKOT-64.72"))
    page = client.get(PAGE, {"province": "11", "outcome": "contested"})  # province is ignored
    assert page.status_code == 200
    assert [r.key for r in page.context["table"].rows] == [world["a"].pk]
    listed = page.context["listed"]
    assert len(listed) == 1 and listed[0].agency_id == world["a"].pk
    assert listed[0].contest.reasons == "Keberatan"
    assert "Kutai" not in page.content.decode()


def test_an_agency_admin_sees_the_figures_but_not_the_people(client, world):
    client.force_login(factories.agency_admin("admin.samarinda", "PEMKOT-64.72"))
    page = client.get(PAGE)
    assert page.status_code == 200 and page.context["table"].total.received == 10
    assert "compliance-listing" not in page.content.decode()


@pytest.mark.parametrize("bad", [{"election": "pilkada-2099"}, {"by": "person"}, {"sort": "x"}])
def test_bad_filters_get_a_400_with_the_form(client, world, bad):
    client.force_login(world["analyst"])
    assert client.get(PAGE, bad).status_code == 400
    assert client.get(EXPORT, {**bad, "format": "csv"}).status_code == 400


def test_who_may_not_open_it(client, world):
    assert client.get(PAGE).status_code == 302  # to the login page
    client.force_login(factories.system_admin())
    assert client.get(PAGE).status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_the_csv_has_the_pages_rows_and_total_and_defuses_formulas(client, world):
    Agency.objects.filter(pk=world["a"].pk).update(name='=HYPERLINK("http://x","klik")')
    Agency.objects.filter(pk=world["b"].pk).update(name="+62 Kutai")
    client.force_login(world["analyst"])
    response = client.get(EXPORT, {"format": "csv", "sort": "-received"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    assert len(rows) == 1 + 3 + 1  # header, three agencies, total
    assert rows[1][:4] == ["PEMKOT-64.72", '\'=HYPERLINK("http://x","klik")', "10", "2"]
    assert {r[0]: r[1] for r in rows}["PEMKAB-64.02"] == "'+62 Kutai"
    assert rows[-1][2] == "12" and rows[-1][-1] == "11.5"
    ppk = factories.personnel("ppk.kukar", "PEMKAB-64.02")
    client.force_login(ppk)
    assert len(_csv(client.get(EXPORT, {"format": "csv"}))) == 1 + 1 + 1  # their agency only


def test_the_xlsx_opens_and_keeps_text_as_text(client, world):
    Agency.objects.filter(pk=world["a"].pk).update(name="=1+1")
    client.force_login(world["analyst"])
    response = client.get(EXPORT, {"format": "xlsx", "sort": "-received"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][1] == "'=1+1" and sheet.cell(row=2, column=2).data_type == "s"
    assert values[1][2] == 10 and values[-1][2] == 12


def test_an_unknown_format_is_refused(client, world):
    client.force_login(world["analyst"])
    response = client.get(EXPORT, {"format": "pdf"})
    assert response.status_code == 400 and "csv" in response.content.decode()
