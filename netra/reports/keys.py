"""Secrets that must never be in the database: from the environment, else a key file.

Outside production a missing file is generated once (``python -m netra.prepare`` normally did it
already). In production it never is: a new key would make every sealed identity and stored receipt
of the database unreadable, so a missing key is an error (settings refuse to start before this).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def key_from(env_value: str, key_file: Path, make: Any) -> str:
    """``env_value`` if set, else the content of ``key_file``, created with ``make()`` the first time."""
    if env_value:
        return env_value
    if not key_file.exists():
        if getattr(settings, "PRODUCTION", False):
            raise ImproperlyConfigured(
                f"The key file {key_file} is missing (docs/deploy.md, 'Keys')."
            )
        key_file.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: two workers starting together cannot both write a different key.
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(make())
    return key_file.read_text().strip()
