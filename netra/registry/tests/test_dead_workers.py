"""A worker killed mid-import: its job is failed with the reason and no longer blocks the agency."""

import datetime as dt
import signal
import subprocess
import sys
from io import BytesIO

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone

from netra.accounts.tests import factories
from netra.audit.models import AuditEntry
from netra.registry import importer, liveness
from netra.registry.imports import RowSource
from netra.registry.models import Agency, Employee, ImportJob
from netra.registry.services import (
    HEARTBEAT_TIMEOUT,
    ImportRefused,
    create_command_import,
    fail_dead_jobs,
    run_import,
)

from .helpers import SAMARINDA, csv_bytes, employee, row, run

pytestmark = pytest.mark.django_db
ELSEWHERE = "other-host|4242|00000000-0000-0000-0000-000000000000|pid:[1]|99"
on_linux = pytest.mark.skipif(not liveness._machine()[0], reason="needs Linux's /proc")


def running_job(worker: str, *, silent_for: dt.timedelta = dt.timedelta(0)) -> ImportJob:
    now = timezone.now()
    return ImportJob.objects.create(
        agency=Agency.objects.get(code=SAMARINDA),
        source_name="pegawai.csv",
        status=ImportJob.Status.RUNNING,
        started_at=now - silent_for,
        heartbeat_at=now - silent_for,
        worker=worker,
    )


def start() -> ImportJob:
    agency = Agency.objects.get(code=SAMARINDA)
    return create_command_import(agency=agency, source_name="b.csv", dry_run=True, actor_label="t")


@on_linux
def test_a_worker_killed_with_sigkill_is_seen_at_once():
    worker = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        job = running_job(liveness.identity(worker.pid))
        assert not liveness.gone(job.worker)
        with pytest.raises(ImportRefused, match="still running"):
            start()
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    assert liveness.gone(job.worker)
    assert start().status == ImportJob.Status.QUEUED  # the heartbeat is fresh: the process is not
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert f"pid {worker.pid}" in job.error and "Nothing was changed" in job.error
    entry = AuditEntry.objects.get(action="registry.import_failed", target_id=str(job.pk))
    assert entry.data["error"] == job.error


@on_linux
def test_a_pid_reused_by_another_process_is_not_taken_for_the_worker():
    identity = liveness.identity()
    host, pid, boot, namespace, _started = identity.split("|")
    assert not liveness.gone(identity)
    assert liveness.gone("|".join([host, pid, boot, namespace, "1"]))


def test_a_worker_silent_for_too_long_is_taken_to_have_died():
    alive = running_job(ELSEWHERE, silent_for=HEARTBEAT_TIMEOUT - dt.timedelta(minutes=1))
    assert fail_dead_jobs() == []
    with pytest.raises(ImportRefused, match="still running"):
        start()
    alive.heartbeat_at = timezone.now() - HEARTBEAT_TIMEOUT - dt.timedelta(seconds=1)
    alive.save()
    start()
    alive.refresh_from_db()
    assert alive.status == ImportJob.Status.FAILED
    assert "has not reported for over 10 minutes" in alive.error


def test_a_job_from_before_heartbeats_counts_from_its_start():
    job = running_job("", silent_for=dt.timedelta(hours=1))
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=None)
    assert [j.pk for j in fail_dead_jobs()] == [job.pk]


def test_the_progress_api_shows_the_dead_job_failed(client):
    job = running_job(ELSEWHERE, silent_for=HEARTBEAT_TIMEOUT * 2)
    client.force_login(factories.system_admin())
    body = client.get(f"/api/v1/registry/imports/{job.pk}").json()
    assert body["status"] == "failed" and "has not reported" in body["error"]
    page = client.get(f"/registry/imports/{job.pk}/progress/").content.decode()
    assert 'data-status="failed"' in page


def test_a_running_import_records_its_worker_and_beats():
    seen = []

    def progress(job):
        seen.append(ImportJob.objects.values_list("worker", "heartbeat_at").get(pk=job.pk))

    job = create_command_import(
        agency=Agency.objects.get(code=SAMARINDA),
        source_name="a.csv",
        dry_run=False,
        actor_label="",
    )
    data = csv_bytes([row("198503122010011002", "Budi Santoso")])
    run_import(job=job, source=RowSource(BytesIO(data), "a.csv", len(data)), progress=progress)
    assert seen and all(worker == liveness.identity() for worker, _beat in seen)
    assert all(beat is not None for _worker, beat in seen)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.worker == liveness.identity()


def test_a_slow_worker_whose_job_was_failed_meanwhile_commits_nothing():
    employee("198601012010011001", "Sari Dewi")  # not empty: a staged import, as most are

    def failed_meanwhile(job):
        if job.phase == ImportJob.Phase.COMPARING:  # another process gave the job up
            ImportJob.objects.filter(pk=job.pk).update(
                status=ImportJob.Status.FAILED, error="taken to have died"
            )

    job = create_command_import(
        agency=Agency.objects.get(code=SAMARINDA),
        source_name="a.csv",
        dry_run=False,
        actor_label="",
    )
    data = csv_bytes([row("198503122010011002", "Budi Santoso")])
    source = RowSource(BytesIO(data), "a.csv", len(data))
    job = run_import(job=job, source=source, progress=failed_meanwhile)
    assert (job.status, job.error) == (ImportJob.Status.FAILED, "taken to have died")
    assert not Employee.objects.filter(nip="198503122010011002").exists()
    assert Employee.objects.get(nip="198601012010011001").is_active  # not deactivated either
    assert run(data).status == ImportJob.Status.DONE  # and the agency can import again


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="progress has its own connection on PG"
)
@pytest.mark.django_db(transaction=True)
def test_a_progress_write_that_fails_does_not_stop_the_heartbeat(reference_data):
    job = running_job(ELSEWHERE, silent_for=dt.timedelta(minutes=5))
    reporter = importer._Reporter(job, None)
    holder = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        holder.set_autocommit(False)
        with holder.cursor() as cursor:  # another transaction holds the job's row
            cursor.execute("SELECT 1 FROM registry_importjob WHERE id = %s FOR UPDATE", [job.pk])
        reporter(phase=ImportJob.Phase.READING, progress=10, force=True)  # waits 1 s, gives up
        assert ImportJob.objects.get(pk=job.pk).progress == 0
        holder.rollback()
    finally:
        holder.close()
    reporter._retry_at = 0.0  # as when RETRY_PROGRESS_AFTER has passed
    reporter(phase=ImportJob.Phase.READING, progress=20, force=True)
    reporter.close()
    written = ImportJob.objects.get(pk=job.pk)
    assert written.progress == 20
    assert written.heartbeat_at is not None
    assert written.heartbeat_at > timezone.now() - dt.timedelta(minutes=1)


def test_a_worker_failing_after_its_job_was_given_up_keeps_the_first_reason(monkeypatch):
    from netra.registry import staging

    employee("198601012010011001", "Sari Dewi")

    def given_up(job):
        if job.phase == ImportJob.Phase.COMPARING:
            ImportJob.objects.filter(pk=job.pk).update(
                status=ImportJob.Status.FAILED, error="taken to have died"
            )

    def explode(self, agency_id, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(staging.Stage, "apply", explode)
    job = start()
    ImportJob.objects.filter(pk=job.pk).update(dry_run=False)
    job.refresh_from_db()
    data = csv_bytes([row("198503122010011002", "Budi Santoso")])
    with pytest.raises(RuntimeError):
        run_import(job=job, source=RowSource(BytesIO(data), "a.csv", len(data)), progress=given_up)
    job.refresh_from_db()
    assert (job.status, job.error) == (ImportJob.Status.FAILED, "taken to have died")
    assert not AuditEntry.objects.filter(action="registry.import_failed").exists()
