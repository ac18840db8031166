"""Background tasks of the sanction stage (core ``django.tasks``; the worker is ``manage.py
db_worker``, scheduled in netra/ops/schedule.py)."""

from __future__ import annotations

from django.tasks import task


@task
def flag_overdue_recommendations_task() -> int:
    from .services.enforcement import flag_overdue

    return flag_overdue()
