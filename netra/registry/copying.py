"""Streaming checked rows into PostgreSQL by ``COPY``, for the staging table and first loads."""

from __future__ import annotations

import time
from contextlib import ExitStack

from django.db import connection

from .checks import CheckedRow

# The columns of registry_employee an import writes (besides the NIP and ``is_active``), in the
# order of ``copy_fields``; a staged row is compared on them to decide whether it changed.
DATA_COLUMNS = (
    "staff_number",
    "name",
    "name_key",
    "employee_type",
    "position_class",
    "position_title",
    "unit",
    "agency_id",
    "region_id",
)
NULL = "\\N"  # COPY's text format


def copy_fields(row: CheckedRow) -> str:
    """The row's ``nip`` and ``DATA_COLUMNS`` as fields of COPY's text format, joined by tabs.

    Whitespace was tidied when the row was read, so no field holds a tab or a line break; the NIP
    and the region code are digits and dots, so only the text fields may need a backslash escaped.
    """
    text = "\t".join(
        (
            row.staff_number,
            row.name,
            row.name_key,
            row.employee_type,
            row.position_class,
            row.position_title,
            row.unit,
        )
    )
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    return f"{row.nip or NULL}\t{text}\t{row.agency_id}\t{row.region_id or NULL}"


def copy_line(row: CheckedRow, numbered: bool) -> str:
    """A line of COPY text for a staging table (``numbered``: the line number first) or for
    registry_employee (``is_active`` last)."""
    return f"{row.line}\t{copy_fields(row)}\n" if numbered else f"{copy_fields(row)}\tt\n"


class CopyStream:
    """Lines streamed into ``table`` by one ``COPY ... FROM STDIN`` on Django's connection.

    One statement for the whole file, written a megabyte at a time: PostgreSQL stores rows while
    Python checks the next ones (two cores busy), and no statement ends until the file does. The
    connection runs nothing else meanwhile. ``wait`` is the time spent handing data over, i.e.
    waiting for the database to keep up.
    """

    CHUNK = 1 << 20

    def __init__(self, table: str, columns: tuple[str, ...]) -> None:
        self._lines: list[str] = []
        self._size = 0
        self.wait = 0.0
        self._stack = ExitStack()
        cursor = self._stack.enter_context(connection.cursor())
        raw = cursor.cursor  # the psycopg cursor, for COPY
        self._copy = self._stack.enter_context(
            raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN")
        )

    def add(self, line: str) -> None:
        self._lines.append(line)
        self._size += len(line)
        if self._size >= self.CHUNK:
            self._send()

    def _send(self) -> None:
        started = time.perf_counter()
        self._copy.write("".join(self._lines))
        self.wait += time.perf_counter() - started
        self._lines, self._size = [], 0

    def close(self) -> None:
        """Send the rest and end the COPY (waiting for the database to store every row)."""
        if self._lines:
            self._send()
        started = time.perf_counter()
        self._stack.close()
        self.wait += time.perf_counter() - started

    def abort(self) -> None:
        """End a COPY cut short by an error; the database discards what it received."""
        self._stack.__exit__(RuntimeError, RuntimeError("import aborted"), None)
