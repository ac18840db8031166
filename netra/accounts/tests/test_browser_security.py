"""Staff login in the browser: a second factor set up and used, and a lockout (issue 14, item 4)."""

from __future__ import annotations

import base64
import time

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from netra.accounts.tests import factories
from netra.accounts.tests.login import type_code_if_asked

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_for(secret: str) -> str:
    """What an authenticator app computes from the key shown on the set-up page."""
    totp = TOTP(base64.b32decode(secret.replace(" ", "")))
    totp.time = time.time()
    return f"{totp.token():06d}"


def submit_login(page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit].primary")


def test_an_officer_sets_up_a_second_factor_then_logs_in_with_it(live_server, page, reference_data):
    factories.make_user("petugas", "bawaslu_officer", region="64.72", office_level="regency")
    submit_login(page, live_server.url, "petugas", factories.PASSWORD)
    # No page before the second factor: the officer is sent to set one up.
    page.wait_for_url("**/accounts/otp/setup/**")
    page.goto(f"{live_server.url}/cases/")
    page.wait_for_url("**/accounts/otp/setup/**")
    expect(page.locator("[data-testid=otp-qr] svg")).to_be_visible()
    secret = page.locator("[data-testid=otp-secret]").inner_text()
    page.fill("#id_otp_token", code_for(secret))
    page.click("main button[type=submit].primary")
    expect(page.locator("[data-testid=backup-codes] li")).to_have_count(10)
    page.click("text=Sudah saya simpan: lanjutkan")
    page.wait_for_url(f"{live_server.url}/cases/")

    # The next login asks for the code from the app.
    page.click("header button:text('Keluar')")
    submit_login(page, live_server.url, "petugas", factories.PASSWORD)
    page.wait_for_url("**/accounts/otp/**")
    assert page.locator("h1").inner_text() == "Kode verifikasi"
    type_code_if_asked(page, "petugas")
    page.wait_for_url(f"{live_server.url}/home/")
    assert page.locator("h1[data-home='bawaslu_officer']").count() == 1


def test_after_five_wrong_passwords_the_right_one_is_refused(live_server, page, reference_data):
    factories.analyst("bkn")
    for _ in range(5):
        submit_login(page, live_server.url, "bkn", "salah")
        expect(page.locator("[role=alert]")).to_be_visible()
    submit_login(page, live_server.url, "bkn", factories.PASSWORD)
    expect(page.locator("[data-testid=locked-out]")).to_contain_text("Coba lagi dalam 15 menit")
    assert page.url.startswith(f"{live_server.url}/accounts/login/")
    page.goto(f"{live_server.url}/home/")
    assert page.url.startswith(f"{live_server.url}/accounts/login/")  # not logged in
