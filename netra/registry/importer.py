"""Runs one import: read and check rows, stage them, compare, and (unless a dry run) apply.

Progress goes to the ``ImportJob`` row (the web page polls it) and to an optional callback (the
management command draws a bar). Use ``services.run_import`` rather than this module directly.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.reference.models import Region

from .imports import CheckedRow, RejectedRow, RowChecker, RowSource, map_header
from .models import Agency, ImportJob
from .staging import Stage

MAX_REJECTED_IN_REPORT = 1000
# Share of the progress bar per phase: reading is most of the work.
READ_SHARE, COMPARE_SHARE = 80, 10

Progress = Callable[[ImportJob], None]


class _Reporter:
    """Writes progress to the job row at most once a second (and tells the callback)."""

    def __init__(self, job: ImportJob, callback: Progress | None) -> None:
        self.job, self.callback, self._last = job, callback, 0.0

    def __call__(self, *, phase: str, progress: int, force: bool = False) -> None:
        job = self.job
        job.phase, job.progress = phase, max(0, min(100, progress))
        now = time.monotonic()
        if not force and now - self._last < 1.0:
            return
        self._last = now
        ImportJob.objects.filter(pk=job.pk).update(
            phase=job.phase, progress=job.progress, rows_read=job.rows_read
        )
        if self.callback:
            self.callback(job)


def _reject(report: dict[str, Any], job: ImportJob, line: int, nip: str, name: str, reasons):
    job.rejected += 1
    if len(report["rejected"]) < MAX_REJECTED_IN_REPORT:
        report["rejected"].append({"line": line, "nip": nip, "name": name, "reasons": reasons})


def execute(
    job: ImportJob, source: RowSource, *, progress: Progress | None = None, audit=None
) -> ImportJob:
    """Import ``source`` as ``job`` describes. ``audit(job)`` is called inside the apply transaction."""
    report_progress = _Reporter(job, progress)
    agency_id = job.agency_id
    checker = RowChecker(
        map_header(source.header),
        agency_id=agency_id,
        agencies=dict(Agency.objects.values_list("code", "pk")),
        regions=set(Region.objects.values_list("code", flat=True)),
    )
    report: dict[str, Any] = {"rejected": [], "columns": sorted(checker.header)}
    with Stage(job.pk) as stage:
        for line, cells in source:
            result = checker.check(line, cells)
            if result is None:
                continue
            job.rows_read += 1
            if isinstance(result, CheckedRow):
                stage.add(result)
            elif isinstance(result, RejectedRow):
                _reject(report, job, result.line, result.nip, result.name, result.reasons)
            if job.rows_read % 5000 == 0:
                report_progress(
                    phase=ImportJob.Phase.READING,
                    progress=int(source.fraction_done() * READ_SHARE),
                )
        stage.flush()
        del checker  # its duplicate-detection sets are the largest thing in memory
        report_progress(phase=ImportJob.Phase.COMPARING, progress=READ_SHARE, force=True)
        stage.index()
        if agency_id is not None:
            for line, nip, name, code in stage.reject_other_agencies():
                reason = _("The NIP is registered at another agency (%(code)s).") % {"code": code}
                _reject(report, job, line, nip, name, [reason])
        changes = stage.compare(agency_id)
        job.new, job.updated = changes["new"], changes["updated"]
        job.unchanged, job.deactivated = changes["unchanged"], changes["deactivated"]
        report["samples"] = changes["samples"]
        report["rejected"].sort(key=lambda r: r["line"])
        job.report = report
        if not job.dry_run:
            report_progress(
                phase=ImportJob.Phase.APPLYING, progress=READ_SHARE + COMPARE_SHARE, force=True
            )
            with transaction.atomic():
                stage.apply(agency_id, new_rows=job.new)
                _finish(job)
                if audit:
                    audit(job)
        else:
            _finish(job)
            if audit:
                audit(job)
    if progress:
        progress(job)
    return job


def _finish(job: ImportJob) -> None:
    job.status, job.phase, job.progress = (
        ImportJob.Status.DONE,
        ImportJob.Phase.FINISHED,
        100,
    )
    job.finished_at = timezone.now()
    job.save()
