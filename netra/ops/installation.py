"""This database's installation record, and whether the configured keys belong with it.

A database restored next to the wrong key files (another installation's, or freshly generated ones)
would accept new reports while every older receipt and sealed identity stays unreadable. The check
values written at the first ``migrate`` tell at once: ``manage.py preflight`` and the readiness
endpoint refuse, ``manage.py restore`` refuses before switching anything.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from cryptography.fernet import InvalidToken
from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone

from netra.reports import identity, receipts

from .models import Installation


def _expected(installation_id: object) -> str:
    return f"netra-installation:{installation_id}"


def check_values(installation_id: object) -> tuple[str, str]:
    """(identity check, receipt check) under the keys configured now."""
    return (
        identity.seal_text(_expected(installation_id)),
        receipts.keyed_digest("installation", str(installation_id)),
    )


def ensure_installation(using: str = DEFAULT_DB_ALIAS) -> Installation:
    row = Installation.objects.using(using).first()
    if row is not None:
        return row
    row = Installation(created_at=timezone.now())
    row.identity_check, row.receipt_check = check_values(row.installation_id)
    row.save(using=using)
    return row


def ensure_installation_after_migrate(*, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    ensure_installation(using)


def key_problems_for(installation_id: object, identity_check: str, receipt_check: str) -> list[str]:
    """What is wrong with the configured keys for the installation with these check values."""
    found = []
    try:
        opened = identity.unseal_text(identity_check)
    except InvalidToken:
        opened = None
    if opened != _expected(installation_id):
        found.append(
            f"The identity key does not open installation {installation_id}'s check value: it "
            f"belongs to another installation, so no sealed identity of this database can be read. "
            f"Configure this installation's identity key (docs/deploy.md, 'Keys')."
        )
    expected = receipts.keyed_digest("installation", str(installation_id))
    if not hmac.compare_digest(expected, receipt_check):
        found.append(
            f"The receipt key does not match installation {installation_id}: no receipt of this "
            f"database would open its report. Configure this installation's receipt key "
            f"(docs/deploy.md, 'Keys')."
        )
    return found


def key_problems(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    row = Installation.objects.using(using).first()
    if row is None:
        return ["The database has no installation record: run `manage.py migrate` first."]
    return key_problems_for(row.installation_id, row.identity_check, row.receipt_check)


def configured_keys() -> dict[str, str]:
    """The raw identity and receipt keys as configured (environment, else key file)."""
    from pathlib import Path

    from django.conf import settings

    def raw(value: str, path: object) -> str:
        return value or Path(str(path)).read_text().strip()

    return {
        "identity": raw(settings.NETRA_IDENTITY_KEY, settings.NETRA_IDENTITY_KEY_FILE),
        "receipt": raw(settings.NETRA_RECEIPT_KEY, settings.NETRA_RECEIPT_KEY_FILE),
    }


def fingerprint(material: str) -> str:
    """A short one-way fingerprint of a key, for manifests and messages (never the key itself)."""
    return hashlib.sha256(b"netra-key-fingerprint:" + material.encode()).hexdigest()[:16]


def key_fingerprints() -> dict[str, str]:
    return {which: fingerprint(value) for which, value in configured_keys().items()}
