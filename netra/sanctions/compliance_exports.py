"""CSV and XLSX of the compliance table: the page's rows (one per agency, region or election, at
most a few hundred: bounded) and the total, with the page's scope and filters.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return) as a formula: every text cell that does is written with a leading apostrophe, so an
agency named ``=HYPERLINK(…)`` reads as text in Excel and LibreOffice (OWASP, "CSV Injection").
Numbers are written as numbers. XLSX cells are also typed as text explicitly (openpyxl would
otherwise store a string starting with ``=`` as a formula).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from .compliance import Figures, Table

FORMATS = {"csv": "CSV", "xlsx": "Excel (XLSX)"}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
NUMBERS = (
    "received",
    "in_time",
    "late",
    "ignored",
    "contested",
    "open",
    "withdrawn",
    "referred",
    "same",
    "lighter",
    "heavier",
    "not_comparable",
    "flagged",
)
RISKY = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, made plain text."""
    if isinstance(value, str) and value.startswith(RISKY):
        return "'" + value
    return value


def header() -> list[str]:
    return [
        _("Code"),
        _("Name"),
        _("Received"),
        _("Acted on in time"),
        _("Acted on late"),
        _("Ignored (past due)"),
        _("Contested"),
        _("Open, not yet due"),
        _("Withdrawn"),
        _("Referred to own authority"),
        _("Sanction as recommended"),
        _("Sanction lighter"),
        _("Sanction heavier"),
        _("Levels not comparable"),
        _("Flagged"),
        _("Median days to act"),
    ]


def _row(r: Figures, code: Any, name: str) -> list[Any]:
    median = None if r.median_days is None else round(r.median_days, 1)
    return [
        neutralize("" if code is None else str(code)),
        neutralize(name),
        *(getattr(r, n) for n in NUMBERS),
        "" if median is None else median,
    ]


def rows(table: Table) -> Iterable[list[Any]]:
    for r in table.rows:
        yield _row(r, r.extra.get("code", r.key), r.label)
    yield _row(table.total, "", _("Total"))


def respond(fmt: str, table: Table, name: str) -> HttpResponse:
    body = _csv(table) if fmt == "csv" else _xlsx(table)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header())
    writer.writerows(rows(table))
    return ("\ufeff" + out.getvalue()).encode()  # the BOM lets Excel read UTF-8


def _xlsx(table: Table) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Compliance"))
    sheet.append(header())
    for values in rows(table):
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
