"""The task worker's side of operations: a heartbeat, lost-task recovery, the periodic schedule.

``manage.py worker`` runs django_tasks_db's worker with a thread that, every ``BEAT`` seconds,
records the worker as alive (readiness needs one), marks as failed the tasks of workers that stopped
beating mid-task, and enqueues the periodic jobs that are due. Tasks are claimed with
``SELECT ... FOR UPDATE SKIP LOCKED`` by django_tasks_db, so each runs once with several workers.
A task whose worker dies keeps its own transaction's all-or-nothing: what it had not committed is
gone, and the task is marked failed with the reason instead of staying "running" for ever.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import socket
import threading

from django.db import DatabaseError, close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from . import schedule
from .health import WORKER_STALE
from .models import WorkerHeartbeat

logger = logging.getLogger("netra.ops.worker")
BEAT = float(os.environ.get("NETRA_WORKER_BEAT_SECONDS", "5"))
# Whether this worker also enqueues the periodic jobs (once per slot whatever the number of workers).
SCHEDULE = os.environ.get("NETRA_WORKER_SCHEDULE", "1") != "0"


class WorkerLost(Exception):
    """Recorded as the failure of a task whose worker stopped while running it."""


def beat(worker_id: str, started_at: dt.datetime) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "seen_at": now,
            "stopped_at": None,
        },
    )


def reap_lost_tasks(now: dt.datetime | None = None) -> list[str]:
    """Fail the running tasks whose worker has not been seen for WORKER_STALE; return their ids."""
    now = now or timezone.now()
    stale = now - WORKER_STALE
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=stale, stopped_at__isnull=True).values_list(
            "worker_id", flat=True
        )
    )
    lost = []
    for task_id in (
        DBTaskResult.objects.running().filter(started_at__lt=stale).values_list("id", flat=True)
    ):
        with transaction.atomic():
            task = (
                DBTaskResult.objects.running()
                .select_for_update(skip_locked=True)
                .filter(id=task_id)
                .first()
            )
            if task is None or (task.worker_ids and task.worker_ids[-1] in alive):
                continue
            last = task.worker_ids[-1] if task.worker_ids else "unknown"
            task.set_failed(
                WorkerLost(
                    f"The worker {last} stopped while running this task (started "
                    f"{task.started_at:%Y-%m-%d %H:%M:%S %Z}); what the task had not committed was "
                    f"rolled back. Enqueue it again if it should still run."
                )
            )
        logger.error("task %s (%s) lost with worker %s", task_id, task.task_path, last)
        lost.append(str(task_id))
    return lost


class Heartbeat(threading.Thread):
    def __init__(self, worker_id: str) -> None:
        super().__init__(name="netra-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.stopping = threading.Event()

    def tick(self) -> None:
        close_old_connections()
        try:
            beat(self.worker_id, self.started_at)
            reap_lost_tasks()
            if SCHEDULE:
                schedule.enqueue_due()
        except DatabaseError as exc:
            logger.warning("heartbeat failed: %s", str(exc).splitlines()[0] if str(exc) else exc)
        except Exception:  # a bug in a scheduled job's import must not stop the heartbeat
            logger.exception("heartbeat tick failed")

    def run(self) -> None:
        try:
            self.tick()
            while not self.stopping.wait(BEAT):
                self.tick()
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=BEAT + 5)
        with contextlib.suppress(DatabaseError):
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).update(
                stopped_at=timezone.now()
            )
