"""Runs one import: read and check rows, stage them, compare, and (unless a dry run) apply.

Into an empty registry (the first national file) the checked rows go straight into the table
instead, by one COPY while the file is read (``bulk.FirstLoad``): there is nothing to compare.
Either way all changes are made in one transaction. ``job.report["timings"]`` says how long each
phase took.

Progress goes to the ``ImportJob`` row (the web page polls it) and to an optional callback (the
management command draws a bar). Use ``services.run_import`` rather than this module directly.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from contextlib import closing, suppress
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.reference.models import Region

from . import parallel
from .bulk import FirstLoad
from .checks import CheckedRow, RowChecker
from .imports import RowSource, map_header
from .models import Agency, ImportJob
from .staging import SAMPLE, Stage

MAX_REJECTED_IN_REPORT = 1000
# Share of the progress bar per phase: reading is most of the work.
READ_SHARE, COMPARE_SHARE = 80, 10

RETRY_PROGRESS_AFTER = 30.0  # seconds; well inside services.HEARTBEAT_TIMEOUT
Progress = Callable[[ImportJob], None]
logger = logging.getLogger(__name__)


class LeaseLost(Exception):
    """The job was failed as dead while this worker still ran it: nothing is committed."""


class _Reporter:
    """Writes progress to the job row at most once a second (and tells the callback).

    On PostgreSQL through a connection of its own: the import's may be inside its transaction
    (where the page polling the job would not see the writes) or in the middle of a ``COPY``.
    """

    def __init__(self, job: ImportJob, callback: Progress | None) -> None:
        self.job, self.callback, self._last = job, callback, 0.0
        self._own: BaseDatabaseWrapper | None = None
        self._failures = 0
        self._retry_at = 0.0

    def __call__(self, *, phase: str, progress: int, force: bool = False) -> None:
        job = self.job
        job.phase, job.progress = phase, max(0, min(100, progress))
        now = time.monotonic()
        if not force and now - self._last < 1.0:
            return
        self._last = now
        self._write(job)
        if self.callback:
            self.callback(job)

    def beat(self) -> None:
        """Say the worker is alive (between long statements that report no progress)."""
        if time.monotonic() - self._last >= 1.0:
            self._last = time.monotonic()
            self._write(self.job)

    def _write(self, job: ImportJob) -> None:
        # Every write is also the worker's heartbeat (services.fail_dead_jobs).
        if connection.vendor != "postgresql":
            ImportJob.objects.filter(pk=job.pk).update(
                phase=job.phase,
                progress=job.progress,
                rows_read=job.rows_read,
                heartbeat_at=timezone.now(),
            )
            return
        if time.monotonic() < self._retry_at:
            return
        try:
            if self._own is None:
                self._own = connections.create_connection(DEFAULT_DB_ALIAS)
                with self._own.cursor() as cursor:
                    # Never wait for a caller's transaction holding the job row.
                    cursor.execute("SET lock_timeout = '1s'")
            with self._own.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {ImportJob._meta.db_table} SET phase = %s, progress = %s, "  # noqa: S608
                    "rows_read = %s, heartbeat_at = %s WHERE id = %s",
                    [job.phase, job.progress, job.rows_read, timezone.now(), job.pk],
                )
        except DatabaseError:  # progress is a courtesy: never let it fail the import
            if not self._failures:
                logger.warning("Import job %s: progress not written", job.pk, exc_info=True)
            self._failures += 1
            # Not at every row again (each try may wait for the lock timeout); but again later,
            # as the writes are also the heartbeat that tells the worker is alive.
            self._retry_at = time.monotonic() + RETRY_PROGRESS_AFTER
            with suppress(DatabaseError):
                self.close()
            self._own = None

    def close(self) -> None:
        if self._own is not None:
            self._own.close()


class _Sink(Protocol):
    copy_wait: float
    copy_line_numbers: bool

    def add(self, row: CheckedRow) -> None: ...

    def add_copy_text(self, text: str, rows: int) -> None: ...

    def flush(self) -> None: ...


def execute(
    job: ImportJob, source: RowSource, *, progress: Progress | None = None, audit=None
) -> ImportJob:
    """Import ``source`` as ``job`` describes. ``audit(job)`` is called inside the apply transaction."""
    header = map_header(source.header)
    reference = {
        **_agencies(),
        "regions": set(Region.objects.values_list("code", flat=True)),
    }
    report: dict[str, Any] = {
        "rejected": [],
        "warnings": [],
        "columns": sorted(header),
        "timings": [],
    }
    run = _Run(job, source, header, reference, report, _Reporter(job, progress), audit)
    try:
        if job.dry_run or not _first_load(run):
            _staged(run)
    finally:
        run.report_progress.close()
    if progress:
        progress(job)
    return job


def _agencies() -> dict[str, Any]:
    """Agency code → id, a merged agency's code giving the id of the agency it was merged into
    (loaders.py: Jakarta's administrative cities); and the merged codes (``RowChecker``)."""
    agencies: dict[str, int] = {}
    merged: dict[str, tuple[str, str]] = {}
    for code, pk, into_id, into_code, region_id in Agency.objects.values_list(
        "code", "pk", "merged_into_id", "merged_into__code", "region_id"
    ):
        agencies[code] = into_id or pk
        if into_id is not None:
            merged[code] = (into_code, region_id or "")
    return {"agencies": agencies, "merged": merged}


@dataclass
class _Run:
    job: ImportJob
    source: RowSource
    header: dict[str, int]
    reference: dict[str, Any]  # agencies, regions: read before any COPY occupies the connection
    report: dict[str, Any]
    report_progress: _Reporter
    audit: Callable[[ImportJob], None] | None

    def reject(self, line: int, nip: str, name: str, reasons: list[str]) -> None:
        self.job.rejected += 1
        if len(self.report["rejected"]) < MAX_REJECTED_IN_REPORT:
            self.report["rejected"].append(
                {"line": line, "nip": nip, "name": name, "reasons": reasons}
            )

    def warn(self, row: CheckedRow) -> None:
        self.job.warned += 1
        if len(self.report["warnings"]) < MAX_REJECTED_IN_REPORT:
            self.report["warnings"].append(
                {"line": row.line, "nip": row.nip or "", "name": row.name, "warnings": row.warnings}
            )

    def time(self, what: str, seconds: float) -> None:
        """Record how long a phase took (``report["timings"]``; the benchmark prints them)."""
        self.report["timings"].append((what, round(seconds, 3)))

    def finish(self) -> None:
        """Record the result; inside the apply transaction, so it commits with the changes."""
        job = self.job
        with transaction.atomic():
            # The lease: a job failed meanwhile as dead (its heartbeat too old) must not commit.
            current = ImportJob.objects.select_for_update().filter(pk=job.pk)
            if current.values_list("status", flat=True).first() != ImportJob.Status.RUNNING:
                raise LeaseLost(job.pk)
            job.status, job.phase, job.progress = (
                ImportJob.Status.DONE,
                ImportJob.Phase.FINISHED,
                100,
            )
            job.report = self.report
            job.finished_at = timezone.now()
            job.save()
            if self.audit:
                self.audit(job)


def _read(run: _Run, sink: _Sink) -> None:
    """Check every row of the file; checked rows go to ``sink``, rejected ones to the report."""
    job, source = run.job, run.source
    started = time.perf_counter()
    checker = RowChecker(
        run.header, agency_id=job.agency_id, text_cells=source.kind == "csv", **run.reference
    )
    add, reported = sink.add, 0
    # Row by row, or on several cores for a large CSV file (``parallel``): the same rows.
    with closing(parallel.checked_rows(source, checker, sink)) as results:  # stops its workers
        for result in results:
            if result is None:
                continue
            if isinstance(result, int):  # rows the sink has received already
                job.rows_read += result
            elif isinstance(result, CheckedRow):
                job.rows_read += 1
                add(result)
                if result.warnings:
                    run.warn(result)
            else:
                job.rows_read += 1
                run.reject(result.line, result.nip, result.name, result.reasons)
            if job.rows_read - reported >= 5000:
                reported = job.rows_read
                run.report_progress(
                    phase=ImportJob.Phase.READING,
                    progress=int(source.fraction_done() * READ_SHARE),
                )
    del checker  # its duplicate-detection sets are the largest thing in memory
    sink.flush()
    run.time("reading and checking rows", time.perf_counter() - started - sink.copy_wait)
    run.time("waiting for the database to store them", sink.copy_wait)
    run.report["rejected"].sort(key=lambda r: r["line"])
    run.report["warnings"].sort(key=lambda r: r["line"])


def _first_load(run: _Run) -> bool:
    """Import into an empty registry by one COPY straight into the table (see ``bulk``); False
    if the registry is not empty (then nothing was done)."""
    if not FirstLoad.possible():
        return False
    job = run.job
    with transaction.atomic():
        load = FirstLoad(beat=run.report_progress.beat)
        if not load.begin():
            return False
        try:
            _read(run, load)
        except BaseException:
            load.abort()
            raise
        run.report_progress(
            phase=ImportJob.Phase.APPLYING, progress=READ_SHARE + COMPARE_SHARE, force=True
        )
        for what, seconds in load.finish():
            run.time(what, seconds)
        job.new = load.rows
        run.report["samples"] = {
            "new": load.new_samples(SAMPLE),
            "updated": [],
            "deactivated": [],
        }
        run.finish()
    return True


def _staged(run: _Run) -> None:
    """Import through a staging table: compare with the registry, then (unless a dry run) apply."""
    job, agency_id = run.job, run.job.agency_id
    with Stage(job.pk, beat=run.report_progress.beat) as stage:
        _read(run, stage)
        run.report_progress(phase=ImportJob.Phase.COMPARING, progress=READ_SHARE, force=True)
        started = time.perf_counter()
        stage.index()
        run.report_progress.beat()
        if agency_id is not None:
            for line, nip, name, code in stage.reject_other_agencies():
                reason = _("The NIP is registered at another agency (%(code)s).") % {"code": code}
                run.reject(line, nip, name, [reason])
            run.report["rejected"].sort(key=lambda r: r["line"])
        run.report_progress.beat()
        changes = stage.compare(agency_id)
        run.time("comparing with the registry", time.perf_counter() - started)
        job.new, job.updated = changes["new"], changes["updated"]
        job.unchanged, job.deactivated = changes["unchanged"], changes["deactivated"]
        run.report["samples"] = changes["samples"]
        if job.dry_run:
            run.finish()
            return
        run.report_progress(
            phase=ImportJob.Phase.APPLYING, progress=READ_SHARE + COMPARE_SHARE, force=True
        )
        with transaction.atomic():
            started = time.perf_counter()
            rebuilt = stage.apply(agency_id, new_rows=job.new)
            run.time(
                "applying (upsert, deactivation)",
                time.perf_counter() - started - sum(seconds for _what, seconds in rebuilt),
            )
            for what, seconds in rebuilt:
                run.time(what, seconds)
            run.finish()
