"""The employee's record of proven violations and sanctions: their agency and the authority see it;
Bawaslu, the system admin and another agency do not. The registry's table links to it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from netra.accounts.tests import factories
from netra.reference.models import SanctionType
from netra.sanctions.services.responses import record_sanction

from .. import ppk_factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def employee(officer, ppk):
    case = f.forwarded_case(officer, persons=2, proven=(True, False))
    guilty, cleared = case.reported_persons.order_by("pk")
    employee = f.link_employee(guilty)
    f.link_employee(cleared)
    rec = f.recommendation(case, guilty, sanction="HD-B2")
    record_sanction(
        recommendation=rec,
        actor=ppk,
        sanction_type=SanctionType.objects.get(code="HD-B2"),
        decree_number="800/42/BKPSDM/2024",
        imposed_on=timezone.localdate(),
        decree_scan=f.pdf(),
    )
    return employee


@pytest.mark.parametrize("who", ["ppk", "admin", "analyst"])
def test_the_agency_and_the_authority_read_the_record(client, employee, ppk, analyst, who):
    user = {"ppk": ppk, "analyst": analyst}.get(who) or factories.agency_admin("admin.smd")
    client.force_login(user)
    response = client.get(reverse("sanctions:ppk-employee-record", args=[employee.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "DS-01" in body and "800/42/BKPSDM/2024" in body and response.context["decisions"]


@pytest.mark.parametrize(("who", "status"), [("other_ppk", 404), ("officer", 403), ("sys", 403)])
def test_others_cannot(client, employee, other_ppk, officer, who, status):
    user = {"other_ppk": other_ppk, "officer": officer}.get(who) or factories.system_admin()
    client.force_login(user)
    response = client.get(reverse("sanctions:ppk-employee-record", args=[employee.pk]))
    assert response.status_code == status
    assert "800/42/BKPSDM/2024" not in response.content.decode()


def test_a_person_not_found_guilty_has_an_empty_record(client, employee, ppk):
    cleared = employee.agency.employees.exclude(pk=employee.pk).get()
    client.force_login(ppk)
    response = client.get(reverse("sanctions:ppk-employee-record", args=[cleared.pk]))
    assert response.status_code == 200 and response.context["decisions"] == []
    assert 'data-testid="record-empty"' in response.content.decode()


def test_the_registry_table_links_to_the_record_for_those_who_may_read_it(
    client, employee, ppk, officer
):
    url = reverse("sanctions:ppk-employee-record", args=[employee.pk])
    rows = reverse("registry:employee-rows", args=[employee.agency.code])
    client.force_login(ppk)
    assert url in client.get(rows).content.decode()
    client.force_login(officer)
    found = client.get(reverse("registry:employee-search"), {"q": employee.name})
    assert found.status_code == 200 and employee.name in found.content.decode()
    assert url not in found.content.decode()
