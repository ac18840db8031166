"""A report is filed only under an election that was under way on the day it happened; NI PPPK
numbers of reported persons are taken."""

from __future__ import annotations

import json

import pytest
from django.conf import settings as django_settings
from django.utils import translation

from netra.cases.models import ReportedPerson
from netra.reports.api import REPORT_EXAMPLE

from .conftest import payload, snapshot
from .test_pages import step_data

pytestmark = pytest.mark.django_db
NI_PPPK = "199103222022212004"


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


def post(client, body):
    return client.post("/api/v1/reports", data=json.dumps(body), content_type="application/json")


@pytest.fixture
def no_election_today(election_under_way):
    """As on the day of issue 14: no configured election's stages include today."""
    election_under_way.delete()


def test_a_report_about_this_week_outside_every_election_is_refused(
    client, settings, no_election_today
):
    before = snapshot(settings.MEDIA_ROOT)
    response = post(client, payload(election="pilkada-2024"))
    assert response.status_code == 422
    message = response.json()["errors"]["incident_date"][0]
    assert "No election that Netra knows of was under way" in message
    assert "Bawaslu office" in message
    assert snapshot(settings.MEDIA_ROOT) == before


def test_the_form_says_so_at_the_first_step(client, no_election_today):
    page = client.post("/report/", step_data(step="1", action="next", election="pilkada-2024"))
    assert page.status_code == 400
    html = page.content.decode()
    assert 'data-error-for="incident_date"' in html
    assert "No election that Netra knows of was under way" in html


def test_an_election_that_was_not_under_way_names_the_one_that_was(client):
    body = payload(election="pilkada-2020", incident_date="2023-01-10", known_on="2023-01-10")
    response = post(client, body)
    assert response.status_code == 422
    message = response.json()["errors"]["election"][0]
    assert (
        "Pilkada Serentak 2020 was not under way on 10-01-2023. Under way that day: Pemilu 2024."
        in message
    )


def test_overlapping_elections_are_both_named(client):
    body = payload(election="pemilu-2019", incident_date="2024-02-01", known_on="2024-02-01")
    message = post(client, body).json()["errors"]["election"][0]
    assert "Under way that day: Pemilu 2024, Pilkada Serentak 2024." in message


@pytest.mark.parametrize("day", ["2024-01-26", "2024-12-16", "2024-11-20"])
def test_a_day_within_the_stages_is_taken(client, day):
    body = {**REPORT_EXAMPLE, "incident_date": day, "known_on": day}
    assert post(client, body).status_code == 201


@pytest.mark.parametrize(
    ("day", "field", "fragment"),
    [
        ("2024-01-25", "election", "Under way that day: Pemilu 2024."),  # its last stages
        ("2024-12-17", "incident_date", "No election that Netra knows of"),
    ],
)
def test_the_day_before_and_after_the_stages_is_not(client, day, field, fragment):
    body = {**REPORT_EXAMPLE, "incident_date": day, "known_on": day}
    response = post(client, body)
    assert response.status_code == 422
    assert fragment in response.json()["errors"][field][0]


def test_the_election_list_shows_the_days_of_each_election(client):
    html = client.get("/report/").content.decode()
    assert "Pilkada Serentak 2024 (26-01-2024 – 16-12-2024)" in html


def test_a_reported_person_with_an_ni_pppk_is_taken(client):
    person = {**payload()["persons"][0], "nip": NI_PPPK, "category": "pppk"}
    response = post(client, payload(persons=[person]))
    assert response.status_code == 201, response.content
    assert ReportedPerson.objects.get().nip == NI_PPPK


def test_the_form_takes_an_ni_pppk_at_the_second_step(client):
    page = client.post("/report/", step_data(step="2", action="next", **{"person-0-nip": NI_PPPK}))
    assert page.status_code == 200
    assert 'data-step="3"' in page.content.decode()


def test_the_panel_says_so_as_soon_as_the_election_and_date_are_in(client, no_election_today):
    panel = client.post("/report/check/", step_data(step="1", election="pilkada-2024"))
    html = panel.content.decode()
    assert 'data-kind="outside_election"' in html
    assert "No election that Netra knows of was under way" in html
