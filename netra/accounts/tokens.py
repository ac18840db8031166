"""Bearer tokens for the staff API: random, shown once, stored as SHA-256 only."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.utils import timezone

from netra.audit.services import record

from .models import ApiToken

PREFIX = "ntr_"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(*, user: Any, name: str) -> tuple[str, ApiToken]:
    token = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(user=user, name=name, prefix=token[:8], key_digest=_digest(token))
    record(
        actor_label="command:create_api_token", action="api_token.issued", target=row, user=user.pk
    )
    return token, row


def user_for_token(token: str) -> Any | None:
    if not token.startswith(PREFIX) or len(token) > 100:
        return None
    row = (
        ApiToken.objects.select_related("user", "user__region")
        .filter(key_digest=_digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if row is None:
        return None
    now = timezone.now()
    if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user
