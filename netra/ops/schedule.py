"""Periodic jobs, enqueued once per time slot however many workers run (``ScheduledRun``).

django_tasks_db has no scheduler: each worker's heartbeat thread (netra/ops/worker.py) calls
``enqueue_due`` every few seconds. The first worker to insert (job, slot) enqueues the task in the
same transaction; the unique constraint turns every other worker's attempt into a no-op, so a job
runs once per slot with two workers or ten.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduledRun

logger = logging.getLogger("netra.ops.schedule")


@dataclass(frozen=True)
class Job:
    name: str
    task_path: str
    every: dt.timedelta

    def slot(self, now: dt.datetime) -> str:
        return str(int(now.timestamp() // self.every.total_seconds()))


JOBS = (
    # UU 27/2022: remove reporters' identities and evidence past their retention period.
    Job("retention", "netra.reports.tasks.apply_retention_task", dt.timedelta(hours=24)),
    # Sealed receipts of retried submissions live only NETRA_IDEMPOTENCY_TTL_HOURS.
    Job("purge_intake_replays", "netra.reports.tasks.purge_intake_replays_task", dt.timedelta(hours=1)),
    # Idempotent: one reminder per case, rule and due day (docs/case-handling.md).
    Job("deadline_reminders", "netra.cases.tasks.send_deadline_reminders_task", dt.timedelta(hours=24)),
    # The compliance tally holds "ignored" as of a day: recount at least hourly (sanctions).
    Job("compliance_tally", "netra.sanctions.tasks_compliance.refresh_compliance_tally", dt.timedelta(hours=1)),
    # Idempotent: each recommendation past the PPK's time (rule A2) is flagged once (issue 16).
    Job("recommendations_overdue", "netra.sanctions.tasks.flag_overdue_recommendations_task", dt.timedelta(hours=24)),
)  # fmt: skip


def enqueue_due(now: dt.datetime | None = None, jobs: tuple[Job, ...] = JOBS) -> list[str]:
    """Enqueue every job whose current slot has not been enqueued yet; return their names."""
    now = now or timezone.now()
    enqueued = []
    for job in jobs:
        slot = job.slot(now)
        if ScheduledRun.objects.filter(job=job.name, slot=slot).exists():
            continue
        try:
            with transaction.atomic():
                row = ScheduledRun.objects.create(job=job.name, slot=slot, enqueued_at=now)
                result = import_string(job.task_path).enqueue()
                row.task_id = str(result.id)
                row.save(update_fields=["task_id"])
        except IntegrityError:
            continue  # another worker took this slot
        logger.info("enqueued periodic job %s", job.name)
        enqueued.append(job.name)
    return enqueued
