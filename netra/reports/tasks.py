"""Background tasks of public reporting (core ``django.tasks``; the worker is ``manage.py worker``,
whose schedule enqueues them: netra/ops/schedule.py)."""

from __future__ import annotations

from django.tasks import task


@task
def purge_intake_replays_task() -> int:
    from .services import purge_intake_replays

    return purge_intake_replays()


@task
def apply_retention_task() -> dict[str, int]:
    from .retention import apply_retention

    removed = apply_retention()
    return {"identities": removed.identities, "evidence_files": removed.evidence_files}
