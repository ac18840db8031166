"""The short codes people type or scan: second factors for signing, rotating QR tokens, the online
session code. Codes are compared as HMACs under the secret key (``salted_hmac``), so a copy of the
database alone reveals none of them; comparisons take constant time.
"""

from __future__ import annotations

import secrets
import time

from django.utils.crypto import constant_time_compare, salted_hmac

# No 0/O, 1/I/L: people copy paper codes by hand. 8 of 31 symbols: about 2^40 values.
PAPER_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
PAPER_LENGTH = 8
EMAIL_DIGITS = 6
EMAIL_CODE_MINUTES = 10
MAX_FAILURES = 5  # wrong codes before a code is locked (a new e-mail code or paper code unlocks)
# QR codes on a screen change every QR_PERIOD seconds and stay valid for QR_GRACE periods more, so a
# photo sent to someone at home is useless a couple of minutes later.
QR_PERIOD = 30
QR_GRACE = 4
# The online session code, read out or shown during the session: changes every 10 minutes, the
# previous one still accepted (people type slowly).
SESSION_CODE_PERIOD = 600
SESSION_CODE_LENGTH = 6


def digest(purpose: str, value: str) -> str:
    return salted_hmac(f"netra.prevention.{purpose}", value, algorithm="sha256").hexdigest()


def matches(purpose: str, value: str, stored: str) -> bool:
    return constant_time_compare(digest(purpose, value), stored)


def new_paper_code() -> str:
    return "".join(secrets.choice(PAPER_ALPHABET) for _ in range(PAPER_LENGTH))


def new_email_code() -> str:
    return f"{secrets.randbelow(10**EMAIL_DIGITS):0{EMAIL_DIGITS}d}"


def normalise(code: str) -> str:
    """What people type: spaces, dashes, lower case, an O for a zero…"""
    text = "".join(ch for ch in str(code or "")[:64].upper() if ch.isascii() and ch.isalnum())
    digits = text.translate(str.maketrans("OIL", "011"))
    return digits if digits.isdigit() else text


def pretty(code: str) -> str:
    return f"{code[:4]}-{code[4:]}" if len(code) == PAPER_LENGTH else code


def _window(period: int, at: float | None) -> int:
    return int((time.time() if at is None else at) // period)


def _rotating(secret: str, window: int, length: int, alphabet: str) -> str:
    raw = salted_hmac(
        "netra.prevention.rotating", f"{secret}:{window}", algorithm="sha256"
    ).digest()
    return "".join(alphabet[b % len(alphabet)] for b in raw[:length])


def qr_token(secret: str, *, at: float | None = None) -> str:
    return _rotating(secret, _window(QR_PERIOD, at), 12, PAPER_ALPHABET)


def qr_token_valid(secret: str, token: str, *, at: float | None = None) -> bool:
    now = _window(QR_PERIOD, at)
    token = str(token or "")[:40]
    return any(
        constant_time_compare(token, _rotating(secret, now - k, 12, PAPER_ALPHABET))
        for k in range(QR_GRACE + 1)
    )


def session_code(secret: str, *, at: float | None = None) -> str:
    return _rotating(secret, _window(SESSION_CODE_PERIOD, at), SESSION_CODE_LENGTH, PAPER_ALPHABET)


def session_code_valid(secret: str, code: str, *, at: float | None = None) -> bool:
    now = _window(SESSION_CODE_PERIOD, at)
    code = normalise(code)
    return any(
        constant_time_compare(code, _rotating(secret, now - k, SESSION_CODE_LENGTH, PAPER_ALPHABET))
        for k in (0, 1)
    )
