"""The pages, public and staff: each answers, refuses with a 4xx and a message, and renders PDFs."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from netra.accounts.tests import factories
from netra.prevention import codes, documents
from netra.prevention.models import EventMaterial, IntegrityPact, PactSignature, SocializationEvent

from .conftest import employee, give_code, make_event, make_pact
from .test_events import PDF

pytestmark = pytest.mark.django_db


def test_the_guide_answers_and_cites_articles(client):
    page = client.get(reverse("prevention:guide"), {"q": "berfoto dengan calon"})
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-key="foto-bersama-calon"' in text and "KE-05" in text and "DS-07" in text
    assert "PP 42/2004 Pasal 11 huruf c" in text
    assert (
        "cannot answer"
        in client.get(reverse("prevention:guide"), {"q": "resep rendang"}).content.decode()
    )
    assert client.get(reverse("prevention:guide")).status_code == 200
    assert client.get(reverse("prevention:guide-answer", args=["memilih"])).status_code == 200
    assert client.get(reverse("prevention:guide-answer", args=["nope"])).status_code == 404


def test_signing_on_the_page_then_the_pdf_and_the_verification_page(client, admin):
    person = employee(name="Ani Lestari")
    pact = make_pact(admin)
    give_code(pact, person)
    url = reverse("prevention:sign", args=[pact.code])
    assert client.get(url).status_code == 200
    unticked = client.post(url, {"nip": person.nip, "code": "ABCD-2345"})
    assert unticked.status_code == 400 and not PactSignature.objects.exists()
    done = client.post(url, {"nip": person.nip, "code": "ABCD-2345", "agree": "on"})
    assert done.status_code == 302
    page = client.get(done["Location"])
    assert "Ani Lestari" in page.content.decode()
    pdf = client.get(done["Location"] + "pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    signature = PactSignature.objects.get()
    check = client.get(reverse("prevention:verify", args=[signature.token]))
    text = check.content.decode()
    assert "Ani Lestari" in text and pact.agency.name in text and person.nip not in text
    assert client.get(reverse("prevention:verify", args=["nothing"])).status_code == 404
    again = client.post(url, {"nip": person.nip, "code": "ABCD-2345", "agree": "on"})
    assert again.status_code == 409 and b"already" in again.content


def test_checking_in_on_the_page_by_door_qr_and_online(client, admin):
    hall, remote = employee(), employee()
    event = make_event(admin)
    url = reverse("prevention:checkin", args=[event.code])
    token = codes.qr_token(event.door_secret)
    assert client.get(url, {"t": token}).status_code == 200
    assert client.post(url, {"nip": hall.nip, "t": token}).status_code == 200
    assert client.post(url, {"nip": hall.nip, "t": token}).status_code == 409
    online = reverse("prevention:checkin-online", args=[event.code])
    assert client.post(online, {"nip": remote.nip, "session_code": "WRONG1"}).status_code == 400
    ok = client.post(
        online, {"nip": remote.nip, "session_code": codes.session_code(event.online_secret)}
    )
    assert ok.status_code == 200 and b"recorded as present" in ok.content


def test_the_admin_runs_pacts_and_events_from_the_pages(client, admin):
    employee(unit="Dinas Kesehatan")
    client.force_login(admin)
    assert client.get(reverse("prevention:overview")).status_code == 200
    created = client.post(reverse("prevention:pact-new"), {
        "election": "pilkada-2024", "opens_on": "2024-08-01", "closes_on": "2099-01-01",
        "second_factor": "paper", "units": ["Dinas Kesehatan"]})  # fmt: skip
    assert created.status_code == 302
    pact = IntegrityPact.objects.get()
    assert "Pemerintah Kota Samarinda" in pact.body  # filled from the template
    client.post(reverse("prevention:pact-action", args=[pact.code, "publish"]))
    pact.refresh_from_db()
    assert pact.status == "open"
    page = client.get(reverse("prevention:pact", args=[pact.code]))
    assert page.status_code == 200 and b"Dinas Kesehatan" in page.content
    sheet = client.post(reverse("prevention:pact-codes", args=[pact.code]), {"unit": ""})
    assert sheet.status_code == 200 and sheet.content.startswith(b"%PDF")
    session = client.post(reverse("prevention:pact-session", args=[pact.code]), {"minutes": 60})
    assert client.get(session["Location"]).status_code == 200
    event = make_event(admin)
    upload = client.post(reverse("prevention:event-material", args=[event.code]),
                         {"title": "Materi", "file": SimpleUploadedFile("m.pdf", PDF)})  # fmt: skip
    assert upload.status_code == 302
    refused = client.post(reverse("prevention:event-material", args=[event.code]),
                          {"title": "Virus", "file": SimpleUploadedFile("m.pdf", b"MZ\x90\x00")})  # fmt: skip
    assert refused.status_code == 415 and EventMaterial.objects.count() == 1
    for name in ("event", "event-screen", "kiosk", "event-report"):
        assert client.get(reverse(f"prevention:{name}", args=[event.code])).status_code == 200, name
    material = EventMaterial.objects.get()
    assert (
        client.get(reverse("prevention:material", args=[event.code, material.pk])).status_code
        == 200
    )


def test_other_staff_cannot_run_or_see_what_is_not_theirs(client, admin):
    employee()
    pact = make_pact(admin)
    event = make_event(admin)
    client.force_login(factories.agency_admin("admin.kukar", "PEMKAB-64.02"))
    assert client.get(reverse("prevention:pact", args=[pact.code])).status_code == 404
    assert (
        client.post(reverse("prevention:pact-action", args=[pact.code, "close"])).status_code == 404
    )
    client.force_login(factories.bawaslu("b", "64.72"))
    assert client.get(reverse("prevention:pact", args=[pact.code])).status_code == 200
    assert (
        client.post(reverse("prevention:pact-action", args=[pact.code, "close"])).status_code == 403
    )
    assert client.get(reverse("prevention:event-screen", args=[event.code])).status_code == 403
    client.logout()
    assert client.get(reverse("prevention:overview")).status_code == 302  # to the login page
    assert SocializationEvent.objects.get().status == "scheduled"


def test_the_pdf_renderer_fetches_nothing_but_data_and_own_static_files():
    fetcher = documents._fetcher()
    for url in ("file:///etc/passwd", "http://127.0.0.1:8000/", "https://example.com/x.png",
                f"{documents.STATIC_BASE}/static/../../etc/passwd"):  # fmt: skip
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch(f"{documents.STATIC_BASE}/static/netra/netra.css").read()
    hostile = '<img src="file:///etc/passwd"><link rel=stylesheet href="http://example.com/a.css">'
    from django.template import engines

    engine = engines["django"]
    html = engine.from_string("{{ x }}").render({"x": hostile})
    assert "<img" not in html  # escaped before it reaches WeasyPrint


def test_the_national_overview_adds_regencies_up_per_province():
    from netra.prevention.selectors import CoverageRow
    from netra.prevention.views_pacts import REGION_ROWS, _by_province

    few = [CoverageRow("64.72", 10, 5)]
    assert _by_province(few) == few
    many = [CoverageRow(f"{p}.{n:02d}", 10, 4) for p in (63, 64) for n in range(REGION_ROWS)]
    assert _by_province(many) == [CoverageRow("63", 10 * REGION_ROWS, 4 * REGION_ROWS),
                                  CoverageRow("64", 10 * REGION_ROWS, 4 * REGION_ROWS)]  # fmt: skip
