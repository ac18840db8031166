"""A report about a Pemprov DKI Jakarta employee working in Jakarta Selatan reaches Bawaslu Provinsi
DKI Jakarta: the administrative cities have no government (nor PPK) of their own."""

from __future__ import annotations

import json

import pytest

from netra.cases.models import Case

from .conftest import payload
from .test_pages import step_data

pytestmark = pytest.mark.django_db
JAKSEL = {"province": "31", "regency": "31.74", "district": "31.74.01"}


def post(client, body):
    return client.post("/api/v1/reports", data=json.dumps(body), content_type="application/json")


def _person(agency: str) -> dict:
    return {**payload()["persons"][0], "position_title": "Lurah Tebet", "agency": agency}


def test_a_report_about_dki_staff_in_jakarta_selatan_is_handled_by_bawaslu_dki(client):
    response = post(client, payload(**JAKSEL, persons=[_person("PEMPROV-31")]))
    assert response.status_code == 201, response.content
    case = Case.objects.get()
    assert (case.handling_level, case.jurisdiction_code) == ("province", "31")
    assert case.incident_region_id == "31.74.01"


def test_the_form_offers_pemprov_dki_and_no_government_of_an_administrative_city(client):
    data = step_data(step="2", action="places", **JAKSEL)
    html = client.post("/report/", data).content.decode()
    options = html.split('name="person-0-agency"')[1].split("</select>")[0]
    assert 'value="PEMPROV-31"' in options
    assert "31.74" not in options and "Jakarta Selatan" not in options
