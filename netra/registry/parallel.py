"""Checking a large CSV file on several cores, for an import on PostgreSQL.

Checking rows in Python is most of an import's work, and PostgreSQL stores them on another core.
So the file is cut into blocks of a few megabytes at line ends, and worker processes — forked, so
they share the checker with its reference data — parse and check the rows of a block and return
the tidy, valid ones already as COPY text. The main process takes the blocks back in file order
and does what needs the whole file: duplicates (the first row of a NIP or staff number wins), the
rows the quick check left (checked thoroughly, in order, with all their reasons), and the COPY.

The outcome is the one of reading the file row by row, and tests pin the two together. Whenever
a block is unusual the main process reads on row by row from where it is: a cut that fell inside
a quoted line break (a worker can tell), or a duplicate within a block.
"""

from __future__ import annotations

import csv
import io
import multiprocessing
import os
import threading
import traceback
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from contextlib import suppress
from itertools import chain
from typing import IO, Any, Protocol

from django.db import connection

from .checks import CheckedRow, RejectedRow, RowChecker
from .copying import copy_line
from .imports import RowSource

BLOCK_BYTES = 4 << 20
PARALLEL_MIN_BYTES = 16 << 20  # about 150,000 rows: below that, forking is not worth it
MAX_WORKERS = 8  # beyond that the main process (order, duplicates, COPY) cannot keep up anyway
# A line no file has, appended to a block: if the last record of the block swallows it, the
# block ended inside a quoted field.
_END = "\x00netra:end-of-block\x00"
Result = CheckedRow | RejectedRow | None | int


class TextSink(Protocol):
    copy_line_numbers: bool

    def add_copy_text(self, text: str, rows: int) -> None: ...


def usable(source: RowSource) -> bool:
    """Whether ``checked_rows`` would read the file in parallel (else it reads row by row)."""
    return (
        connection.vendor == "postgresql"
        and source.kind == "csv"
        and source.data_start > 0
        and source.size >= PARALLEL_MIN_BYTES
        and (os.cpu_count() or 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
        # Forking copies only this thread: another one might hold a lock the workers would need.
        and threading.active_count() == 1
    )


def checked_rows(
    source: RowSource, checker: RowChecker, sink: TextSink
) -> Generator[Result, None, None]:
    """What ``checker.check`` gives for each row of ``source``, in order — except that runs of
    rows that passed are given to ``sink`` as COPY text at once, and counted: an ``int``."""
    raw = source.raw_from(source.data_start) if usable(source) else None
    if raw is None:
        check = checker.check
        yield from (check(line, cells) for line, cells in source)
        return
    reader = _Reader(raw, source, checker, sink)
    try:
        yield from reader.results()
    finally:
        reader.stop()


def _cut(data: bytes) -> int:
    """Where to end a block: after the last line break not inside quotes (counting from the start
    of the block, which is a record's start). 0: no line break. A quote in the middle of an
    unquoted field can fool the count; the worker then finds the block did not end cleanly."""
    end = data.rfind(b"\n")
    for _ in range(64):
        if end < 0 or data.count(b'"', 0, end) % 2 == 0:
            break
        end = data.rfind(b"\n", 0, end)
    return end + 1


def _lines(data: bytes) -> int:
    """Physical lines as ``csv.reader`` counts them (``\\n``, ``\\r\\n`` or a lone ``\\r``)."""
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")


def _blocks(raw: IO[bytes], first_line: int) -> Iterator[tuple[int, bytes]]:
    """(number of its first line, bytes) of each block of the file."""
    rest = b""
    while chunk := raw.read(BLOCK_BYTES):
        data = rest + chunk
        cut = _cut(data)
        if cut == 0:
            rest = data
            continue
        block, rest = data[:cut], data[cut:]
        yield first_line, block
        first_line += _lines(block)
    if rest:
        yield first_line, rest


def _parse(text: str, first_line: int, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return ((first_line - 1 + reader.line_num, cells) for cells in reader)


def _work(pipe: Any, checker: RowChecker, encoding: str, delimiter: str, numbered: bool) -> None:
    """A worker: check each block it is sent; send back its parts and whether it ended cleanly.

    A part is a row the quick check left, ``(line, cells)``, or a run of rows that passed it:
    ``(first line, NIPs, (agency, staff number)s, COPY text, rows)``. Duplicates are the main
    process's business.
    """
    quick = checker._check_quickly
    try:
        while (block := pipe.recv()) is not None:
            first_line, data = block
            text = data.decode(encoding, "replace")
            if not text.endswith(("\n", "\r")):
                text += "\n"
            end_line = first_line + text.count("\n") + text.count("\r") - text.count("\r\n")
            parts: list[tuple[Any, ...]] = []
            start, nips, staff, lines = 0, list[int](), list[tuple[int, str]](), list[str]()
            clean = False
            for line, cells in _parse(text + _END + "\n", first_line, delimiter):
                if line == end_line and cells == [_END]:
                    clean = True
                    break
                row = quick(line, cells)
                if row is not None:
                    if not lines:
                        start = line
                    if row.nip:
                        nips.append(int(row.nip))
                    else:
                        staff.append((row.agency_id, row.staff_number))
                    lines.append(copy_line(row, numbered))
                    continue
                if lines:
                    parts.append((start, nips, staff, "".join(lines), len(lines)))
                    nips, staff, lines = [], [], []
                parts.append((line, cells))
            if lines:
                parts.append((start, nips, staff, "".join(lines), len(lines)))
            pipe.send((parts, clean))
    except BaseException:
        pipe.send(traceback.format_exc())


class _Reader:
    """The main process's side: hands out blocks, takes the results back in order."""

    def __init__(
        self, raw: IO[bytes], source: RowSource, checker: RowChecker, sink: TextSink
    ) -> None:
        self.checker, self.sink, self.delimiter = checker, sink, source.delimiter
        # Within a block there is no byte-order mark; cp1252 decodes any block as it is.
        self.encoding = "utf-8" if source.encoding == "utf-8-sig" else source.encoding
        self.blocks = _blocks(raw, first_line=2)  # the header is line 1
        context = multiprocessing.get_context("fork")
        self.workers = []
        for _ in range(min(os.cpu_count() or 2, MAX_WORKERS)):
            ours, theirs = context.Pipe()
            args = (theirs, checker, self.encoding, self.delimiter, sink.copy_line_numbers)
            process = context.Process(target=_work, args=args, daemon=True)
            process.start()
            theirs.close()
            self.workers.append((process, ours))

    def results(self) -> Iterator[Result]:
        pending: deque[tuple[Any, int, bytes]] = deque()
        for _process, pipe in self.workers:
            self._send(pipe, pending)
        while pending:
            pipe, first_line, data = pending.popleft()
            answer = pipe.recv()
            if isinstance(answer, str):
                raise RuntimeError(f"A worker checking the file failed:\n{answer}")
            self._send(pipe, pending)  # keep the worker busy while this block is taken in
            parts, clean = answer
            if not clean:
                rest = chain([(first_line, data)], ((n, d) for _p, n, d in pending), self.blocks)
                self.stop()
                yield from self._row_by_row(rest)
                return
            yield from self._take(parts, first_line, data)

    def _send(self, pipe: Any, pending: deque[tuple[Any, int, bytes]]) -> None:
        block = next(self.blocks, None)
        if block is not None:
            pipe.send(block)
            pending.append((pipe, *block))

    def _take(self, parts: list[tuple[Any, ...]], first_line: int, data: bytes) -> Iterator[Result]:
        checker = self.checker
        seen_nips, seen_staff = checker.seen_nips, checker.seen_staff
        for part in parts:
            if len(part) == 2:
                yield checker.check(*part)
                continue
            start, nips, staff, text, rows = part
            if (
                seen_nips.isdisjoint(nips)
                and len(set(nips)) == len(nips)
                and seen_staff.isdisjoint(staff)
                and len(set(staff)) == len(staff)
            ):
                seen_nips.update(nips)
                seen_staff.update(staff)
                self.sink.add_copy_text(text, rows)
                yield rows
                continue
            # A duplicate: this block from here on row by row, for the reasons and who wins.
            text = data.decode(self.encoding, "replace")
            for line, cells in _parse(text, first_line, self.delimiter):
                if line >= start:
                    yield checker.check(line, cells)
            return

    def _row_by_row(self, blocks: Iterable[tuple[int, bytes]]) -> Iterator[Result]:
        """The rest of the file, from the start of a block, as ``RowChecker.check`` reads it."""
        blocks = iter(blocks)
        first = next(blocks, None)
        if first is None:
            return
        texts = chain([first[1]], (data for _line, data in blocks))
        lines = (
            line
            for data in texts
            for line in io.StringIO(data.decode(self.encoding, "replace"), newline="")
        )
        reader = csv.reader(lines, delimiter=self.delimiter)
        check = self.checker.check
        for cells in reader:
            yield check(first[0] - 1 + reader.line_num, cells)

    def stop(self) -> None:
        for process, pipe in self.workers:
            with suppress(OSError):
                pipe.send(None)  # done; a worker still busy with a block is killed below
            process.join(timeout=1)
            if process.is_alive():
                process.kill()
                process.join()
            pipe.close()
        self.workers = []
