"""Jakarta's administrative cities and regency are not autonomous: their staff belong to Pemprov DKI
Jakarta, whose PPK is the governor, and cases about them go to Bawaslu Provinsi DKI Jakarta."""

import pytest

from netra.accounts.tests import factories
from netra.audit.models import AuditEntry
from netra.cases.models import ReportedPerson
from netra.cases.routing import handling_office
from netra.cases.tests.conftest import make_case
from netra.reference.models import Region
from netra.registry.loaders import load_agencies
from netra.registry.models import Agency, Employee, ImportJob
from netra.registry.services import ImportRefused, create_command_import

from .helpers import HEADER, csv_bytes, employee, run

pytestmark = pytest.mark.django_db
ADMINISTRATIVE = ["31.01", "31.71", "31.72", "31.73", "31.74", "31.75"]
DKI = "PEMPROV-31"


def test_no_agency_of_its_own_is_loaded_for_an_administrative_city_or_regency():
    assert not Agency.objects.filter(region_id__in=ADMINISTRATIVE).exists()
    dki = Agency.objects.get(code=DKI)
    assert dki.ppk_title.startswith("Gubernur") and dki.level == Agency.Level.PROVINCE
    # Autonomous cities elsewhere keep their own government.
    assert Agency.objects.get(code="PEMKOT-64.72").ppk_title == "Wali Kota Samarinda"


def test_a_report_about_dki_staff_in_jakarta_selatan_goes_to_bawaslu_dki():
    tebet = Region.objects.get(code="31.74.01")
    office = handling_office(incident_region=tebet, agency=Agency.objects.get(code=DKI))
    assert (office.level, office.jurisdiction_code) == ("province", "31")


def _old_city_agency() -> Agency:
    """PEMKOT-31.74 as the loader made it before: a regency-level agency with its own PPK."""
    return Agency.objects.create(
        code="PEMKOT-31.74",
        name="Pemerintah Kota Administrasi Jakarta Selatan",
        kind=Agency.Kind.CITY_GOV,
        level=Agency.Level.REGENCY,
        region_id="31.74",
        ppk_title="Wali Kota Administrasi Jakarta Selatan",
    )


def test_loading_again_merges_an_agency_loaded_before_into_pemprov_dki():
    old = _old_city_agency()
    employee("198503122010011002", "Budi Santoso", agency=old.code, region_id="31.74.01")
    employee("198601012010011001", "Sari Dewi", agency=old.code)  # no region: the city's
    employee(None, "Rudi", agency=old.code, staff_number="TP-1")
    employee(None, "Rina", agency=DKI, staff_number="TP-1")  # the number is taken at DKI
    case = make_case(agency=old.code, region="31.74.01")
    job = ImportJob.objects.create(agency=old, source_name="old.csv")
    factories.personnel("ppk.jaksel", agency=old.code)

    load_agencies()

    old.refresh_from_db()
    dki = Agency.objects.get(code=DKI)
    assert (old.is_active, old.merged_into) == (False, dki)
    moved = Employee.objects.filter(agency=dki).order_by("name")
    assert [(e.name, e.region_id, e.staff_number) for e in moved] == [
        ("Budi Santoso", "31.74.01", ""),
        ("Rina", None, "TP-1"),
        ("Rudi", "31.74", "31.74/TP-1"),
        ("Sari Dewi", "31.74", ""),
    ]
    # History is kept: the case and the import still name the old agency.
    assert ReportedPerson.objects.get(case=case).agency == old
    assert ImportJob.objects.get(pk=job.pk).agency == old
    entry = AuditEntry.objects.get(action="registry.agency_merged")
    assert entry.data["merged_into"] == DKI
    assert (entry.data["employees_moved"], entry.data["accounts_still_bound"]) == (3, 1)
    assert "UU 29/2007" in entry.data["legal_basis"]

    load_agencies()  # idempotent: nothing more to do, nothing more audited
    assert AuditEntry.objects.filter(action="registry.agency_merged").count() == 1


def test_the_report_form_offers_pemprov_dki_not_a_city_government():
    from netra.reports.forms import agencies_for

    _old_city_agency()
    load_agencies()
    codes = set(agencies_for("31").values_list("code", flat=True))
    assert DKI in codes
    assert not codes & {"PEMKOT-31.74", "PEMKAB-31.01"}


def test_rows_with_an_old_city_code_are_imported_into_pemprov_dki_with_a_warning():
    _old_city_agency()
    load_agencies()
    rows = [
        ["198503122010011002", "Budi Santoso", "PNS", "pelaksana", "Staf", "", "", "PEMKOT-31.74"],
        ["198601012010011001", "Sari", "PNS", "pelaksana", "Staf", "", "31.74.01", DKI],
    ]
    header = [*HEADER[:7], "kode_instansi"]
    for agency in (None, DKI):  # a national file, and Pemprov DKI's own
        Employee.objects.all().delete()
        job = run(csv_bytes(rows, header=header), agency=agency)
        assert (job.new, job.rejected, job.warned) == (2, 0, 1), job.report
        budi = Employee.objects.get(nip="198503122010011002")
        assert (budi.agency.code, budi.region_id) == (DKI, "31.74")
        assert (
            "PEMKOT-31.74 is not an agency of its own" in job.report["warnings"][0]["warnings"][0]
        )


def test_an_import_for_a_merged_agency_is_refused_with_the_reason():
    old = _old_city_agency()
    load_agencies()
    with pytest.raises(ImportRefused, match="staff are employees of Pemerintah Provinsi"):
        create_command_import(
            agency=Agency.objects.get(pk=old.pk), source_name="x.csv", dry_run=True, actor_label=""
        )
