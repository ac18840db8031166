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


def test_a_nip_found_in_the_registry_routes_by_that_employees_agency(client):
    from netra.registry.models import Agency, Employee

    employee = Employee.objects.create(
        nip="198503122010011002",
        name="Budi Santoso",
        employee_type="pns",
        position_class="pelaksana",
        position_title="Staf",
        agency=Agency.objects.get(code="PEMPROV-31"),
        region_id="31.74.01",
    )
    person = {**_person(""), "nip": employee.nip}
    response = post(client, payload(**JAKSEL, persons=[person]))
    assert response.status_code == 201, response.content
    case = Case.objects.get()
    # Without the registry the place would decide (Jakarta Selatan); the employee works for the
    # province, so Bawaslu Provinsi DKI Jakarta handles it.
    assert (case.handling_level, case.jurisdiction_code) == ("province", "31")
    person_row = case.reported_persons.get()
    assert person_row.employee_id == employee.pk and person_row.agency_id == employee.agency_id
