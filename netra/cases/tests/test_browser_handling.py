"""An officer walks a case from received to a forwarded recommendation in the browser, merging a
duplicate on the way (Playwright, Debian Chromium)."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from netra.accounts.tests import factories
from netra.accounts.tests.login import log_in
from netra.cases.models import Case, IssuedDocument
from netra.cases.public import reporter_timeline
from netra.reports.models import Report

from .conftest import make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_action(page, name):
    page.click(f"details[data-action={name}] > summary")


def test_officer_walks_a_case_to_a_forwarded_recommendation(live_server, page, reference_data):
    officer = factories.bawaslu("bawaslu.samarinda", "64.72")
    first = make_case(reports=1)
    duplicate = make_case(reports=1, election="pilkada-2024")
    make_case(election="pemilu-2024")
    moved = Report.objects.get(case=duplicate)

    log_in(page, live_server.url, officer.username)  # password, then the second factor
    page.wait_for_url(f"{live_server.url}/home/")

    # The queue: three cases; the election filter swaps the table in place (htmx).
    page.goto(f"{live_server.url}/handling/")
    expect(page.locator("[data-testid=queue-row]")).to_have_count(3)
    page.select_option("#id_election", "pilkada-2024")
    expect(page.locator("[data-testid=queue-row]")).to_have_count(2)
    page.click(f"a:text('{first.code}')")
    expect(page.locator("[data-testid=case-code]")).to_have_text(first.code)

    # Merge the duplicate into this case.
    open_action(page, "merge")
    page.fill("details[data-action=merge] [name=other_codes]", duplicate.code)
    page.fill("details[data-action=merge] [name=reason]", "Same rally, same official.")
    page.click("[data-testid=do-merge]")
    expect(page.locator("[data-testid=report]")).to_have_count(2)

    open_action(page, "start_review")
    page.click("[data-testid=do-start_review]")
    expect(page.locator("[data-testid=case-status]")).to_have_attribute(
        "data-status", "initial_review"
    )

    open_action(page, "register")
    page.fill("details[data-action=register] textarea[name=reason]", "Requirements met.")
    page.click("[data-testid=do-register]")
    expect(page.locator("[data-testid=case-status]")).to_have_attribute("data-status", "registered")

    # Clarification: an invitation, the hearing, its minutes.
    page.click("[data-testid=clarification] details > summary")
    page.fill("[name=invitee_name]", "Pelapor P-1")
    page.select_option("[name=invitee_role]", "reporter")
    # An hour ago: minutes cannot predate the scheduled hearing (issue 14).
    hour_ago = timezone.localtime() - dt.timedelta(hours=1)
    page.fill("[name=scheduled_at]", hour_ago.strftime("%Y-%m-%dT%H:%M"))
    page.fill("[name=place]", "Kantor Bawaslu Kota Samarinda")
    page.click("[data-testid=save-invitation]")
    expect(page.locator("[data-testid=hearing]")).to_have_count(1)
    open_action(page, "start_clarification")
    page.click("[data-testid=do-start_clarification]")
    expect(page.locator("[data-testid=case-status]")).to_have_attribute(
        "data-status", "clarification"
    )
    page.click("[data-testid=hearing] details > summary")
    page.fill("[name=held_at]", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    page.fill("[name=attendees]", "Pelapor P-1, reporter\nAndi Saputra, officer")
    page.fill("[name=statements]", "The reporter confirmed the photographs.")
    page.click("[data-testid=save-minutes]")
    expect(page.locator("[data-testid=hearing]")).to_contain_text("confirmed the photographs")

    # The plenary decision, per reported person.
    open_action(page, "decide")
    page.fill("details[data-action=decide] [name=decided_on]", timezone.localdate().isoformat())
    for person in Case.objects.get(pk=first.pk).reported_persons.all():
        page.select_option(f"[name=proven_{person.pk}]", "yes")
        # The violation types are a grouped, searchable list of checkboxes (issue 14).
        page.fill(f"#filter-violations_{person.pk}", "DS-01")
        expect(page.locator(f"#list-violations_{person.pk} input:visible")).to_have_count(1)
        page.check(f"[name=violations_{person.pk}][value=DS-01]")
    page.click("[data-testid=do-decide]")
    expect(page.locator("[data-testid=case-status]")).to_have_attribute("data-status", "decided")
    expect(page.locator("[data-testid=finding]").first).to_be_visible()

    open_action(page, "forward")
    page.click("[data-testid=do-forward]")
    expect(page.locator("[data-testid=case-status]")).to_have_attribute("data-status", "forwarded")
    expect(page.locator("[data-testid=forwarded-to]")).to_contain_text("BKN")

    # The recommendation letter, and its public verification page.
    page.select_option("#id_doc_kind", "forwarding")
    page.click("[data-testid=issue-document]")
    expect(page.locator("[data-testid=document]")).to_have_count(1)
    document = IssuedDocument.objects.get(case=first, kind="forwarding")
    page.goto(f"{live_server.url}/verify/{document.token}/")
    expect(page.locator("[data-testid=genuine]")).to_be_visible()
    expect(page.locator("[data-testid=verify-number]")).to_have_text(document.number)

    # The duplicate is closed into the case; its reporter was told.
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == first.pk and duplicate.status == "closed"
    moved.refresh_from_db()
    assert moved.case_id == first.pk
    timeline = reporter_timeline(case_id=moved.case_id, report_id=moved.pk)
    assert any(first.code in e.note for e in timeline)
