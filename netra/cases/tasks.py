"""Background tasks of case handling (core ``django.tasks``; the worker is ``manage.py db_worker``)."""

from __future__ import annotations

from django.tasks import task


@task
def send_deadline_reminders_task() -> int:
    from .reminders import send_deadline_reminders

    return send_deadline_reminders().reminders
