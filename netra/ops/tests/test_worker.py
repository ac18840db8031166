"""Task workers: heartbeat, lost tasks marked failed, the periodic schedule once per slot, and one
task executed once with two worker processes (issue 19)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from netra.audit.models import AuditEntry
from netra.ops import schedule, worker
from netra.ops.models import ScheduledRun, WorkerHeartbeat

from . import probe_tasks

ROOT = Path(__file__).resolve().parents[3]
pg_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="worker processes share the test database only on PostgreSQL",
)


def running_task(worker_id: str, minutes_ago: int) -> DBTaskResult:
    result = probe_tasks.record_run.enqueue("lost")
    task = DBTaskResult.objects.get(id=result.id)
    task.claim(worker_id)
    DBTaskResult.objects.filter(id=task.id).update(
        started_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )
    return task


@pytest.mark.django_db
def test_a_task_whose_worker_stopped_beating_is_marked_failed_with_the_reason():
    worker.beat("alive", timezone.now())
    kept = running_task("alive", minutes_ago=10)
    lost = running_task("dead", minutes_ago=10)
    assert worker.reap_lost_tasks() == [str(lost.id)]
    lost.refresh_from_db()
    kept.refresh_from_db()
    assert lost.status == "FAILED" and kept.status == "RUNNING"
    assert lost.exception_class_path == "netra.ops.worker.WorkerLost"
    assert "The worker dead stopped while running this task" in lost.traceback


@pytest.mark.django_db
def test_the_schedule_enqueues_each_job_once_per_slot():
    now = timezone.now()
    first = schedule.enqueue_due(now)
    assert sorted(first) == sorted(job.name for job in schedule.JOBS)
    assert schedule.enqueue_due(now) == []  # a second worker noticing the same slot
    assert ScheduledRun.objects.count() == len(schedule.JOBS)
    assert DBTaskResult.objects.count() == len(schedule.JOBS)
    later = schedule.enqueue_due(now + dt.timedelta(hours=1, minutes=1))
    assert "purge_intake_replays" in later


def start_worker(worker_id: str) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": _test_database_url(), "NETRA_WORKER_BEAT_SECONDS": "1"}
    env["NETRA_WORKER_SCHEDULE"] = "0"
    return subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--no-startup-delay", "--interval", "0.1",
         "--worker-id", worker_id, "-v0"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip


def _test_database_url() -> str:
    s = connection.settings_dict
    return f"postgresql://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def stop(*procs: subprocess.Popen) -> None:
    for proc in procs:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        proc.wait(timeout=30)


@pg_only
@pytest.mark.django_db(transaction=True)
def test_two_workers_execute_each_task_once():
    labels = [f"once-{i}" for i in range(8)]
    for label in labels:
        probe_tasks.record_run.enqueue(label)
    workers = [start_worker("w-a"), start_worker("w-b")]
    try:
        wait_for(lambda: DBTaskResult.objects.successful().count() == len(labels))
    finally:
        stop(*workers)
    ran = list(AuditEntry.objects.filter(action="ops.probe").values_list("summary", flat=True))
    assert sorted(ran) == sorted(labels)
    assert all(len(t.worker_ids) == 1 for t in DBTaskResult.objects.all())
    assert {t.worker_ids[0] for t in DBTaskResult.objects.all()} == {"w-a", "w-b"}
    assert WorkerHeartbeat.objects.filter(stopped_at__isnull=False).count() == 2


@pg_only
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_task_leaves_nothing_half_written_and_the_task_failed(settings):
    result = probe_tasks.write_then_hang.enqueue("half")
    proc = start_worker("w-dies")
    try:
        wait_for(lambda: DBTaskResult.objects.running().exists())
        time.sleep(1)  # the task has written its row inside its transaction, and hangs
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert not AuditEntry.objects.filter(action="ops.probe").exists()  # rolled back
    later = timezone.now() + dt.timedelta(minutes=5)
    assert worker.reap_lost_tasks(later) == [str(result.id)]
    task = DBTaskResult.objects.get(id=result.id)
    assert task.status == "FAILED" and "w-dies stopped while running" in task.traceback
    from netra.ops import health

    assert "no task worker was seen" in health.worker(later)
