"""State changes of the registry: the one way in for the HTML views, the API and commands alike."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.audit.services import record

from . import importer, liveness
from .imports import ImportFileError, RowSource
from .models import Agency, ImportJob
from .permissions import can_import_employees

logger = logging.getLogger(__name__)
# A queued job no worker has taken after this long no longer blocks the agency's imports.
STALE_AFTER = dt.timedelta(hours=6)
# A running job whose worker has not said it is alive for this long is taken to have died with
# it. The worker beats at least once a phase and between long statements; the longest of those
# at national scale (4.3 M rows, docs/registry.md) takes well under a minute.
HEARTBEAT_TIMEOUT = dt.timedelta(minutes=10)
IMPORT_EXTENSIONS = (".csv", ".xlsx")


class ImportRefused(Exception):
    """The import may not start; ``message`` says why (translated)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _check_can_start(actor: Any, agency: Agency | None) -> None:
    if actor is not None and not can_import_employees(actor, agency.pk if agency else None):
        raise ImportRefused(_("You may import employees only for your own agency."))
    if agency is not None and agency.merged_into_id is not None:
        raise ImportRefused(
            _(
                "%(name)s is not an agency of its own: its staff are employees of %(into)s. "
                "Import them there."
            )
            % {"name": agency.name, "into": agency.merged_into}
        )
    jobs = ImportJob.objects.filter(agency=agency)
    fail_dead_jobs(jobs)
    busy = jobs.filter(
        Q(status=ImportJob.Status.RUNNING)
        | Q(status=ImportJob.Status.QUEUED, created_at__gte=timezone.now() - STALE_AFTER)
    )
    if busy.exists():
        raise ImportRefused(
            _("Another import for this agency is still running; wait until it has finished.")
        )


def start_import(
    *,
    actor: Any,
    agency: Agency | None,
    upload: UploadedFile | None = None,
    from_job: ImportJob | None = None,
    dry_run: bool,
) -> ImportJob:
    """Store the file and queue the import as a background task.

    ``from_job`` re-uses the file of an earlier job, e.g. to apply a file after its dry run.
    """
    if (upload is None) == (from_job is None):
        raise ValueError("Pass either upload or from_job.")
    _check_can_start(actor, agency)
    with transaction.atomic():
        job = ImportJob(agency=agency, created_by=actor, dry_run=dry_run)
        if upload is not None:
            if not upload.name or not upload.name.lower().endswith(IMPORT_EXTENSIONS):
                raise ImportRefused(_("Upload a .csv or .xlsx file."))
            job.source_name = upload.name
            job.file.save(upload.name, upload, save=False)
        else:
            assert from_job is not None
            if from_job.agency_id != (agency.pk if agency else None) or not from_job.file:
                raise ImportRefused(_("That file belongs to another import."))
            job.source_name, job.file = from_job.source_name, from_job.file.name
        job.save()
        record(
            actor=actor,
            action="registry.import_queued",
            target=job,
            summary=f"{job.source_name} ({agency.code if agency else 'national'})",
            dry_run=dry_run,
        )
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    from .tasks import run_import_job

    run_import_job.enqueue(job_id)


def create_command_import(
    *, agency: Agency | None, source_name: str, dry_run: bool, actor_label: str
) -> ImportJob:
    """A job for a file read straight from disk by a management command (no copy is stored)."""
    _check_can_start(None, agency)
    return ImportJob.objects.create(
        agency=agency, source_name=source_name[-255:], dry_run=dry_run, actor_label=actor_label
    )


def run_import(
    *, job: ImportJob, source: RowSource | None = None, progress: importer.Progress | None = None
) -> ImportJob:
    """Run a queued job to the end; a file that cannot be read fails the job with the reason."""
    job.status, job.started_at = ImportJob.Status.RUNNING, timezone.now()
    job.worker, job.heartbeat_at = liveness.identity(), job.started_at
    job.save(update_fields=["status", "started_at", "worker", "heartbeat_at"])
    try:
        if source is None:
            source = RowSource(job.file.open("rb"), job.file.name or job.source_name, job.file.size)
        return importer.execute(job, source, progress=progress, audit=_audit_import)
    except ImportFileError as exc:
        _fail(job, str(exc))
        return job
    except importer.LeaseLost:
        # Failed as dead meanwhile (fail_dead_jobs said why); nothing was committed.
        job.refresh_from_db()
        return job
    except Exception:
        logger.exception("Import job %s failed", job.pk)
        _fail(job, _("The import failed unexpectedly; nothing was changed."))
        raise
    finally:
        if source is not None:
            source.close()
        if not job.dry_run:
            _discard_file(job)


def _discard_file(job: ImportJob) -> None:
    """Delete an uploaded file once it has been applied (or failed): it holds personal data
    (UU 27/2022), and the registry now has what it contained. Its dry runs lose it too."""
    name = job.file.name if job.file else None
    if not name:
        return
    ImportJob.objects.filter(file=name).update(file="")
    job.file.storage.delete(name)
    job.file.name = ""


def fail_dead_jobs(jobs: QuerySet[ImportJob] | None = None) -> list[ImportJob]:
    """Fail the running jobs (of ``jobs``, else all) whose worker has died; return them.

    Dead: the worker process has certainly ended (``liveness.gone``: on this machine), or it has
    not beaten for ``HEARTBEAT_TIMEOUT``. Nothing of such a job was committed (an import
    applies in one transaction, which dies with its connection), so it is failed, not resumed:
    the agency starts the import again. A worker that was only slow finds its job failed when it
    tries to commit, and commits nothing (``importer.LeaseLost``).
    """
    running = (jobs if jobs is not None else ImportJob.objects).filter(
        status=ImportJob.Status.RUNNING
    )
    silent_since = timezone.now() - HEARTBEAT_TIMEOUT
    failed = []
    for job in running.select_related("agency", "created_by"):
        beat = job.heartbeat_at or job.started_at or job.created_at
        if liveness.gone(job.worker):
            message = _(
                "The import stopped: its worker (%(worker)s) ended before finishing, for example "
                "killed or out of memory. Nothing was changed; start the import again."
            ) % {"worker": liveness.describe(job.worker)}
        elif beat < silent_since:
            message = _(
                "The import stopped: its worker has not reported for over %(minutes)d minutes and "
                "is taken to have died. Nothing was changed; start the import again."
            ) % {"minutes": int(HEARTBEAT_TIMEOUT.total_seconds() // 60)}
        else:
            continue
        with transaction.atomic():
            # Only if still running as seen: the worker may have finished meanwhile.
            claimed = ImportJob.objects.filter(
                pk=job.pk, status=ImportJob.Status.RUNNING, worker=job.worker
            ).update(status=ImportJob.Status.FAILED, error=message, finished_at=timezone.now())
            if not claimed:
                continue
            job.refresh_from_db()
            _audit_import(job)
        if not job.dry_run:
            _discard_file(job)
        failed.append(job)
    return failed


def current_job(job: ImportJob) -> ImportJob:
    """The job as it stands, failed first if it runs with a dead worker (for the pages polling
    it, which would otherwise show a frozen progress bar)."""
    if job.status == ImportJob.Status.RUNNING and fail_dead_jobs(
        ImportJob.objects.filter(pk=job.pk)
    ):
        job.refresh_from_db()
    return job


def _fail(job: ImportJob, message: str) -> None:
    job.status, job.error, job.finished_at = ImportJob.Status.FAILED, message, timezone.now()
    # Not over fail_dead_jobs's reason, had it given the job up meanwhile.
    if not ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.RUNNING).update(
        status=job.status, error=job.error, finished_at=job.finished_at
    ):
        job.refresh_from_db()
        return
    _audit_import(job)


def _audit_import(job: ImportJob) -> None:
    if job.status == ImportJob.Status.FAILED:
        action = "registry.import_failed"
    else:
        action = "registry.import_dry_run" if job.dry_run else "registry.import_applied"
    record(
        actor=job.created_by,
        actor_label=job.actor_label,
        action=action,
        target=job,
        summary=(
            f"{job.source_name}: {job.new} new, {job.updated} updated, "
            f"{job.deactivated} deactivated, {job.rejected} rejected"
        ),
        agency=job.agency.code if job.agency else None,
        new=job.new,
        updated=job.updated,
        unchanged=job.unchanged,
        deactivated=job.deactivated,
        rejected=job.rejected,
        error=job.error,
    )
