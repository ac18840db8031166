"""Background tasks of public reporting (core ``django.tasks``; the worker is ``manage.py worker``,
whose schedule enqueues the periodic ones: netra/ops/schedule.py)."""

from __future__ import annotations

from django.tasks import task


@task
def build_evidence_previews(jobs: list[tuple[int, str]]) -> dict[str, int]:
    """The safe previews of newly uploaded images (reports/previews.py), off the request: each job
    is an evidence id and the file name its preview gets."""
    from .previews import build_previews

    return build_previews([(int(pk), str(name)) for pk, name in jobs])


@task
def purge_intake_replays_task() -> int:
    from .services import purge_intake_replays

    return purge_intake_replays()


@task
def apply_retention_task() -> dict[str, int]:
    from .retention import apply_retention

    removed = apply_retention()
    return {"identities": removed.identities, "evidence_files": removed.evidence_files}
