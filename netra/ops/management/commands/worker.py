"""``manage.py worker``: django_tasks_db's ``db_worker`` with Netra's heartbeat thread.

Takes the same options as ``db_worker`` (``--queue-name``, ``--interval``, ``--batch``, ...). Run one
or more per machine (bin/serve starts NETRA_TASK_WORKERS of them); readiness is not ready while none
has beaten for NETRA_WORKER_STALE_SECONDS (netra/ops/worker.py).
"""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from netra.ops.worker import Heartbeat


class Command(DbWorkerCommand):
    help = "Run a task worker with a heartbeat, lost-task recovery and the periodic schedule"

    def handle(self, *args: Any, **options: Any) -> None:
        heartbeat = Heartbeat(options["worker_id"])
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
