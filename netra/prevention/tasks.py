"""Background tasks of prevention (core ``django.tasks``; the worker is ``manage.py db_worker``)."""

from __future__ import annotations

from django.tasks import task


@task
def send_pact_reminders(reminder_id: int) -> int:
    from .services.distribution import send_reminders

    return send_reminders(reminder_id).sent
