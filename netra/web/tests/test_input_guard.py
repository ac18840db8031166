"""A NUL or a control character anywhere in a request is a 400 with a plain message, decided in one
place (``InputGuardMiddleware``) before any form, view or database sees it; PostgreSQL used to answer
with a DataError (a 500). Binary uploads are not scanned."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from netra.accounts.tests import factories
from netra.accounts.tokens import issue_token
from netra.cases.tests.conftest import make_case
from netra.lib.input_guard import unsafe_text

pytestmark = pytest.mark.django_db
EN = {"Accept-Language": "en"}
ADDRESS = "The address contains a control character, which is never part of a Netra address."
NOT_TEXT = (
    "The request contains a NUL character or another character that is not text. "
    "Remove it and send again."
)


@pytest.fixture
def officer(db):
    return factories.bawaslu("bawaslu.kaltim", "64")


@pytest.fixture
def api(officer):
    token, _row = issue_token(user=officer, name="guard")
    return Client(headers={"Authorization": f"Bearer {token}", **EN})


@pytest.fixture
def officer_client(client, settings, officer):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(officer)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/regions/%00",
        "/api/v1/regions?parent=%00",
        "/api/v1/phases?date=2024-01-01%00",
        "/api/v1/reports/%00",
        "/api/v1/handling/cases?region=%00",
        "/api/v1/handling/cases/NTR%00",
        "/api/v1/registry/employees/search?q=%00",
        "/api/v1/regions?parent=64%1b",
        "/api/v1/regions?%00=1",
    ],
)
def test_the_api_answers_400_in_its_error_shape(api, url):
    response = api.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": ADDRESS}


@pytest.mark.parametrize(
    "url",
    [
        "/verify/%00/",
        "/report/places/?province=%00",
        "/report/places/?province=64%07",
        "/handling/?region=%00",
        "/handling/?agency=%00&status=all",
        "/registry/agencies/PEMKOT-64.72/?q=%00",
        "/cases/NTR%00/",
    ],
)
def test_pages_answer_400_with_the_message(officer_client, url):
    response = officer_client.get(url)
    assert response.status_code == 400
    assert ADDRESS in response.content.decode()
    assert "Content-Security-Policy" in response  # the page keeps the site's headers


def test_nul_in_staff_json_bodies_is_refused(api, officer):
    case = make_case(region="64.72.01")
    other = make_case(region="64.72.01")
    base = f"/api/v1/handling/cases/{case.code}"
    bodies = {
        "merge": {"other_codes": [f"{other.code}\u0000"], "reason": "Same event."},
        "hand-over": {"direction": "down", "to_code": "64.72", "reason": "x\u0000"},
        "transitions": {"action": "start_review", "note": "\u0000"},
        "split": {"person_nips": ["\u0000"], "reason": "x"},
        "decision": {"decided_on": "2025-01-15", "findings": [{"nip": "\u0000", "proven": True}]},
    }
    for endpoint, body in bodies.items():
        response = api.post(f"{base}/{endpoint}", json.dumps(body), content_type="application/json")
        assert response.status_code == 400, endpoint
        assert response.json() == {"detail": NOT_TEXT}
    # A key may carry it too, and a lone surrogate is no more text than a NUL.
    for raw in (
        '{"reason\\u0000": "x", "direction": "up"}',
        '{"direction": "up", "reason": "\\udc00"}',
    ):
        response = api.post(f"{base}/hand-over", raw, content_type="application/json")
        assert response.status_code == 400
    case.refresh_from_db()
    assert case.merged_into is None and case.jurisdiction_code == "64.72"


def test_nul_in_a_form_field_or_a_file_name_is_refused_not_in_file_contents(officer_client):
    response = officer_client.post("/report/follow/", {"receipt": "1234\x00"})
    assert response.status_code == 400 and NOT_TEXT in response.content.decode()
    response = officer_client.post("/report/", {"step": "1", "description\x00": "x"})
    assert response.status_code == 400
    named = SimpleUploadedFile("scan\x01.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    response = officer_client.post("/report/", {"step": "4", "action": "submit", "files": [named]})
    assert response.status_code == 400
    binary = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n\x00\x00\x00\n%%EOF\n", "application/pdf")
    response = officer_client.post("/report/", {"step": "1", "action": "next", "files": [binary]})
    assert response.status_code != 400 or NOT_TEXT not in response.content.decode()


def test_the_message_is_in_indonesian_by_default():
    response = Client().get("/api/v1/regions/%00")
    assert response.status_code == 400
    assert "karakter kontrol" in response.json()["detail"]


def test_an_unknown_api_address_is_a_json_404():
    response = Client().get("/api/v1/regions/a%2Fb")
    assert response.status_code == 404 and response.json() == {"detail": "Not Found"}
    assert Client().get("/no-such-page/").status_code == 404


@pytest.mark.parametrize(
    ("text", "multiline", "found"),
    [
        ("Budi Santoso", False, None),
        ("line one\r\n\tline two", True, None),
        ("line one\nline two", False, "\n"),
        ("gpj\u202e.exe", True, "\u202e"),
        ("\u2066isolate\u2069", True, "\u2066"),
        ("red \x1b[31m", True, "\x1b"),
        ("C1 \x9b control", True, "\x9b"),
        ("Lurah Rawa Makmur – “kampanye”", False, None),
        ("اللغة العربية", False, None),  # right-to-left script itself is fine
    ],
)
def test_what_counts_as_unsafe_in_free_text(text, multiline, found):
    assert unsafe_text(text, multiline=multiline) == found
