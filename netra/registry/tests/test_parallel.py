"""Reading a large CSV file on several cores gives what reading it row by row gives."""

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netra.registry import parallel
from netra.registry.checks import CheckedRow, RejectedRow
from netra.registry.copying import copy_line
from netra.registry.imports import RowSource, map_header

from .test_row_checks import GOOD, VARIANTS, checker
from .test_row_checks import HEADER as ROW_CHECKS_HEADER

# These tests fork on purpose. In the full run an earlier browser test leaves pytest-django's
# session live server thread idle in the background, and Python warns on every fork; an import
# itself never forks beside another thread (parallel.usable checks threading.active_count()).
pytestmark = pytest.mark.filterwarnings(
    "ignore:This process .* is multi-threaded, use of fork\\(\\) may lead to deadlocks:DeprecationWarning"
)

HEADER = [
    "nip",
    "nama",
    "jenis_pegawai",
    "jenis_jabatan",
    "jabatan",
    "unit_kerja",
    "kode_wilayah",
    "kode_instansi",
    "nomor_pegawai",
    "alamat",  # ignored by the import: it may hold anything, line breaks and quotes too
]
ADDRESSES = st.sampled_from(
    [
        "",
        "Jl. Merdeka 1",
        'Jl. "Baru" 2',
        "Jl. Panjang\nRT 01",
        "a,b",
        '"',
        "x\r\ny",
        ";",
        "lone\rcr",
    ]
)


class Sink:
    copy_line_numbers = True

    def __init__(self):
        self.events = []

    def add_copy_text(self, text, rows):
        assert text.count("\n") == rows
        self.events.append(text)


def _events(results, sink):
    """Everything read, in order: COPY lines, rejections and blank lines."""
    out = []
    for result in results:
        if isinstance(result, int):
            out += sink.events.pop(0).splitlines()
        elif isinstance(result, CheckedRow):
            out.append(copy_line(result, numbered=True).rstrip("\n"))
        elif isinstance(result, RejectedRow):
            out.append(("rejected", result.line, result.nip, result.name, tuple(result.reasons)))
        else:
            out.append(None)
    assert not sink.events
    return out


def read(data: bytes, *, in_parallel: bool, monkeypatch):
    source = RowSource(io.BytesIO(data), "pegawai.csv", len(data))
    assert map_header(source.header) == ROW_CHECKS_HEADER
    sink = Sink()
    check = checker(text_cells=True, agency_id=None)
    monkeypatch.setattr(parallel, "usable", lambda source: in_parallel)
    return _events(parallel.checked_rows(source, check, sink), sink)


@st.composite
def files(draw):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(HEADER)
    for _ in range(draw(st.integers(0, 40))):
        if draw(st.integers(0, 20)) == 0:
            out.write(draw(st.sampled_from(["\n", 'a b"c,"d\n', ",,,\n"])))  # odd lines
            continue
        cells = list(draw(st.sampled_from(GOOD)))
        if draw(st.booleans()):
            cells[draw(st.integers(0, len(cells) - 1))] = draw(VARIANTS)
        writer.writerow([*cells, draw(ADDRESSES)])
    text = out.getvalue()
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    return text.encode(encoding, "replace")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=files(), block=st.sampled_from([64, 200, 1000]))
def test_reading_in_parallel_gives_what_reading_row_by_row_gives(data, block, monkeypatch):
    monkeypatch.setattr(parallel, "BLOCK_BYTES", block)
    assert read(data, in_parallel=True, monkeypatch=monkeypatch) == read(
        data, in_parallel=False, monkeypatch=monkeypatch
    )


def test_a_quoted_line_break_across_a_cut_is_read_row_by_row(monkeypatch):
    # The stray quote in the unquoted field fools the quote count, so the cut falls inside the
    # quoted address; the worker finds the block did not end cleanly.
    rows = [*GOOD[:2], ["", 'Budi "Bud', *GOOD[2][2:]]]
    lines = [",".join(HEADER)] + [",".join(GOOD[0]) + ","] * 3
    lines.append(",".join(rows[2]) + ',"Jl. A\n' + "\n" * 5 + 'RT 2"')
    lines += [",".join(GOOD[1]) + ","] * 3
    data = ("\n".join(lines) + "\n").encode()
    monkeypatch.setattr(parallel, "BLOCK_BYTES", len(data) // 2)
    results = read(data, in_parallel=True, monkeypatch=monkeypatch)
    assert results == read(data, in_parallel=False, monkeypatch=monkeypatch)
    assert len(results) == 7


def test_small_files_are_read_row_by_row():
    data = ("\n".join([",".join(HEADER), *[",".join([*GOOD[0], ""])] * 10]) + "\n").encode()
    assert not parallel.usable(RowSource(io.BytesIO(data), "pegawai.csv", len(data)))
