"""A person logs in with each role and lands on that role's home page (Playwright, Debian Chromium)."""

import pytest

from netra.accounts.tests import factories
from netra.accounts.tests.login import type_code_if_asked

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = [
    (
        lambda: factories.bawaslu("bawaslu.samarinda", "64.72"),
        "bawaslu_officer",
        "Bawaslu Kota Samarinda",
    ),
    (lambda: factories.bawaslu("bawaslu.ri"), "bawaslu_officer", "Bawaslu RI"),
    (factories.analyst, "authority_analyst", "Badan Kepegawaian Negara"),
    (lambda: factories.personnel("ppk.samarinda"), "agency_personnel", "Pemerintah Kota Samarinda"),
    (
        lambda: factories.agency_admin("admin.samarinda"),
        "agency_admin",
        "Pemerintah Kota Samarinda",
    ),
    (factories.system_admin, "system_admin", "Netra"),
]


@pytest.mark.parametrize(
    ("make_user", "home", "office"), ROLES, ids=[r[1] + "-" + r[2] for r in ROLES]
)
def test_each_role_logs_in_to_its_own_home_page(
    live_server, page, reference_data, make_user, home, office
):
    user = make_user()
    page.goto(f"{live_server.url}/accounts/login/")
    # Bahasa Indonesia is the default language.
    assert page.locator("h1").inner_text() == "Masuk petugas"
    page.fill("#id_username", user.username)
    page.fill("#id_password", factories.PASSWORD)
    page.click("button[type=submit].primary")
    type_code_if_asked(page, user.username)  # Bawaslu officers: the second factor
    page.wait_for_url(f"{live_server.url}/home/")
    assert page.locator(f"h1[data-home='{home}']").count() == 1
    assert office in page.locator("[data-testid=who]").inner_text()


def test_a_wrong_password_keeps_the_person_on_the_login_page(live_server, page, reference_data):
    factories.analyst()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "bkn")
    page.fill("#id_password", "salah")
    page.click("button[type=submit].primary")
    assert page.locator("[role=alert]").is_visible()
    assert page.url.startswith(f"{live_server.url}/accounts/login/")


def test_english_is_one_click_away(live_server, page, reference_data):
    page.goto(f"{live_server.url}/accounts/login/")
    page.click("button[name=language][value=en]")
    assert page.locator("h1").inner_text() == "Staff login"
