"""The permission matrix of stage 4's pages (issue 16): every role against the authority's inbox,
case file and hand-over, the PPK's inbox, recommendation, letter and decree, the employee's record,
and the compliance page and export, for objects inside and outside the role's scope.

test_permission_matrix.py pins which objects each role sees; this file pins what each page answers:
200 (served), 302 (to the login page, or a PPK sent on to their own inbox), 403 (not this role's
page) or 404 (another agency's object, as if it did not exist).
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from netra.accounts.tests import factories
from netra.accounts.tests.login import StaffClient
from netra.reference.models import SanctionType
from netra.registry.models import Agency, Employee
from netra.sanctions.services.recommending import issue_recommendation
from netra.sanctions.services.responses import record_sanction
from netra.sanctions.tests.conftest import forwarded_case, proven_person

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ROLES = ["anonymous", "bawaslu-ri", "bawaslu-smd", "bkn", "ppk-smd", "ppk-kukar", "admin-smd",
         "sysadmin"]  # fmt: skip
USERS = {
    "bawaslu-ri": lambda: factories.bawaslu("m-ri"),
    "bawaslu-smd": lambda: factories.bawaslu("m-smd", "64.72"),
    "bkn": lambda: factories.analyst("m-bkn"),
    "ppk-smd": lambda: factories.personnel("m-ppk-smd", "PEMKOT-64.72"),
    "ppk-kukar": lambda: factories.personnel("m-ppk-kukar", "PEMKAB-64.02"),
    "admin-smd": lambda: factories.agency_admin("m-admin-smd", "PEMKOT-64.72"),
    "sysadmin": lambda: factories.system_admin("m-sys"),
}
L, P, F, N = 302, 200, 403, 404  # login redirect, page, forbidden, not found
# page → the answer per role, in the order of ROLES.
MATRIX = {
    "authority-inbox": (L, F, F, P, 302, 302, F, F),  # a PPK is sent on to their own inbox
    "authority-case": (L, F, F, P, F, F, F, F),
    "authority-document": (L, F, F, P, F, F, F, F),
    "authority-handover": (L, F, F, P, F, F, F, F),
    "ppk-inbox": (L, F, F, F, P, P, F, F),
    "ppk-recommendation": (L, F, F, F, P, N, F, F),
    "ppk-letter": (L, F, F, F, P, N, F, F),
    "ppk-decree": (L, F, F, F, P, N, F, F),
    "ppk-employee-record": (L, F, F, P, P, N, P, F),
    "compliance-page": (L, P, P, P, P, P, P, F),
    "compliance-export": (L, P, P, P, P, P, P, F),
}


@pytest.fixture
def pages():
    """A case forwarded to BKN, its person (a Samarinda employee) recommended through the service
    with its letter, and the PPK's decree recorded with its scan."""
    bkn, ppk = factories.analyst("w-bkn"), factories.personnel("w-ppk", "PEMKOT-64.72")
    case = forwarded_case()
    person = proven_person(case)
    person.employee = Employee.objects.create(
        nip=person.nip, name=person.name, employee_type="pns", position_class="administrator",
        position_title="Kepala Bagian", agency=Agency.objects.get(code="PEMKOT-64.72"),
    )  # fmt: skip
    person.save(update_fields=["employee"])
    heavy = SanctionType.objects.get(code="HD-B3")
    rec = issue_recommendation(
        person=person, actor=bkn, level="berat", sanction_type=heavy, reasoning="Terbukti."
    )
    record_sanction(
        recommendation=rec, actor=ppk, sanction_type=heavy, decree_number="800/1/BKPSDM/2026",
        imposed_on=rec.issued_on, decree_scan=SimpleUploadedFile("sk.pdf", PDF, "application/pdf"),
        reason="",
    )  # fmt: skip
    assert rec.letter is not None
    return {
        "employee": person.employee,
        "authority-inbox": reverse("sanctions:authority-inbox"),
        "authority-case": reverse("sanctions:authority-case", args=[case.code]),
        "authority-document": reverse(
            "sanctions:authority-document", args=[case.code, rec.letter.pk]
        ),
        "authority-handover": reverse("sanctions:authority-handover"),
        "ppk-inbox": reverse("sanctions:ppk-inbox"),
        "ppk-recommendation": reverse("sanctions:ppk-recommendation", args=[rec.pk]),
        "ppk-letter": reverse("sanctions:ppk-letter", args=[rec.pk]),
        "ppk-decree": reverse("sanctions:ppk-decree", args=[rec.pk]),
        "ppk-employee-record": reverse("sanctions:ppk-employee-record", args=[person.employee.pk]),
        "compliance-page": reverse("sanctions:compliance-page"),
        "compliance-export": reverse("sanctions:compliance-export") + "?format=csv",
    }


@pytest.mark.parametrize("role", ROLES)
def test_each_role_against_each_stage_four_page(pages, role):
    client = StaffClient()
    if role != "anonymous":
        client.force_login(USERS[role]())
    answers = {name: client.get(url).status_code for name, url in pages.items() if name in MATRIX}
    expected = {name: row[ROLES.index(role)] for name, row in MATRIX.items()}
    assert answers == expected


# Issue 16: "The employee's record in the registry shows their proven violations and sanctions,
# visible to their agency and the authority only": the registry's tables link to it for them alone.
READS_RECORDS = {"bkn", "ppk-smd", "admin-smd"}


@pytest.mark.parametrize("role", ROLES[1:])
def test_the_registry_links_to_the_record_for_the_agency_and_the_authority_only(pages, role):
    employee = pages["employee"]
    client = StaffClient()
    client.force_login(USERS[role]())
    registry_pages = [
        reverse("registry:employee-search") + f"?q={employee.nip}",
        reverse("registry:employee-rows", args=[employee.agency.code]) + f"?q={employee.nip}",
        reverse("web:agency", args=[employee.agency.code]),
    ]
    served = [client.get(url) for url in registry_pages]
    shown = [r for r in served if r.status_code == 200 and employee.nip in r.content.decode()]
    record = reverse("sanctions:ppk-employee-record", args=[employee.pk])
    linked = any(record in r.content.decode() for r in shown)
    assert linked is (role in READS_RECORDS), [r.status_code for r in served]
    if role in READS_RECORDS or role.startswith("bawaslu"):
        assert shown, "the employee is in a registry table this role reads"
