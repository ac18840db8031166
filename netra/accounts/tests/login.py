"""Logging staff in for tests, second factor included.

- ``StaffClient`` is the test client of every test (the ``client`` fixture in conftest.py): its
  ``force_login`` and ``login`` also pass the second factor of an enrolled account, as the real
  login would after the code page; ``force_login(user, verified=False)`` stops before it.
- ``log_in(page, base_url, username)`` logs in through the browser, typing the current code from
  the account's authenticator when the code page comes.
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth import authenticate
from django.test import Client, RequestFactory
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from netra.accounts.models import User

from .factories import PASSWORD


def enrol(user: User) -> TOTPDevice:
    """A confirmed authenticator with a random secret (tests read it back to make codes)."""
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def current_code(user: User, device: TOTPDevice | None = None) -> str:
    """The code the user's app shows now (for ``device``, else the confirmed one); the next step's
    code if this step's was used already (django-otp refuses a code twice, accepts one ahead)."""
    device = TOTPDevice.objects.get(pk=device.pk) if device else None
    device = device or TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time += device.step
    return f"{totp.token():0{device.digits}d}"


class StaffClient(Client):
    def force_login(self, user: Any, backend: str | None = None, *, verified: bool = True) -> None:
        super().force_login(user, backend)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if verified and device is not None:
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    def login(self, **credentials: Any) -> bool:
        """Django's ``login`` passes no request, which django-axes refuses: pass one."""
        request = RequestFactory().post("/accounts/login/")
        user = authenticate(request, **credentials)
        if user is None:
            return False
        self.force_login(user, "django.contrib.auth.backends.ModelBackend")
        return True


def log_in(page: Any, base_url: str, username: str, password: str = PASSWORD) -> None:
    """Through the login page and, for an enrolled account, the code page."""
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit].primary")
    type_code_if_asked(page, username)


def type_code_if_asked(page: Any, username: str) -> None:
    """After the password: on the code page, type the account's current code."""
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    if "/accounts/otp/" in page.url:
        page.fill("#id_otp_token", current_code(User.objects.get(username=username)))
        page.click("main button[type=submit].primary")
        page.wait_for_url(lambda url: "/accounts/otp/" not in url)
