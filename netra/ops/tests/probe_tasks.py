"""Tasks for the worker tests: one that leaves a trace, one that hangs inside its transaction."""

from __future__ import annotations

import time

from django.db import transaction
from django.tasks import task

from netra.audit.models import AuditEntry


@task
def record_run(label: str) -> str:
    time.sleep(0.2)
    AuditEntry.objects.create(
        actor_label="test", action="ops.probe", target_type="t", target_id="1", summary=label
    )
    return label


@task
def write_then_hang(label: str) -> str:
    with transaction.atomic():
        AuditEntry.objects.create(
            actor_label="test", action="ops.probe", target_type="t", target_id="1", summary=label
        )
        time.sleep(600)
    return label
