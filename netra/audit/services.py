"""The one way to write the audit trail. Services call ``record`` inside their own transaction.

Make it the transaction's last write: on PostgreSQL, appending to the chain takes a lock that is
held until the transaction ends, and other services' appends wait for it (docs/audit.md).
"""

from __future__ import annotations

from typing import Any

from django.db import models

from .models import AuditEntry


def record(
    *,
    actor: Any = None,
    actor_label: str = "",
    action: str,
    target: models.Model,
    summary: str = "",
    **data: Any,
) -> AuditEntry:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_label=actor_label or (user.get_username() if user else "public"),
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        summary=summary[:300],
        data=data,
    )
