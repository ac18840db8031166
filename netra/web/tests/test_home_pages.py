"""Home pages are role-specific and scoped; anonymous visitors are sent to log in."""

import pytest

from netra.accounts.tests import factories

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get("/home/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_public_home_lists_the_elections(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Pilkada Serentak 2024" in response.text


def test_an_account_without_role_is_refused_politely(client, django_user_model):
    user = django_user_model.objects.create_user("norole", password="x-y-z-123")
    client.force_login(user)
    assert client.get("/home/").status_code == 403


@pytest.mark.parametrize(
    ("make_user", "marker"),
    [
        (factories.bawaslu, "bawaslu_officer"),
        (factories.analyst, "authority_analyst"),
        (factories.personnel, "agency_personnel"),
        (factories.agency_admin, "agency_admin"),
        (factories.system_admin, "system_admin"),
    ],
)
def test_each_role_gets_its_home(client, make_user, marker):
    client.force_login(make_user())
    response = client.get("/home/")
    assert response.status_code == 200
    assert f'data-home="{marker}"' in response.text


def test_system_admin_home_shows_the_region_counts(client):
    client.force_login(factories.system_admin())
    text = client.get("/home/").text
    for count in ("38", "514", "7285"):
        assert count in text.replace(".", "").replace(",", "")


def test_pages_are_indonesian_even_for_an_english_browser(client):
    response = client.get("/accounts/login/", headers={"accept-language": "en-US,en;q=0.9"})
    assert "Masuk petugas" in response.text


def test_english_is_kept_once_chosen(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert "Staff login" in client.get("/accounts/login/").text


def test_the_api_follows_accept_language(client):
    indonesian = client.get("/api/v1/regions/99")
    english = client.get("/api/v1/regions/99", headers={"accept-language": "en"})
    assert indonesian.status_code == english.status_code == 404
    assert indonesian.json()["detail"] == "Wilayah 99 tidak ada."
    assert english.json()["detail"] == "Region 99 does not exist."
