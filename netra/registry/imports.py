"""Reading an agency's HR export (CSV or XLSX): its columns, then its rows (checked in ``checks``).

The columns are documented in docs/registry.md. Headers are matched case-insensitively, in English
or in the Indonesian names of a SIASN-style export. Every problem with a row becomes a reason on
that row; only an unreadable file or missing required columns stop an import.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

# Canonical column → accepted header spellings (lower-case, spaces or underscores).
COLUMNS: dict[str, tuple[str, ...]] = {
    "nip": ("nip", "nip baru"),
    "name": ("name", "nama", "nama lengkap"),
    "employee_type": ("employee_type", "jenis pegawai", "status kepegawaian", "status pegawai"),
    "position_class": ("position_class", "jenis jabatan", "kelas jabatan"),
    "position_title": ("position_title", "jabatan", "nama jabatan"),
    "unit": ("unit", "unit kerja", "unor"),
    "region_code": ("region_code", "kode wilayah", "kode lokasi"),
    "agency_code": ("agency_code", "kode instansi"),
    "staff_number": ("staff_number", "nomor pegawai", "no pegawai", "nomor induk pegawai"),
}
REQUIRED = ("name", "employee_type", "position_class", "position_title")

READ_CHUNK = 1 << 20


class ImportFileError(Exception):
    """The file as a whole cannot be imported (unreadable, or required columns missing)."""


def _norm_header(text: Any) -> str:
    return " ".join(str(text or "").replace("_", " ").replace("-", " ").lower().split())


def map_header(header: list[Any]) -> dict[str, int]:
    """Canonical column → position in the row; raise ImportFileError if a required one is missing."""
    lookup = {_norm_header(alias): col for col, aliases in COLUMNS.items() for alias in aliases}
    found: dict[str, int] = {}
    for position, cell in enumerate(header):
        column = lookup.get(_norm_header(cell))
        if column and column not in found:
            found[column] = position
    missing = [col for col in REQUIRED if col not in found]
    if missing:
        raise ImportFileError(
            _("The file lacks the required columns: %(columns)s. See the column list in the help.")
            % {"columns": ", ".join(missing)}
        )
    return found


class _CountingReader(io.RawIOBase):
    """Wraps a binary file and counts the bytes read, for the progress bar."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw, self.bytes_read = raw, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.bytes_read += n
        return n


class RowSource:
    """Rows of a CSV or XLSX file as (line number, cells), with the fraction of the file read."""

    def __init__(self, file: IO[bytes], name: str, size: int | None = None) -> None:
        self.name = name
        self.kind = "xlsx" if name.lower().endswith(".xlsx") else "csv"
        self._file = file
        self._size = size
        self._counter: _CountingReader | None = None
        self._total_rows = 0
        self._rows_seen = 0
        self.header: list[Any] = []
        # A CSV file's text encoding and separator, and where its second line starts (0: the first
        # line is not a plain one-line header), for reading it in blocks (``parallel``).
        self.encoding, self.delimiter, self.data_start = "", "", 0
        self._rows: Iterator[tuple[int, list[Any]]] = self._open()

    @classmethod
    def from_path(cls, path: str | Path) -> RowSource:
        path = Path(path)
        return cls(path.open("rb"), path.name, path.stat().st_size)

    def close(self) -> None:
        self._file.close()

    @property
    def size(self) -> int:
        return self._size or 0

    def raw_from(self, offset: int) -> IO[bytes] | None:
        """The CSV file's bytes from ``offset`` (counted for ``fraction_done``), instead of its rows;
        None if the file cannot be read again from there."""
        try:
            if self._counter is None or not self._file.seekable():
                return None
            self._file.seek(offset)
        except (OSError, ValueError):
            return None
        self._counter.bytes_read = offset
        return self._counter  # type: ignore[return-value]

    def fraction_done(self) -> float:
        if self._counter is not None and self._size:
            return min(1.0, self._counter.bytes_read / self._size)
        if self._total_rows:
            return min(1.0, self._rows_seen / self._total_rows)
        return 0.0

    def __iter__(self) -> Iterator[tuple[int, list[Any]]]:
        return self._rows

    def _open(self) -> Iterator[tuple[int, list[Any]]]:
        try:
            rows = self._open_xlsx() if self.kind == "xlsx" else self._open_csv()
            self.header = next(rows, (0, []))[1]
        except ImportFileError:
            raise
        except Exception as exc:  # openpyxl, zipfile and csv raise many kinds
            raise ImportFileError(
                _("The file cannot be read as %(kind)s: %(error)s")
                % {"kind": self.kind.upper(), "error": exc}
            ) from exc
        if not self.header:
            raise ImportFileError(_("The file is empty."))
        return rows

    def _open_csv(self) -> Iterator[tuple[int, list[Any]]]:
        self._counter = _CountingReader(self._file)
        buffered = io.BufferedReader(self._counter, READ_CHUNK)
        head = buffered.peek(65536)[:65536]
        encoding = "utf-8-sig"
        try:
            codecs.decode(head.split(b"\n", 1)[0], "utf-8")
        except UnicodeDecodeError:
            encoding = "cp1252"  # an Excel "CSV" saved on Windows
        text = io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline="")
        first = head.split(b"\n", 1)[0]
        # Excel in an Indonesian locale writes ";" as the separator.
        delimiter = max((b",", b";", b"\t"), key=first.count).decode()
        self.encoding, self.delimiter = encoding, delimiter
        if b"\n" in head and first.count(b'"') % 2 == 0 and b"\r" not in first.rstrip(b"\r"):
            self.data_start = len(first) + 1
        reader = csv.reader(text, delimiter=delimiter)
        return ((reader.line_num, row) for row in reader)

    def _open_xlsx(self) -> Iterator[tuple[int, list[Any]]]:
        from openpyxl import load_workbook

        workbook = load_workbook(self._file, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        self._total_rows = sheet.max_row or 0

        def rows() -> Iterator[tuple[int, list[Any]]]:
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                self._rows_seen = number
                yield number, list(row)
            workbook.close()

        return rows()
