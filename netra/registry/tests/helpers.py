"""Small builders for registry tests."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from netra.registry.imports import RowSource
from netra.registry.models import Agency, Employee, ImportJob
from netra.registry.services import create_command_import, run_import

HEADER = [
    "nip",
    "nama",
    "jenis_pegawai",
    "jenis_jabatan",
    "jabatan",
    "unit_kerja",
    "kode_wilayah",
    "nomor_pegawai",
]
SAMARINDA = "PEMKOT-64.72"
KALTIM = "PEMPROV-64"


def employee(nip: str | None, name: str, agency: str = SAMARINDA, **fields) -> Employee:
    defaults = {
        "employee_type": "pns" if nip else "non_asn",
        "position_class": "pelaksana" if nip else "non_asn",
        "position_title": "Pengadministrasi Umum",
        "unit": "Sekretariat Daerah",
    }
    return Employee.objects.create(
        nip=nip, name=name, agency=Agency.objects.get(code=agency), **{**defaults, **fields}
    )


def row(
    nip,
    name,
    kind="PNS",
    position="pelaksana",
    title="Staf",
    unit="Setda",
    region="64.72",
    staff="",
):
    return [nip, name, kind, position, title, unit, region, staff]


def csv_bytes(rows, header=HEADER, delimiter=",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def xlsx_bytes(rows, header=HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for r in rows:
        sheet.append(r)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(
    data: bytes, name="pegawai.csv", agency: str | None = SAMARINDA, dry_run=False
) -> ImportJob:
    """Import ``data`` as the management command does (synchronously)."""
    target = Agency.objects.get(code=agency) if agency else None
    job = create_command_import(
        agency=target, source_name=name, dry_run=dry_run, actor_label="test"
    )
    return run_import(job=job, source=RowSource(io.BytesIO(data), name, len(data)))
