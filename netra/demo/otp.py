"""The demo's second factor: Bawaslu officers must have one (netra/accounts/second_factor.py), so
the demo officers come enrolled, with a TOTP secret derived from the demo seed. Anyone who knows
the seed can compute their codes (``manage.py demo_otp <username>``): they are demo accounts with a
published password, nothing more."""

from __future__ import annotations

import hashlib
import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from netra.accounts.models import User
from netra.accounts.second_factor import AUTHENTICATOR

DEMO_DEVICE = f"{AUTHENTICATOR} (demo)"


def demo_key(seed: int, username: str) -> str:
    """A 20-byte TOTP secret, hex, the same for the same seed and account."""
    return hashlib.sha256(f"netra-demo-totp:{seed}:{username}".encode()).hexdigest()[:40]


def enrol(user: User, *, seed: int) -> TOTPDevice:
    TOTPDevice.objects.filter(user=user, name=DEMO_DEVICE).delete()  # a rebuilt world's account
    return TOTPDevice.objects.create(
        user=user, name=DEMO_DEVICE, key=demo_key(seed, user.username), confirmed=True
    )


def current_code(device: TOTPDevice, at: float | None = None) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"


def demo_device(username: str, *, seed: int) -> TOTPDevice | None:
    """The account's demo authenticator, only if it is exactly the one the demo builder made."""
    return TOTPDevice.objects.filter(
        user__username=username, name=DEMO_DEVICE, key=demo_key(seed, username), confirmed=True
    ).first()
