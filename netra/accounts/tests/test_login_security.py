"""Staff login: lockout, second factor, password reset, HTTPS-only cookies (issue 14, item 4)."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from netra.accounts import second_factor
from netra.accounts.tests import factories
from netra.accounts.tests.login import current_code, enrol
from netra.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
LOGIN = "/accounts/login/"


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


# --- Lockout ----------------------------------------------------------------------------------


def test_after_five_wrong_passwords_even_the_right_one_is_refused(client):
    factories.analyst("bkn")
    for _ in range(4):
        response = client.post(LOGIN, {"username": "bkn", "password": "salah"})
        assert response.status_code == 200 and not is_logged_in(client)
    assert client.post(LOGIN, {"username": "bkn", "password": "salah"}).status_code == 429
    response = client.post(LOGIN, {"username": "bkn", "password": factories.PASSWORD})
    assert response.status_code == 429 and not is_logged_in(client)
    assert "Terlalu banyak percobaan masuk yang gagal" in response.text
    assert "15 menit" in response.text
    # authenticate() itself refuses, whatever page calls it (the admin's included).
    request = RequestFactory().post(LOGIN, REMOTE_ADDR="127.0.0.1")
    assert authenticate(request, username="bkn", password=factories.PASSWORD) is None


def test_the_lockout_is_per_username_and_address_and_ends_after_the_cool_off(client):
    factories.analyst("bkn")
    for _ in range(5):
        client.post(LOGIN, {"username": "bkn", "password": "salah"})
    elsewhere = {"REMOTE_ADDR": "198.51.100.9"}
    response = client.post(LOGIN, {"username": "bkn", "password": factories.PASSWORD}, **elsewhere)
    assert response.status_code == 302 and is_logged_in(client)
    client.logout()
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    response = client.post(LOGIN, {"username": "bkn", "password": factories.PASSWORD})
    assert response.status_code == 302 and is_logged_in(client)


# --- Second factor ------------------------------------------------------------------------------


def test_an_officer_sees_no_page_before_the_second_factor(client):
    officer = factories.bawaslu("petugas", "64.72")
    client.force_login(officer, verified=False)
    for url in ("/home/", "/cases/", "/registry/agencies/PEMKOT-64.72/", "/admin/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/otp/?next="), url
    # The API does not count a half-finished login (bearer tokens are another matter).
    assert client.get("/api/v1/handling/cases").status_code == 401

    response = client.post("/accounts/otp/", {"otp_token": "000000", "next": "/cases/"})
    assert response.status_code == 400 and "Kode itu salah" in response.text
    # django-otp's throttle: right after a wrong code even the right one waits (1 s, doubling).
    code = {"otp_token": current_code(officer), "next": "/cases/"}
    response = client.post("/accounts/otp/", code)
    assert response.status_code == 400 and "Terlalu banyak kode salah" in response.text
    TOTPDevice.objects.filter(user=officer).update(
        throttling_failure_timestamp=timezone.now() - dt.timedelta(seconds=5)
    )
    response = client.post("/accounts/otp/", code)
    assert response.status_code == 302 and response["Location"] == "/cases/"
    assert client.get("/cases/").status_code == 200


def test_the_password_login_leads_an_officer_to_the_code_page(client):
    factories.bawaslu("petugas", "64.72")
    response = client.post(LOGIN, {"username": "petugas", "password": factories.PASSWORD})
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response["Location"] == "/accounts/otp/?next=/home/"


def test_an_officer_without_an_authenticator_must_set_one_up(client):
    officer = factories.make_user("baru", "bawaslu_officer", region="64.72", office_level="regency")
    client.force_login(officer)
    response = client.get("/home/")
    assert response["Location"] == "/accounts/otp/setup/?next=/home/"
    page = client.get(response["Location"])
    assert page.status_code == 200 and "<svg" in page.text  # the QR code
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    assert page.context["secret"].replace(" ", "") in device.config_url

    response = client.post(
        "/accounts/otp/setup/", {"otp_token": current_code(officer, device), "next": "/home/"}
    )
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/home/").status_code == 200
    assert AuditEntry.objects.filter(action="account.second_factor_enrolled").count() == 1


def test_a_backup_code_works_once(client):
    officer = factories.bawaslu("petugas", "64.72")
    codes = second_factor.new_backup_codes(user=officer)
    client.force_login(officer, verified=False)
    assert client.post("/accounts/otp/", {"otp_token": codes[0].upper()}).status_code == 302
    client.logout()
    client.force_login(officer, verified=False)
    assert client.post("/accounts/otp/", {"otp_token": codes[0]}).status_code == 400
    assert StaticToken.objects.filter(device__user=officer).count() == 9


def test_replacing_the_authenticator_needs_the_second_factor_first(client):
    officer = factories.bawaslu("petugas", "64.72")
    client.force_login(officer, verified=False)
    response = client.get("/accounts/otp/setup/")
    assert response["Location"].startswith("/accounts/otp/?next=")


def test_the_second_factor_is_optional_for_other_roles_until_they_enrol(client):
    analyst = factories.analyst("bkn")
    client.force_login(analyst, verified=False)
    assert client.get("/home/").status_code == 200
    enrol(analyst)
    assert client.get("/home/")["Location"].startswith("/accounts/otp/")


# --- Password reset -----------------------------------------------------------------------------


@pytest.fixture
def outbox(settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    mail.outbox = []
    return mail.outbox


def test_a_password_reset_by_e_mail(client, outbox):
    user = factories.personnel("ppk")
    user.email = "ppk@samarinda.test"
    user.save()
    response = client.post("/accounts/password-reset/", {"email": "ppk@samarinda.test"})
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert len(outbox) == 1
    message = outbox[0]
    assert message.to == ["ppk@samarinda.test"] and "sandi baru" in message.subject
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body)
    assert link is not None

    form_url = client.get(link.group(1))["Location"]  # Django hides the token behind a redirect
    new = "sandi-baru-yang-panjang-9"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response["Location"] == "/accounts/reset/done/"
    user.refresh_from_db()
    assert user.check_password(new)
    assert AuditEntry.objects.filter(action="account.password_reset", actor=user).exists()
    assert client.get(link.group(1)).status_code == 200  # used: the page says so
    assert "tidak berlaku lagi" in client.get(link.group(1)).text


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, outbox):
    response = client.post("/accounts/password-reset/", {"email": "siapa@entah.test"})
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert outbox == []


# --- HTTPS --------------------------------------------------------------------------------------


def security_settings(tmp_path: Path, **env: str) -> list[str]:
    names = (
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "LANGUAGE_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SECURE_SSL_REDIRECT",
    )
    code = f"from netra import settings as s; print(*[getattr(s, n) for n in {names!r}])"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SECURE")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "NETRA_VAR_DIR": str(tmp_path), **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


def test_secure_cookies_bring_hsts_and_the_redirect_stays_off(tmp_path):
    assert security_settings(tmp_path) == ["False", "False", "False", "0", "False"]
    on = security_settings(tmp_path, SECURE_COOKIES="true")
    assert on == ["True", "True", "True", "31536000", "False"]
    redirect = security_settings(tmp_path, SECURE_COOKIES="1", SECURE_SSL_REDIRECT="1")
    assert redirect[-1] == "True"


def test_hsts_is_sent_on_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    assert "max-age=31536000" in client.get("/", secure=True)["Strict-Transport-Security"]


def test_a_wrong_password_is_said_once_in_plain_indonesian(client):
    from netra.accounts.tests import factories

    factories.bawaslu("salah", "64.72")
    page = client.post("/accounts/login/", {"username": "salah", "password": "bukan-ini"})
    text = page.content.decode()
    assert "Masukkan nama pengguna dan kata sandi yang benar" in text
    assert "nama pengguna nama pengguna" not in text
