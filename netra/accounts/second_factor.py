"""The second factor of a staff login: a TOTP authenticator app (RFC 6238) plus one-time backup codes.

Built on django-otp (its TOTP and static-token devices, its verification with replay protection
and throttling, and its session marker ``user.is_verified()``) rather than on a larger package:
django-two-factor-auth brings its own multi-step login wizard, phone-number fields and templates,
and patches the admin; django-allauth replaces the whole account system. Netra keeps Django's
login page and adds one step after it (``SecondFactorMiddleware``); the pages are its own, in
Bahasa Indonesia, and the QR code is drawn with segno, already a dependency. No cryptography is
written here: secrets, codes and their checks are django-otp's.

Who must: the roles in ``NETRA_OTP_REQUIRED_ROLES`` (Bawaslu officers, who can approve revealing a
reporter's identity). Anyone else may enrol, and is then asked at every login too.
"""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from netra.audit.services import record

AUTHENTICATOR = "authenticator"
BACKUP = "backup"
BACKUP_CODE_COUNT = 10


def is_required(user: Any) -> bool:
    return bool(getattr(user, "role", "") in settings.NETRA_OTP_REQUIRED_ROLES)


def has_authenticator(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def has_any_device(user: Any) -> bool:
    """An authenticator, or backup codes left: then every login asks for one of them."""
    return (
        has_authenticator(user)
        or StaticToken.objects.filter(device__user=user, device__confirmed=True).exists()
    )


def must_verify(user: Any) -> bool:
    """Whether this login needs a second factor before any staff page."""
    return is_required(user) or has_any_device(user)


def normalise(token: str) -> str:
    """Codes are typed with spaces or dashes now and then; backup codes are lower case."""
    return "".join(ch for ch in token if ch.isalnum()).lower()


def verify(user: Any, token: str) -> Device | None:
    """The device (authenticator or backup codes) that accepts ``token``, or None. Each check goes
    through django-otp's ``verify_token``: one device at a time, locked, throttled, no replay."""
    token = normalise(token)
    if not token:
        return None
    # An app's code is six digits, a backup code eight letters and digits: try only the kind of
    # device the code can belong to, so a backup code does not count as a wrong app code.
    kind = TOTPDevice if token.isdigit() and len(token) <= 8 else StaticDevice
    for device in list(devices_for_user(user)):
        if isinstance(device, kind):
            verified = verify_token(user, device.persistent_id, token)
            if verified is not None:
                return verified
    return None


def is_throttled(user: Any) -> bool:
    """django-otp is holding back checks after recent wrong codes (1 s, doubling each time)."""
    return any(not device.verify_is_allowed()[0] for device in devices_for_user(user))


def pending_authenticator(user: Any) -> TOTPDevice:
    """The unconfirmed authenticator being set up (a fresh random secret the first time)."""
    device = TOTPDevice.objects.filter(user=user, name=AUTHENTICATOR, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The ``otpauth://`` address as an inline SVG QR code, for the authenticator app to scan."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=2)


def base32_secret(device: TOTPDevice) -> str:
    """The secret for typing in by hand, in groups of four."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def confirm_authenticator(*, user: Any, device: TOTPDevice, token: str) -> bool:
    """Confirm the pending ``device`` with a first code from the app; it replaces any earlier one."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        if not device.verify_token(normalise(token)):
            return False
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save()
        record(actor=user, action="account.second_factor_enrolled", target=user)
    return True


def new_backup_codes(*, user: Any) -> list[str]:
    """Ten fresh one-time codes; earlier ones stop working. Shown once, never again."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name=BACKUP, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
        record(actor=user, action="account.backup_codes_issued", target=user)
    return codes


def backup_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
