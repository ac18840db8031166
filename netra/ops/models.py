"""Operational records: which installation this database is, which workers are alive, what the
schedule has already enqueued. None of them holds personal data."""

from __future__ import annotations

import uuid

from django.db import models


class Installation(models.Model):
    """One row: this database's identity and a check of the keys that belong with it.

    The identity and receipt keys are kept outside the database (docs/deploy.md, 'Keys'), and the
    database is useless without them. ``identity_check`` is a Fernet token only the right identity
    key opens, ``receipt_check`` an HMAC only the right receipt key reproduces: ``manage.py
    preflight``, readiness and ``manage.py restore`` compare the configured keys with them, so keys
    from another installation are refused before a single receipt fails to open.
    """

    installation_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField()
    identity_check = models.TextField()
    receipt_check = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"installation {self.installation_id}"


class WorkerHeartbeat(models.Model):
    """A task worker (``manage.py worker``) says it is alive every few seconds."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)
    stopped_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"worker {self.worker_id} on {self.hostname}"


class ScheduledRun(models.Model):
    """A periodic job enqueued for one time slot: the unique pair makes it once per slot, whatever
    the number of workers that notice the slot has come (netra/ops/schedule.py)."""

    job = models.CharField(max_length=60)
    slot = models.CharField(max_length=30)
    enqueued_at = models.DateTimeField()
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="scheduled_once")]

    def __str__(self) -> str:
        return f"{self.job} {self.slot}"
