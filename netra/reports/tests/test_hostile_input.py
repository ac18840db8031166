"""Hostile input on the reporting pages and API: every one a clear 4xx, nothing stored, never a 500.

Text that reads other than it is stored (bidi overrides, terminal escapes), tampered form counts, an
empty province, a NUL in a JSON string.
"""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netra.accounts.tests.factories import bawaslu
from netra.reports.forms import MAX_PERSONS
from netra.reports.models import Message, Report

from .conftest import payload, snapshot
from .test_pages import step_data

pytestmark = pytest.mark.django_db
API = "/api/v1/reports"
EN = {"Accept-Language": "en"}

BIDI_AND_CONTROL = [
    "\u202e",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u2066",
    "\u2069",
    "\x1b",
    "\x07",
    "\x85",
]


@pytest.fixture
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def post(client, body):
    return client.post(API, json.dumps(body), content_type="application/json", headers=EN)


# --- The API's report -----------------------------------------------------------------------------


def test_an_empty_province_is_a_field_error_not_an_assert(client, settings):
    before = snapshot(settings.MEDIA_ROOT)
    response = post(client, payload(province="", regency="", district=""))
    assert response.status_code == 422
    assert response.json()["errors"]["province"] == ["This field is required."]
    assert snapshot(settings.MEDIA_ROOT) == before


@pytest.mark.parametrize("character", BIDI_AND_CONTROL)
def test_bidi_and_control_characters_are_refused_in_names_and_descriptions(client, character):
    person = {**payload()["persons"][0], "name": f"Budi{character}Santoso"}
    response = post(client, payload(description=f"Seen {character}today.", persons=[person]))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert "text-direction character" in errors["description"][0]
    assert f"U+{ord(character):04X}" in errors["persons[0].name"][0]
    assert not Report.objects.exists()


def test_line_breaks_and_tabs_are_fine_in_a_description_but_not_in_a_name(client):
    ok = post(client, payload(description="Line one,\r\n\tline two."))
    assert ok.status_code == 201
    person = {**payload()["persons"][0], "name": "Budi\nSantoso"}
    refused = post(client, payload(persons=[person]))
    assert refused.status_code == 422
    assert refused.json()["errors"]["persons[0].name"] == [
        "Write this on one line, without tabs or line breaks."
    ]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    where=st.sampled_from(
        [
            ("election",),
            ("province",),
            ("description",),
            ("persons", 0, "name"),
            ("persons", 0, "nip"),
            ("persons", 0, "agency"),
            ("persons", 0, "category"),
            ("reporter", "nik"),
            ("reporter", "email"),
            ("links", 0),
        ]
    ),
    at=st.integers(min_value=0, max_value=40),
)
def test_a_nul_anywhere_in_the_json_is_a_400_in_the_api_shape(client, where, at):
    body = payload()
    node = body
    for step in where[:-1]:
        node = node[step]
    text = str(node[where[-1]])
    node[where[-1]] = text[:at] + "\x00" + text[at:]
    response = post(client, body)
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]
    assert not Report.objects.exists()


def test_a_nul_in_the_multipart_payload_is_refused_but_binary_files_are_not_scanned(client):
    pdf = b"%PDF-1.4\n\x00\x00\x01binary\x00\n%%EOF\n"
    files = [SimpleUploadedFile("scan.pdf", pdf, "application/pdf")]
    bad = payload(description="Seen \u0000 here")
    refused = client.post(API, {"payload": json.dumps(bad), "files": files}, headers=EN)
    assert refused.status_code == 400 and "NUL" in refused.json()["detail"]
    files = [SimpleUploadedFile("scan.pdf", pdf, "application/pdf")]
    accepted = client.post(API, {"payload": json.dumps(payload()), "files": files}, headers=EN)
    assert accepted.status_code == 201, accepted.content


def test_files_sent_as_text_are_refused(client):
    response = client.post(API, {"payload": json.dumps(payload()), "files": "{}"}, headers=EN)
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_messages_refuse_bidi_overrides_and_nul(client):
    receipt = post(client, payload()).json()["receipt"]
    url = "/api/v1/reports/messages"
    override = {"receipt": receipt, "body": "Invoice gpj\u202e.exe"}
    response = client.post(url, json.dumps(override), content_type="application/json", headers=EN)
    assert response.status_code == 422
    assert "U+202E" in response.json()["errors"]["body"][0]
    nul = {"receipt": receipt, "body": "a\u0000b"}
    response = client.post(url, json.dumps(nul), content_type="application/json", headers=EN)
    assert response.status_code == 400
    assert not Message.objects.exists()


# --- The HTML forms ---------------------------------------------------------------------------------


@pytest.mark.parametrize("total", ["abc", "-1", "99999999999", "1e3", " "])
def test_a_tampered_person_count_is_a_clear_400_on_the_report_form(english, total):
    data = step_data(step="2", action="add_person", **{"person-TOTAL_FORMS": total})
    page = english.post("/report/", data)
    if total.strip() == "":  # absent: one person, as on a fresh form
        assert page.status_code == 200
        return
    assert page.status_code == 400
    assert "impossible number of persons" in page.content.decode()


def test_a_missing_person_count_still_adds_a_person(english):
    data = step_data(step="2", action="add_person")
    del data["person-TOTAL_FORMS"]
    page = english.post("/report/", data)
    assert page.status_code == 200 and 'name="person-1-name"' in page.content.decode()


def test_a_huge_person_count_builds_no_more_forms_than_allowed(english):
    data = step_data(step="4", action="submit", **{"person-TOTAL_FORMS": "1000000"})
    page = english.post("/report/", data)
    assert page.status_code == 400
    # At most MAX_PERSONS forms of five fields (plus the management form), not 1,010 forms.
    assert page.content.decode().count('name="person-') <= 5 * MAX_PERSONS + 4
    assert not Report.objects.exists()


@pytest.mark.parametrize("total", ["abc", "-3", "5000"])
def test_a_tampered_person_count_is_a_clear_400_on_the_temuan_form(english, total):
    english.force_login(bawaslu("patroli", "64.72"))
    data = {k: v for k, v in step_data().items() if k != "anonymous"}
    data.update({"action": "add_person", "person-TOTAL_FORMS": total})
    page = english.post("/cases/temuan/new/", data)
    assert page.status_code == 400
    assert "impossible number of persons" in page.content.decode()


def test_the_report_form_refuses_a_bidi_override_in_the_description(english):
    data = step_data(step="1", action="next", description="Budi \u202eSantoso")
    page = english.post("/report/", data)
    assert page.status_code == 400
    assert "U+202E" in page.content.decode()


def test_the_temuan_form_refuses_an_escape_in_a_name(english):
    english.force_login(bawaslu("patroli", "64.72"))
    data = {k: v for k, v in step_data().items() if k != "anonymous"}
    data.update({"action": "submit", "person-0-name": "Andi\x1b[31m"})
    page = english.post("/cases/temuan/new/", data)
    assert page.status_code == 400
    assert "U+001B" in page.content.decode()
    assert not Report.objects.exists()


def test_the_follow_page_message_refuses_a_bidi_override(english):
    receipt = post(english, payload()).json()["receipt"]
    page = english.post(
        "/report/follow/message/", {"receipt": receipt, "body": "see \u2066this\u2069"}
    )
    assert page.status_code == 400
    assert "U+2066" in page.content.decode()
    assert not Message.objects.exists()


def test_a_nul_in_a_form_field_is_a_400_page_in_indonesian(client):
    page = client.post("/report/follow/", {"receipt": "1234\x005678"})
    assert page.status_code == 400
    assert "karakter NUL" in page.content.decode()
