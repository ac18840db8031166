"""Importing an agency's HR export: upsert by NIP, deactivation, rejections, dry runs, scoping."""

import io

import pytest
from django.db import connection

from netra.accounts.tests import factories
from netra.audit.models import AuditEntry
from netra.registry import staging
from netra.registry.imports import ImportFileError, RowSource
from netra.registry.models import Agency, Employee, ImportJob
from netra.registry.services import ImportRefused, create_command_import, run_import, start_import
from netra.registry.tasks import run_import_job

from .helpers import KALTIM, SAMARINDA, csv_bytes, employee, row, run, xlsx_bytes

pytestmark = pytest.mark.django_db

BUDI = "198503122010011002"
SITI = "199001012015032001"
RINA = "199205052018012003"


def test_csv_import_creates_employees_with_search_keys():
    job = run(
        csv_bytes(
            [
                row(BUDI, "Drs. H. Djoko Soesanto, M.Si.", position="administrator"),
                row(SITI, "Siti Aminah, S.Pd.", kind="PPPK", position="fungsional"),
                row("", "Rudi Honorer", kind="non-ASN", position="non-ASN", staff="H-01"),
            ]
        )
    )
    assert (job.status, job.new, job.rejected) == (ImportJob.Status.DONE, 3, 0)
    budi = Employee.objects.get(nip=BUDI)
    assert budi.agency.code == SAMARINDA
    assert (budi.employee_type, budi.position_class, budi.region_id) == (
        "pns",
        "administrator",
        "64.72",
    )
    assert budi.name_key == "yoko susanto"
    assert Employee.objects.get(nip=SITI).employee_type == "pppk"
    assert Employee.objects.get(staff_number="H-01").nip is None


def test_xlsx_import_reads_the_first_sheet():
    data = xlsx_bytes(
        [
            [BUDI, "Budi Santoso", "PNS", "Pelaksana", "Staf", "Setda", "64.72", None],
            [float(SITI), "Siti Aminah", "PNS", "Pelaksana", "Staf", "Setda", "64.72", None],
        ]
    )
    job = run(data, name="pegawai.xlsx")
    assert (job.new, job.rejected) == (1, 1), job.report
    assert Employee.objects.get(nip=BUDI).name == "Budi Santoso"
    assert "format the column as text" in job.report["rejected"][0]["reasons"][0]


def test_semicolon_separated_csv_from_excel_is_read():
    job = run(csv_bytes([row(BUDI, "Budi Santoso")], delimiter=";"))
    assert job.new == 1


def test_dry_run_reports_changes_and_changes_nothing():
    employee(BUDI, "Budi Santoso", position_title="Staf")
    employee(RINA, "Rina Wati")
    job = run(
        csv_bytes([row(BUDI, "Budi Santoso", title="Kepala Seksi"), row(SITI, "Siti Aminah")]),
        dry_run=True,
    )
    assert (job.new, job.updated, job.unchanged, job.deactivated) == (1, 1, 0, 1)
    samples = job.report["samples"]
    assert samples["new"] == [{"nip": SITI, "name": "Siti Aminah"}]
    assert samples["updated"][0]["changes"]["position_title"] == ["Staf", "Kepala Seksi"]
    assert samples["deactivated"] == [{"nip": RINA, "name": "Rina Wati"}]
    assert not Employee.objects.filter(nip=SITI).exists()
    assert Employee.objects.get(nip=BUDI).position_title == "Staf"
    assert Employee.objects.get(nip=RINA).is_active
    assert AuditEntry.objects.filter(action="registry.import_dry_run").count() == 1


def test_upsert_updates_reactivates_and_deactivates():
    employee(BUDI, "Budi Santoso", position_title="Staf")
    employee(RINA, "Rina Wati", is_active=False)
    employee(SITI, "Siti Aminah")
    employee(None, "Honorer Lama", staff_number="H-09")
    other = employee("198001012005011001", "Orang Provinsi", agency=KALTIM)
    job = run(
        csv_bytes([row(BUDI, "Budi Santoso, S.E.", title="Kepala Seksi"), row(RINA, "Rina Wati")])
    )
    assert (job.new, job.updated, job.unchanged, job.deactivated) == (0, 2, 0, 2)
    budi = Employee.objects.get(nip=BUDI)
    assert (budi.position_title, budi.name_key) == ("Kepala Seksi", "budi santoso")
    assert Employee.objects.get(nip=RINA).is_active
    assert not Employee.objects.get(nip=SITI).is_active
    assert not Employee.objects.get(staff_number="H-09").is_active
    other.refresh_from_db()
    assert other.is_active, "another agency's employees are never touched"
    entry = AuditEntry.objects.get(action="registry.import_applied")
    assert entry.data["deactivated"] == 2


def test_reimporting_the_same_file_changes_nothing():
    data = csv_bytes(
        [
            row(BUDI, "Budi Santoso"),
            row("", "Tenaga", kind="non-ASN", position="non-ASN", staff="T1"),
        ]
    )
    run(data)
    job = run(data)
    assert (job.new, job.updated, job.unchanged, job.deactivated) == (0, 0, 2, 0)
    assert Employee.objects.count() == 2


def test_rejected_rows_give_their_reasons_and_never_stop_the_import():
    job = run(
        csv_bytes(
            [
                row(BUDI, "Budi Santoso"),
                row("123", "Nip Pendek"),
                row(BUDI, "Budi Kembar"),
                row("198502302010011002", "Tanggal Salah"),
                row(SITI, "", kind="Kontrak", position="Menteri"),
                row("", "Tanpa Nip"),
                row(RINA, "Honorer Ber-NIP", kind="non-ASN", position="non-ASN"),
                row("", "Honorer Tanpa Nomor", kind="non-ASN", position="non-ASN"),
                row(RINA, "Salah Wilayah", region="99.99"),
                row(RINA, "Campur", kind="PNS", position="non-ASN"),
                row(RINA, "N" * 151),
                [],
            ]
        )
    )
    assert (job.status, job.new, job.rejected) == (ImportJob.Status.DONE, 1, 10)
    reasons = {r["line"]: " ".join(r["reasons"]) for r in job.report["rejected"]}
    assert "18 digits" in reasons[3]
    assert "more than once" in reasons[4]
    assert "1985-02-30" in reasons[5]
    assert "name is empty" in reasons[6]
    assert "Unknown employee type Kontrak" in reasons[6]
    assert "Unknown position class Menteri" in reasons[6]
    assert "need a NIP" in reasons[7]
    assert "Non-ASN staff have no NIP" in reasons[8]
    assert "need a staff number" in reasons[9]
    assert "Unknown region code 99.99" in reasons[10]
    assert "only they" in reasons[11]
    assert "longer than 150" in reasons[12]
    assert list(Employee.objects.values_list("nip", flat=True)) == [BUDI]


def test_no_row_is_half_applied_when_applying_fails(monkeypatch):
    employee(SITI, "Siti Aminah")

    def explode(self, agency_id, **kwargs):
        self._execute(
            "UPDATE registry_employee SET position_title = 'setengah' WHERE nip = %s", [SITI]
        )
        raise RuntimeError("disk full")

    monkeypatch.setattr(staging.Stage, "apply", explode)
    with pytest.raises(RuntimeError):
        run(csv_bytes([row(BUDI, "Budi Santoso"), row(SITI, "Siti Aminah", title="Kepala")]))
    assert Employee.objects.get(nip=SITI).position_title == "Pengadministrasi Umum"
    assert not Employee.objects.filter(nip=BUDI).exists()
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert "nothing was changed" in job.error


def test_an_agency_cannot_take_over_another_agencys_employee():
    employee(BUDI, "Budi Santoso", agency=KALTIM)
    job = run(csv_bytes([row(BUDI, "Budi Santoso"), row(SITI, "Siti Aminah")]))
    assert (job.new, job.rejected) == (1, 1)
    assert "another agency (PEMPROV-64)" in job.report["rejected"][0]["reasons"][0]
    assert Employee.objects.get(nip=BUDI).agency.code == KALTIM


def test_rows_naming_another_agency_are_rejected_in_an_agency_import():
    header = ["nip", "name", "employee_type", "position_class", "position_title", "agency_code"]
    data = csv_bytes(
        [
            [BUDI, "Budi", "PNS", "pelaksana", "Staf", KALTIM],
            [SITI, "Siti", "PNS", "pelaksana", "Staf", SAMARINDA],
        ],
        header=header,
    )
    job = run(data)
    assert (job.new, job.rejected) == (1, 1)
    assert "belongs to agency PEMPROV-64" in job.report["rejected"][0]["reasons"][0]


def test_a_national_import_moves_employees_between_agencies():
    employee(BUDI, "Budi Santoso", agency=KALTIM)
    header = ["nip", "name", "employee_type", "position_class", "position_title", "agency_code"]
    data = csv_bytes(
        [
            [BUDI, "Budi", "PNS", "pelaksana", "Staf", SAMARINDA],
            [SITI, "Siti", "PNS", "pelaksana", "Staf", "NOPE"],
        ],
        header=header,
    )
    job = run(data, agency=None)
    assert (job.updated, job.rejected) == (1, 1)
    assert Employee.objects.get(nip=BUDI).agency.code == SAMARINDA
    assert "Unknown agency code NOPE" in job.report["rejected"][0]["reasons"][0]


def test_a_file_without_the_required_columns_fails_with_a_reason():
    job = run(b"nip,nama\n198503122010011002,Budi\n")
    assert job.status == ImportJob.Status.FAILED
    assert "employee_type" in job.error
    with pytest.raises(ImportFileError, match="empty"):
        RowSource(io.BytesIO(b""), "kosong.csv")
    with pytest.raises(ImportFileError, match="cannot be read as XLSX"):
        RowSource(io.BytesIO(b"not a zip"), "rusak.xlsx")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="bulk-load mode is PostgreSQL-only")
def test_bulk_load_mode_restores_every_index_and_foreign_key(monkeypatch):
    def schema():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_get_indexdef(indexrelid) FROM pg_index "
                "WHERE indrelid = 'registry_employee'::regclass ORDER BY 1"
            )
            indexes = cursor.fetchall()
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = 'registry_employee'::regclass ORDER BY 1"
            )
            return indexes, cursor.fetchall()

    employee(SITI, "Siti Aminah")
    before = schema()
    monkeypatch.setattr(staging, "BULK_LOAD_MIN_ROWS", 1)
    job = run(csv_bytes([row(BUDI, "Budi Santoso"), row(RINA, "Rina Wati"), row(SITI, "Siti")]))
    assert (job.new, job.updated) == (2, 1)
    assert schema() == before
    assert Employee.objects.filter(name_key__contains="budi").count() == 1


def test_an_agency_officer_imports_for_their_own_agency_only(
    tmp_path, settings, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django_tasks_db.models import DBTaskResult

    settings.MEDIA_ROOT = tmp_path
    officer = factories.personnel()
    own = officer.agency
    upload = SimpleUploadedFile("pegawai.csv", csv_bytes([row(BUDI, "Budi Santoso")]))
    with django_capture_on_commit_callbacks(execute=True):
        job = start_import(actor=officer, agency=own, upload=upload, dry_run=False)
    assert DBTaskResult.objects.filter(task_path__endswith="run_import_job").count() == 1
    with pytest.raises(ImportRefused, match="still running"):
        start_import(actor=officer, agency=own, upload=upload, dry_run=True)
    assert run_import_job.call(job.pk) == ImportJob.Status.DONE
    assert Employee.objects.get(nip=BUDI).agency == own

    other = Agency.objects.get(code=KALTIM)
    for user in (officer, factories.agency_admin(), factories.bawaslu()):
        with pytest.raises(ImportRefused, match="own agency"):
            start_import(actor=user, agency=other, upload=upload, dry_run=True)
    admin = factories.system_admin()
    assert start_import(actor=admin, agency=other, upload=upload, dry_run=True).agency == other


def _file_with_every_kind_of_row() -> bytes:
    rows = [
        row(f"1985031220100{i % 2 + 1}1{i:03d}", f"Pegawai {i}, S.Pd.", region="64.72.01")
        for i in range(1, 25)
    ]
    rows += [
        row(BUDI, "Drs. H. Djoko Soesanto, M.Si.", position="administrator"),
        row(BUDI, "Budi Kembar"),  # duplicate: rejected
        row("123", "Nip Pendek"),  # rejected
        row(SITI, "Siti\\Aminah  ", kind="PPPK", position="fungsional"),  # backslash, untidy
        row("", "Rudi Honorer", kind="non-ASN", position="non-ASN", staff="H-01"),
        row("", "Rudi Kembar", kind="non-ASN", position="non-ASN", staff="H-01"),  # duplicate
        row(RINA, "Zoë Effendi", unit="Dinas\tPendidikan"),
    ]
    return csv_bytes(rows)


def _outcome(job: ImportJob):
    employees = sorted(
        Employee.objects.values_list(
            "nip", "staff_number", "name", "name_key", "employee_type", "position_class",
            "position_title", "unit", "agency__code", "region_id", "is_active",
        ),
        key=repr,
    )  # fmt: skip
    counts = (job.status, job.rows_read, job.new, job.updated, job.unchanged, job.deactivated)
    report = {key: value for key, value in job.report.items() if key != "timings"}
    return employees, counts, job.rejected, report


@pytest.mark.skipif(connection.vendor != "postgresql", reason="first loads are PostgreSQL-only")
def test_a_first_load_gives_what_a_staged_import_gives(monkeypatch):
    from netra.registry.bulk import FirstLoad

    data = _file_with_every_kind_of_row()
    loaded: list[FirstLoad] = []
    monkeypatch.setattr(FirstLoad, "finish", _spy(FirstLoad.finish, loaded))
    first = _outcome(run(data))
    assert loaded, "an empty registry is filled by a first load"
    assert first[1] == (ImportJob.Status.DONE, 31, 27, 0, 0, 0)
    assert Employee.objects.get(nip=SITI).name == "Siti\\Aminah"

    Employee.objects.all().delete()
    monkeypatch.setattr(FirstLoad, "possible", staticmethod(lambda: False))
    assert _outcome(run(data)) == first
    assert len(loaded) == 1


def _spy(method, calls):
    def spy(self, *args, **kwargs):
        calls.append(self)
        return method(self, *args, **kwargs)

    return spy


@pytest.mark.skipif(connection.vendor != "postgresql", reason="first loads are PostgreSQL-only")
def test_a_first_load_that_fails_changes_nothing(monkeypatch):
    from netra.registry.bulk import FirstLoad

    def schema():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_get_indexdef(indexrelid) FROM pg_index "
                "WHERE indrelid = 'registry_employee'::regclass ORDER BY 1"
            )
            indexes = cursor.fetchall()
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = 'registry_employee'::regclass ORDER BY 1"
            )
            return indexes, cursor.fetchall()

    before = schema()

    def explode(self):
        raise RuntimeError("disk full")

    monkeypatch.setattr(FirstLoad, "finish", explode)
    with pytest.raises(RuntimeError):
        run(_file_with_every_kind_of_row())
    assert not Employee.objects.exists()
    assert schema() == before
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED

    # A failure while the rows are still streaming in ends the COPY and rolls back as well.
    monkeypatch.undo()
    ImportJob.objects.all().delete()
    monkeypatch.setattr("netra.registry.checks.name_key", lambda name: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        run(_file_with_every_kind_of_row())
    assert not Employee.objects.exists()
    assert schema() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="first loads are PostgreSQL-only")
def test_a_first_load_happens_only_into_an_empty_registry():
    from netra.registry.bulk import FirstLoad

    assert FirstLoad.possible()
    employee(SITI, "Siti Aminah")
    assert not FirstLoad.possible()
    job = run(_file_with_every_kind_of_row())
    assert (job.new, job.updated, job.deactivated) == (26, 1, 0)
    assert "comparing with the registry" in dict(job.report["timings"])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="first loads are PostgreSQL-only")
def test_progress_is_reported_while_rows_stream_into_the_registry():
    # The import's connection is busy with the COPY (and inside its transaction, which the page
    # polling the job could not see into): progress is written through a connection of its own.
    rows = [
        row(f"{1970 + i % 30}{i % 12 + 1:02d}{i % 28 + 1:02d}2020011{i % 1000:03d}", f"P {i}")
        for i in range(6000)
    ]
    data = csv_bytes(rows)
    seen = []
    job = create_command_import(
        agency=Agency.objects.get(code=SAMARINDA), source_name="x.csv", dry_run=False,
        actor_label="test",
    )  # fmt: skip
    run_import(
        job=job,
        source=RowSource(io.BytesIO(data), "x.csv", len(data)),
        progress=lambda job: seen.append((job.phase, job.rows_read)),
    )
    assert (job.status, job.new) == (ImportJob.Status.DONE, 6000)
    assert (ImportJob.Phase.READING, 5000) in seen


@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel reading is for PostgreSQL")
@pytest.mark.parametrize("first_load", [True, False])
def test_reading_on_several_cores_gives_what_reading_row_by_row_gives(first_load, monkeypatch):
    from netra.registry import parallel
    from netra.registry.bulk import FirstLoad

    employee("199912312020011001", "Sudah Ada")  # not in the file: deactivated by a staged import
    if first_load:
        Employee.objects.all().delete()
    data = _file_with_every_kind_of_row()
    used: list[bool] = []
    usable = parallel.usable

    def spy(source):
        used.append(usable(source))
        return used[-1]

    monkeypatch.setattr(parallel, "usable", spy)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "BLOCK_BYTES", 300)
    in_parallel = _outcome(run(data))
    assert used == [True], "the file was read in parallel"
    assert in_parallel[1][2:] == ((27, 0, 0, 0) if first_load else (27, 0, 0, 1))
    assert FirstLoad.possible() is False

    Employee.objects.all().delete()
    if not first_load:
        employee("199912312020011001", "Sudah Ada")
    ImportJob.objects.all().delete()
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 1 << 40)
    assert _outcome(run(data)) == in_parallel
    assert used == [True, False]
