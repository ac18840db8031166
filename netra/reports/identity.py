"""The reporter's identity, encrypted at rest with Fernet; the key never goes into the database.

``NETRA_IDENTITY_KEY`` may hold several comma-separated keys: the first encrypts, all decrypt, so a key
can be rotated (re-encrypt with ``MultiFernet.rotate``) without losing older reports.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings

from .keys import key_from

FIELDS = ("name", "nik", "address", "phone", "email")


@cache
def _fernet(env_value: str, key_file: str) -> MultiFernet:
    keys = key_from(env_value, Path(key_file), lambda: Fernet.generate_key().decode())
    return MultiFernet([Fernet(k.strip().encode()) for k in keys.split(",") if k.strip()])


def fernet() -> MultiFernet:
    return _fernet(settings.NETRA_IDENTITY_KEY, str(settings.NETRA_IDENTITY_KEY_FILE))


def seal(identity: dict[str, str]) -> str:
    data = {f: identity.get(f, "") for f in FIELDS}
    return fernet().encrypt(json.dumps(data, ensure_ascii=False).encode()).decode()


def unseal(token: str) -> dict[str, str]:
    return json.loads(fernet().decrypt(token.encode()))


def seal_text(text: str) -> str:
    return fernet().encrypt(text.encode()).decode()


def unseal_text(token: str) -> str:
    return fernet().decrypt(token.encode()).decode()
