"""Open-data downloads of the public figures of one election and region: CSV, XLSX and JSON, one row
per published number (long format), each file stating its election, generation time and licence.
The numbers are the published ones: a hidden cell is an empty count with ``suppressed`` true."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from netra.reference.models import Election

from .dictionary import ALL, MEASURES, TOTAL, dictionary
from .selectors import Scope, dashboard

FORMATS = {"csv": "CSV", "xlsx": "Excel (XLSX)", "json": "JSON"}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
COLUMNS = (
    ("election", "Kode pemilihan", "Election code"),
    ("region_code", "Kode wilayah Kemendagri (kosong = Indonesia)", "Kemendagri region code (empty = Indonesia)"),
    ("region_name", "Nama wilayah", "Region name"),
    ("measure", "Kode ukuran (lihat kamus data)", "Measure code (see the data dictionary)"),
    ("measure_label", "Nama ukuran", "Measure name"),
    ("dimension", "Rincian: total, region (wilayah di bawahnya), phase, channel, violation, position_class, agency_kind", "Breakdown: total, region (the regions below), phase, channel, violation, position_class, agency_kind"),
    ("value", "Kode nilai rincian", "Breakdown value code"),
    ("value_label", "Nama nilai rincian", "Breakdown value name"),
    ("count", "Jumlah; kosong bila disembunyikan", "Count; empty when hidden"),
    ("suppressed", "true bila jumlah disembunyikan untuk melindungi orang yang bersangkutan", "true when the count is hidden to protect the people concerned"),
    ("generated_at", "Waktu data dibaca (ISO 8601)", "When the data was read (ISO 8601)"),
    ("licence", "Lisensi", "Licence"),
)  # fmt: skip


@dataclass(frozen=True)
class ExportRow:
    measure: str
    dimension: str
    value: str
    value_label: str
    region_code: str
    region_name: str
    count: int | None


def rows(election: Election, scope: Scope) -> tuple[list[ExportRow], Any]:
    board = dashboard(election, scope)
    words = dictionary()
    out = [
        ExportRow(
            m, TOTAL, ALL, words.measures[m].label, scope.code, scope.name, board.headline.get(m)
        )
        for m in MEASURES
    ]
    for child in board.children:
        for m in MEASURES:
            out.append(
                ExportRow(
                    m,
                    "region",
                    child.code,
                    child.label,
                    scope.code,
                    scope.name,
                    child.values.get(m),
                )
            )
    for breakdown in board.breakdowns:
        for row in breakdown.rows:
            for m in breakdown.measures:
                out.append(
                    ExportRow(
                        m, breakdown.dimension, row.code, row.label, scope.code, scope.name,
                        row.values.get(m),
                    )
                )  # fmt: skip
    return out, board.generated_at


def meta(election: Election, scope: Scope, generated_at: Any) -> dict[str, Any]:
    words = dictionary()
    return {
        "election": election.code,
        "election_name": election.name,
        "region_code": scope.code,
        "region_name": scope.name,
        "generated_at": generated_at.isoformat() if generated_at else None,
        "licence": words.licence,
        "licence_name": words.licence_name,
        "licence_url": words.licence_url,
        "attribution": words.attribution,
        "suppression_threshold": settings.NETRA_INSIGHTS_MIN_CELL,
        "note": _(
            "Counts below %(n)d are hidden, with enough other counts that no total gives them back."
        )
        % {"n": settings.NETRA_INSIGHTS_MIN_CELL},
        "dictionary_version": words.version,
    }


def _flat(row: ExportRow, info: dict[str, Any]) -> dict[str, Any]:
    return {
        "election": info["election"],
        "region_code": row.region_code,
        "region_name": row.region_name,
        "measure": row.measure,
        "measure_label": dictionary().measures[row.measure].label,
        "dimension": row.dimension,
        "value": row.value,
        "value_label": row.value_label,
        "count": row.count,
        "suppressed": row.count is None,
        "generated_at": info["generated_at"],
        "licence": info["licence"],
    }


def respond(fmt: str, election: Election, scope: Scope) -> HttpResponse:
    found, generated_at = rows(election, scope)
    info = meta(election, scope, generated_at)
    flat = [_flat(r, info) for r in found]
    body = {"csv": _csv, "xlsx": _xlsx, "json": _json}[fmt](flat, info)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    name = f"netra-{election.code}-{scope.code.replace('.', '-') or 'indonesia'}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _csv(flat: list[dict[str, Any]], info: dict[str, Any]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[c[0] for c in COLUMNS], lineterminator="\r\n")
    writer.writeheader()
    for row in flat:
        writer.writerow({**row, "count": "" if row["count"] is None else row["count"],
                         "suppressed": "true" if row["suppressed"] else "false"})  # fmt: skip
    return out.getvalue().encode()


def _json(flat: list[dict[str, Any]], info: dict[str, Any]) -> bytes:
    return json.dumps({"meta": info, "rows": flat}, ensure_ascii=False, indent=1).encode()


def _xlsx(flat: list[dict[str, Any]], info: dict[str, Any]) -> bytes:
    book = Workbook()
    about = book.active
    assert about is not None
    about.title = _("About")
    for key, value in info.items():
        about.append([key, "" if value is None else str(value)])
    data = book.create_sheet(_("Figures"))
    data.append([c[0] for c in COLUMNS])
    for row in flat:
        data.append([row[c[0]] for c in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
