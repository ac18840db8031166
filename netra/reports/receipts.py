"""Receipt codes: 16 random digits, read aloud in groups of four, stored only as an HMAC.

The code is the reporter's only key to their report (no account), so it comes from ``secrets`` and the
database holds ``HMAC-SHA256(receipt key, code)``: a stolen database does not give the codes, and a
lookup is one indexed equality on the digest, so its timing says nothing about how close a guess was.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from functools import cache

from django.conf import settings

from .keys import key_from

DIGITS = 16
_NOT_DIGIT = re.compile(r"[\s\-.]")


@cache
def _key(env_value: str, key_file: str) -> bytes:
    from pathlib import Path

    return key_from(env_value, Path(key_file), lambda: secrets.token_hex(32)).encode()


def _receipt_key() -> bytes:
    return _key(settings.NETRA_RECEIPT_KEY, str(settings.NETRA_RECEIPT_KEY_FILE))


def new_code() -> str:
    return f"{secrets.randbelow(10**DIGITS):0{DIGITS}d}"


def pretty(code: str) -> str:
    """``1234 5678 9012 3456``: easy to read aloud and to copy by hand."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalize(text: object) -> str | None:
    """The 16 digits of a typed code (spaces and dashes allowed), or None if it cannot be one."""
    digits = _NOT_DIGIT.sub("", str(text or ""))
    if len(digits) != DIGITS or not digits.isascii() or not digits.isdigit():
        return None
    return digits


def digest(code: str) -> str:
    return hmac.new(_receipt_key(), code.encode(), hashlib.sha256).hexdigest()


def keyed_digest(purpose: str, value: str) -> str:
    """An HMAC for other client-chosen values (idempotency keys), separated by purpose."""
    return hmac.new(_receipt_key(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()
