"""The report form suggests reported persons from the registry, within the chosen agency only, by
name only, and shows only what is public about an official (never the NIP)."""

from __future__ import annotations

import pytest

from netra.registry.tests.helpers import KALTIM, SAMARINDA, employee

from .test_pages import step_data

pytestmark = pytest.mark.django_db
URL = "/report/people/"
NIP = "198503122010011002"


@pytest.fixture
def officials():
    employee(NIP, "Drs. H. Budi Santoso, M.Si.", position_title="Camat Palaran")
    employee("199001012015032001", "Budi Hartono", agency=KALTIM, position_title="Kepala Biro")
    employee("198001012005011003", "Budiman Retired", is_active=False)


def suggest(client, **params):
    response = client.get(URL, {"prefix": "person-0", **params})
    assert response.status_code == 200
    return response.content.decode()


def test_a_name_typed_in_the_chosen_agency_is_suggested_with_position_but_no_nip(client, officials):
    html = suggest(client, **{"person-0-name": "budi sant", "person-0-agency": SAMARINDA})
    assert 'value="Drs. H. Budi Santoso, M.Si."' in html
    assert "Camat Palaran" in html
    assert NIP not in html


def test_other_agencies_and_inactive_staff_are_not_suggested(client, officials):
    html = suggest(client, **{"person-0-name": "budi", "person-0-agency": SAMARINDA})
    assert "Budi Santoso" in html
    assert "Hartono" not in html  # the province's staff, not the city's
    assert "Budiman" not in html  # no longer active


def test_without_an_agency_the_registry_is_not_browsable(client, officials):
    assert suggest(client, **{"person-0-name": "budi santoso"}).strip() == ""
    assert suggest(client, **{"person-0-name": "budi", "person-0-agency": "NOPE"}).strip() == ""


def test_a_nip_is_never_looked_up_for_the_public(client, officials):
    html = suggest(client, **{"person-0-name": NIP, "person-0-agency": SAMARINDA})
    assert html.strip() == ""


def test_suggestions_are_rate_limited(client, officials, settings):
    settings.NETRA_RATELIMIT_ENABLED = True
    settings.NETRA_RATELIMITS = {**settings.NETRA_RATELIMITS, "suggest": "2/h"}
    params = {"prefix": "person-0", "person-0-name": "budi", "person-0-agency": SAMARINDA}
    assert [client.get(URL, params).status_code for _ in range(3)] == [200, 200, 429]


def test_the_form_wires_the_name_field_to_the_suggestions(client):
    html = client.post("/report/", step_data(step="1", action="next")).content.decode()
    assert 'data-step="2"' in html
    assert 'list="id_person-0-name_list"' in html
    assert 'hx-include="#id_person-0-name, #id_person-0-agency"' in html
