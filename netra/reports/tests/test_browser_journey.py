"""A whole journey in Chromium: an anonymous report with two photos, the receipt, then the reporter
and the handling officer exchange messages through the receipt code."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from netra.accounts.tests.factories import bawaslu
from netra.accounts.tests.login import log_in
from netra.cases.models import Case
from netra.registry.tests.helpers import employee
from netra.reports.models import Evidence, Message

from .conftest import UNDER_WAY, jpeg


def htmx_settled(page) -> None:
    """Wait until htmx has no request in flight and has settled what it swapped in."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')"
    )


pytestmark = pytest.mark.browser


def test_anonymous_report_with_photos_then_messages(live_server, page, reference_data, tmp_path):
    page.set_default_timeout(20_000)
    employee("197001012000031001", "H. Andi Wijaya, S.Sos.", position_title="Lurah Rawa Makmur")
    photos = []
    for name, color in (("first.jpg", "red"), ("second.jpg", "blue")):
        path = tmp_path / name
        path.write_bytes(jpeg(color, size=(320, 240)))
        photos.append(str(path))
    today = timezone.localdate()

    # Step 1: what happened (the place pickers are filled in by htmx as we choose).
    page.goto(f"{live_server.url}/report/")
    page.select_option("#id_election", UNDER_WAY)
    page.fill("#id_incident_date", (today - dt.timedelta(days=1)).isoformat())
    page.fill("#id_known_on", today.isoformat())
    page.select_option("#id_province", "64")
    htmx_settled(page)  # a choice made while htmx still settles the new pickers sends no request
    page.select_option("#id_regency", "64.72")
    htmx_settled(page)
    page.select_option("#id_district", "64.72.01")
    page.fill("#id_description", "A lurah posted a candidate's flyer with the number 2 pose.")
    page.click("button[value=next]")

    # Step 2: who. With the agency chosen, the registry suggests officials as the name is typed.
    page.wait_for_selector("form[data-step='2']")
    page.select_option("#id_person-0-agency", "PEMKOT-64.72")
    page.type("#id_person-0-name", "andi wij")
    suggestion = page.locator("#id_person-0-name_list option").first
    suggestion.wait_for(state="attached")
    assert suggestion.get_attribute("value") == "H. Andi Wijaya, S.Sos."
    page.fill("#id_person-0-name", "Andi Wijaya")
    page.fill("#id_person-0-position_title", "Lurah Rawa Makmur")
    page.click("button[value=next]")

    # Step 3: anonymous.
    page.wait_for_selector("form[data-step='3']")
    page.check("input[name=anonymous][value='1']")
    page.click("button[value=next]")

    # Step 4: two photos; the panel says what this report is before sending.
    page.wait_for_selector("form[data-step='4']")
    assert page.locator("#kind-panel [data-kind=informasi_awal]").is_visible()
    page.set_input_files("#id_files", photos)
    page.click("[data-testid=send]")
    code = page.locator("[data-testid=receipt-code]").inner_text().replace(" ", "")
    assert len(code) == 16 and code.isdigit()
    case = Case.objects.get()
    assert Evidence.objects.filter(report__case=case, kind="file").count() == 2

    # The officer of Bawaslu Kota Samarinda logs in, sees the pseudonym and the photos, replies.
    bawaslu("petugas.samarinda", "64.72")
    officer = page.context.browser.new_context().new_page()
    officer.set_default_timeout(20_000)
    log_in(officer, live_server.url, "petugas.samarinda")  # password, then the second factor
    officer.goto(f"{live_server.url}/cases/{case.code}/")
    officer.wait_for_load_state("networkidle")  # SQLite: one request at a time (see below)
    officer.click("[data-testid=reports-link]")  # the case's reports tab
    officer.wait_for_url(f"**/cases/{case.code}/reports/")
    # Let the two previews load first: on SQLite the live server's threads share one connection.
    officer.wait_for_load_state("networkidle")
    assert officer.locator("[data-testid=evidence]").count() == 2
    assert officer.locator("img.preview").count() == 2
    officer.fill("textarea[name=body]", "Terima kasih. Apakah Anda punya tautan unggahannya?")
    officer.click("form[action$='/reply/'] button[type=submit]")
    officer.wait_for_selector("[data-testid=thread] .msg.officer")

    # Later, the reporter follows the report with the code and answers.
    page.goto(f"{live_server.url}/report/follow/")
    page.fill("#id_receipt", " ".join(code[i : i + 4] for i in range(0, 16, 4)))
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=timeline]")
    assert "Apakah Anda punya tautan" in page.locator("[data-testid=thread]").inner_text()
    page.fill("#id_body", "Ini tautannya.")
    page.fill("#id_links", "https://www.facebook.com/lurah.rawa/posts/42")
    page.click("form[action$='/follow/message/'] button[type=submit]")
    page.wait_for_selector("[data-testid=sent]")

    # The officer sees the answer and the link, still under the pseudonym.
    officer.reload()
    officer.wait_for_load_state("networkidle")
    thread = officer.locator("[data-testid=thread]").inner_text()
    assert "Ini tautannya." in thread
    assert Message.objects.filter(side="reporter").count() == 1
    pseudonym = case.reports.get().reporter_pseudonym
    assert pseudonym in officer.locator("[data-testid=pseudonym]").inner_text()
    officer.context.close()
