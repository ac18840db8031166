"""Background tasks of the registry (core ``django.tasks``; the worker is ``manage.py db_worker``)."""

from __future__ import annotations

from django.tasks import task


@task
def run_import_job(job_id: int) -> str:
    from .models import ImportJob
    from .services import run_import

    job = ImportJob.objects.select_related("agency").get(pk=job_id)
    if job.status != ImportJob.Status.QUEUED:
        return job.status  # already run (a task delivered twice)
    return run_import(job=job).status
