"""The HTML pages without JavaScript: the steps, the receipt, following, and the officer side."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from netra.accounts.tests.factories import PASSWORD, analyst, bawaslu
from netra.audit.models import AuditEntry
from netra.cases.models import Case
from netra.reports.models import Evidence, Message, Report

from .conftest import UNDER_WAY, jpeg, snapshot

pytestmark = pytest.mark.django_db
URL = "/report/"


def step_data(**changes):
    today = timezone.localdate()
    data = {
        "idempotency_key": "k-1",
        "election": UNDER_WAY,
        "incident_date": (today - dt.timedelta(days=1)).isoformat(),
        "known_on": today.isoformat(),
        "province": "64",
        "regency": "64.72",
        "district": "64.72.01",
        "description": "Lurah shared a candidate's flyer in the RT WhatsApp group.",
        "person-TOTAL_FORMS": "1",
        "person-INITIAL_FORMS": "0",
        "person-0-name": "Andi",
        "person-0-nip": "",
        "person-0-position_title": "Lurah",
        "person-0-agency": "PEMKOT-64.72",
        "person-0-category": "pns",
        "anonymous": "1",
    }
    data.update(changes)
    return data


def test_the_first_step_renders_with_the_places_and_the_kind_panel(client):
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="province"' in html and "Kalimantan Timur" in html
    assert 'data-testid="kind-panel"' in html
    assert "<script>" not in html.split("</head>")[1]  # CSP: no inline scripts


def test_next_with_a_bad_step_shows_the_errors_on_that_step(client):
    page = client.post(URL, step_data(step="1", action="next", description=""))
    assert page.status_code == 400
    assert 'data-error-for="description"' in page.content.decode()


def test_a_late_date_is_flagged_right_after_the_first_step(client):
    old = (timezone.localdate() - dt.timedelta(days=40)).isoformat()
    page = client.post(URL, step_data(step="1", action="next", incident_date=old, known_on=old))
    html = page.content.decode()
    assert page.status_code == 200 and 'data-step="2"' in html
    assert 'data-kind="informasi_awal"' in html


def test_the_htmx_check_tells_at_once(client):
    old = (timezone.localdate() - dt.timedelta(days=40)).isoformat()
    panel = client.post("/report/check/", step_data(step="1", incident_date=old, known_on=old))
    assert 'data-kind="informasi_awal"' in panel.content.decode()


def test_places_partial_lists_the_children_of_the_choice(client):
    html = client.get("/report/places/", {"province": "64", "regency": "64.72"}).content.decode()
    assert "Samarinda Ulu" in html and 'value="64.72" selected' in html


def test_the_whole_journey_without_javascript(client, settings):
    data = step_data()
    for step in ("1", "2", "3"):
        page = client.post(URL, {**data, "step": step, "action": "next"})
        assert page.status_code == 200, page.content.decode()[:2000]
    files = [SimpleUploadedFile("a.jpg", jpeg(), "image/jpeg")]
    page = client.post(URL, {**data, "step": "4", "action": "submit", "files": files, "links": ""})
    assert page.status_code == 201
    html = page.content.decode()
    assert 'data-kind="informasi_awal"' in html
    code = html.split('data-testid="receipt-code">')[1].split("<")[0].replace(" ", "")
    assert len(code) == 16
    # A double click sends the same form again, with its hidden key and the same files: still one
    # report, same receipt (issue 14: a replay needs the same client and the same body).
    files = [SimpleUploadedFile("a.jpg", jpeg(), "image/jpeg")]
    again = client.post(URL, {**data, "step": "4", "action": "submit", "files": files, "links": ""})
    assert code in again.content.decode().replace(" ", "")
    assert Report.objects.count() == 1
    # Follow it.
    status = client.post("/report/follow/", {"receipt": code})
    assert status.status_code == 200 and 'data-testid="timeline"' in status.content.decode()
    sent = client.post(
        "/report/follow/message/",
        {"receipt": code, "body": "More: <i>see</i>", "idempotency_key": "x"},
    )
    assert sent.status_code == 400  # markup is refused...
    assert Message.objects.count() == 0
    ok = client.post(
        "/report/follow/message/", {"receipt": code, "body": "5 < 6", "idempotency_key": "y"}
    )
    assert "5 &lt; 6" in ok.content.decode()  # ...and text is shown escaped
    pdf = client.post("/report/receipt.pdf", {"receipt": code})
    assert pdf["Content-Type"] == "application/pdf"


def test_the_honeypot_stops_robots(client, settings):
    before = snapshot(settings.MEDIA_ROOT)
    page = client.post(URL, {**step_data(), "step": "4", "action": "submit", "website": "spam"})
    assert page.status_code == 400
    assert snapshot(settings.MEDIA_ROOT) == before


def test_unknown_receipt_on_the_follow_page(client):
    assert client.post("/report/follow/", {"receipt": "1234 5678 9012 3456"}).status_code == 404


@pytest.fixture
def filed(client):
    data = step_data(anonymous="0")
    data.update(name="Rina", nik="6472015003900001", address="Samarinda", phone="081234567890")
    files = [SimpleUploadedFile("a.jpg", jpeg(), "image/jpeg")]
    page = client.post(URL, {**data, "step": "4", "action": "submit", "files": files})
    assert page.status_code == 201
    return Report.objects.select_related("case").get()


def test_the_officer_sees_the_pseudonym_evidence_and_can_reply(client, filed):
    officer = bawaslu("kota", "64.72")
    client.force_login(officer)
    page = client.get(f"/cases/{filed.case.code}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert (
        filed.reporter_pseudonym in html and "Rina" not in html and "6472015003900001" not in html
    )
    evidence = Evidence.objects.get()
    preview = client.get(f"/cases/{filed.case.code}/evidence/{evidence.pk}/preview/")
    assert preview.status_code == 200 and preview["Content-Type"] == "image/jpeg"
    original = client.get(f"/cases/{filed.case.code}/evidence/{evidence.pk}/original/")
    assert original.status_code == 200 and "attachment" in original["Content-Disposition"]
    assert AuditEntry.objects.filter(action="evidence.downloaded").exists()
    reply = client.post(f"/cases/{filed.case.code}/reports/{filed.pk}/reply/", {"body": "Noted"})
    assert reply.status_code == 302
    assert Message.objects.get().side == "officer"


def test_the_reveal_through_the_pages(client, filed):
    asker, approver = bawaslu("asker", "64.72"), bawaslu("approver", "64")
    base = f"/cases/{filed.case.code}"
    client.force_login(asker)
    client.post(f"{base}/reports/{filed.pk}/identity/request/", {"reason": "Klarifikasi"})
    assert client.post(f"{base}/reports/{filed.pk}/identity/").status_code == 403
    client.force_login(approver)
    page = client.get(f"{base}/reports/").content.decode()  # the case's reports tab
    assert 'data-testid="reveal-to-decide"' in page
    reveal_id = filed.reveals.get().pk
    client.post(f"{base}/reveals/{reveal_id}/decide/", {"decision": "approve", "note": ""})
    client.force_login(asker)
    shown = client.post(f"{base}/reports/{filed.pk}/identity/")
    assert shown.status_code == 200 and "Rina" in shown.content.decode()


@pytest.mark.parametrize("who", ["outside", "analyst", "anonymous"])
def test_others_cannot_open_the_case_or_its_evidence(client, filed, who):
    if who == "outside":
        client.force_login(bawaslu("outside", "63"))
    elif who == "analyst":
        client.force_login(analyst())
    evidence = Evidence.objects.get()
    for url in (
        f"/cases/{filed.case.code}/",
        f"/cases/{filed.case.code}/evidence/{evidence.pk}/original/",
        f"/cases/{filed.case.code}/evidence/{evidence.pk}/preview/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert not response.get("Content-Type", "").startswith("image/")


def test_media_files_are_not_served_publicly(client, filed):
    evidence = Evidence.objects.get()
    assert client.get(f"/media/{evidence.file.name}").status_code == 404


def test_an_officer_records_a_temuan_with_evidence(client, settings):
    officer = bawaslu("patroli", "64.72")
    client.force_login(officer)
    assert client.get("/cases/temuan/new/").status_code == 200
    data = {k: v for k, v in step_data().items() if k != "anonymous"}
    data["description"] = "Cyber patrol: a PNS posted campaign material on Facebook."
    files = [SimpleUploadedFile("s.png", jpeg(), "image/jpeg")]
    response = client.post("/cases/temuan/new/", {**data, "action": "submit", "files": files})
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.origin == "temuan" and case.reports.get().submitted_by == officer
    assert Evidence.objects.get().preview


def test_public_users_cannot_record_a_temuan(client):
    assert client.get("/cases/temuan/new/").status_code == 302  # to the login page
    client.force_login(analyst())
    assert client.get("/cases/temuan/new/").status_code == 403


def test_login_works_with_factory_password(client):
    bawaslu("login", "64.72")
    assert client.login(username="login", password=PASSWORD)


def test_the_live_check_needs_only_the_election_and_the_date(client):
    old = (timezone.localdate() - dt.timedelta(days=40)).isoformat()
    panel = client.post(
        "/report/check/", {"step": "1", "election": "pemilu-2024", "known_on": old}
    ).content.decode()
    assert 'data-kind="informasi_awal"' in panel


@pytest.mark.parametrize(
    ("language", "label"), [("id", "Siapa yang terlibat"), ("en", "Who was involved")]
)
def test_the_steps_are_named_in_the_reporters_language(client, language, label):
    client.cookies["django_language"] = language
    assert label in client.get(URL).content.decode()
