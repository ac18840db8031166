"""The prevention journey in Debian's Chromium, in Bahasa Indonesia (the default): an agency admin publishes a pact, an employee signs it
on a phone and opens the QR verification page; an event is planned, one attendee checks in by the
door QR code and one online; the guide answers “berfoto dengan calon” with its rules and articles."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from netra.accounts.tests import factories
from netra.prevention.models import EventAttendance, PactSignature
from netra.prevention.services import distribution

from .conftest import employee

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def log_in(page, url, user):
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", factories.PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{url}/home/")


def test_pact_signed_on_a_phone_event_attended_and_guide_searched(
    live_server, page, reference_data
):
    admin = factories.agency_admin("admin.samarinda", "PEMKOT-64.72")
    signer = employee(name="Ani Lestari, S.Pd.", unit="Dinas Pendidikan")
    hall, remote = employee(name="Budi Santoso"), employee(name="Citra Dewi")
    distribution.import_emails(
        actor=admin, agency=signer.agency, text=f"{signer.nip},ani@samarinda.example"
    )
    today = timezone.localdate()

    # The admin publishes a pact from the agency's template.
    log_in(page, live_server.url, admin)
    page.click("[data-testid=prevention-link]")
    page.click("[data-testid=new-pact]")
    page.select_option("#id_election", "pilkada-2024")
    page.fill("#id_opens_on", (today - dt.timedelta(days=1)).isoformat())
    page.fill("#id_closes_on", (today + dt.timedelta(days=30)).isoformat())
    page.check("input[name=second_factor][value=email]")
    page.click("[data-testid=save-pact]")
    page.click("[data-testid=do-publish]")
    expect(page.locator("[data-testid=pact-status]")).to_have_attribute("data-status", "open")
    expect(page.locator("[data-testid=required]")).to_have_text("3")
    sign_url = page.locator("[data-testid=sign-url]").inner_text()

    # The employee signs on a phone: NIP, a code by e-mail, the box, sign.
    phone = page.context.browser.new_context(**PHONE).new_page()
    phone.goto(sign_url.replace("http://127.0.0.1:8000", live_server.url))
    phone.fill("#id_nip", signer.nip)
    phone.click("[data-testid=send-code]")
    expect(phone.locator("[data-testid=code-sent]")).to_be_visible()
    code = re.findall(r"\b\d{6}\b", str(mail.outbox[-1].body))[0]
    phone.fill("#id_nip", signer.nip)
    phone.fill("#id_code", "000000")
    phone.check("#id_agree")
    phone.click("[data-testid=sign]")
    expect(phone.locator("[data-testid=error]")).to_contain_text("Kode tidak sesuai")
    phone.fill("#id_code", code)
    phone.check("#id_agree")
    phone.click("[data-testid=sign]")
    expect(phone.locator("[data-testid=signed]")).to_be_visible()
    verify = phone.locator("[data-testid=verify-link]").inner_text()
    phone.goto(verify.replace("http://127.0.0.1:8000", live_server.url))
    expect(phone.locator("[data-testid=verified-name]")).to_have_text("Ani Lestari, S.Pd.")
    expect(phone.locator("[data-testid=verified-agency]")).to_have_text("Pemerintah Kota Samarinda")
    assert signer.nip not in phone.content()
    assert PactSignature.objects.count() == 1

    # An event, hybrid, started ten minutes ago.
    page.goto(f"{live_server.url}/prevention/events/new/")
    page.select_option("#id_election", "pilkada-2024")
    page.fill("#id_title", "Sosialisasi Netralitas ASN")
    page.check("input[name=mode][value=hybrid]")
    start = timezone.localtime() - dt.timedelta(minutes=10)
    page.fill("#id_starts_at", start.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_ends_at", (start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_venue", "Aula Balai Kota Samarinda")
    page.fill("#id_meeting_url", "https://meet.example/smd")
    page.fill("#id_speakers", "Komisioner KPU Kota Samarinda | KPU")
    page.click("[data-testid=save-event]")
    page.click("[data-testid=do-schedule]")
    expect(page.locator("[data-testid=event-status]")).to_have_attribute("data-status", "scheduled")
    page.click("[data-testid=open-screen]")
    door_url = page.locator("[data-testid=door-qr]").get_attribute("data-url")
    session_code = page.locator("[data-testid=session-code]").inner_text()

    # In the hall: the phone opens the door QR code's address and confirms with the NIP.
    phone.goto(door_url.replace("http://127.0.0.1:8000", live_server.url))
    phone.fill("#id_nip", hall.nip)
    phone.click("[data-testid=check-in]")
    expect(phone.locator("[data-testid=checked-in]")).to_contain_text("Budi Santoso")
    # Online: the sign-in page with the code shown in the session.
    online = page.context.browser.new_context().new_page()
    online.goto(
        door_url.split("/checkin/")[0].replace("http://127.0.0.1:8000", live_server.url)
        + "/online/"
    )
    online.fill("#id_nip", remote.nip)
    online.fill("#id_session_code", session_code)
    online.click("[data-testid=check-in]")
    expect(online.locator("[data-testid=checked-in]")).to_contain_text("Citra Dewi")
    assert sorted(EventAttendance.objects.values_list("online", flat=True)) == [False, True]
    page.go_back()
    page.reload()
    expect(page.locator("[data-testid=attendee]")).to_have_count(2)

    # The guide.
    phone.goto(f"{live_server.url}/guide/")
    phone.fill("#id_q", "berfoto dengan calon")
    phone.click("[data-testid=guide-search]")
    first = phone.locator("[data-testid=guide-answer]").first
    expect(first).to_have_attribute("data-key", "foto-bersama-calon")
    expect(first.locator("[data-testid=verdict]")).to_have_text("Tidak boleh")
    expect(first.locator("[data-testid=rule]")).to_have_count(2)
    expect(first).to_contain_text("KE-05")
    expect(first).to_contain_text("DS-07")
    expect(first.locator("[data-testid=article]").first).to_contain_text(
        "PP 42/2004 Pasal 11 huruf c"
    )
