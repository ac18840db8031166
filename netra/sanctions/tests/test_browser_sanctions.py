"""Stage 4 in Chromium (issue 16): a forwarded case through BKN's recommendation, the PPK's decree
and the reporter's view of the outcome; and a missed deadline through the block and the escalation.

The pages run in Indonesian, the default: each authority and PPK page is also read for English
words left untranslated (``assert_indonesian``)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from netra.accounts.tests import factories
from netra.accounts.tests.login import log_in
from netra.cases.models import Case, CaseStatus
from netra.reference.models import SanctionType
from netra.reports import receipts
from netra.reports.models import Report
from netra.sanctions.models import Escalation, Recommendation, Sanction
from netra.sanctions.services import recommending

from . import conftest
from .ppk_factories import PDF, link_employee
from .ppk_factories import forwarded_case as forwarded_through_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECEIPT = "4821907734516620"
PAGE_TIMEOUT = 20_000
SUMMARY = "Kampanye di media sosial."  # typed data: its words are Indonesian
DATA = frozenset({"Kampanye"})
DECREE = "800/123/BKPSDM"
BLOCK_LETTER = "BKN/BLOK/2024/017"
# English words that have no business on an Indonesian page (legal terms and codes keep their
# names: PPK, NIP, PNS, BKN, SIASN, PP 94/2021 ...).
ENGLISH = {
    "the", "and", "of", "to", "is", "for", "with", "this", "from", "by", "on", "was", "has",
    "not", "yet", "be", "are", "an", "or", "its", "their", "who", "what", "when",
    "record", "recorded", "issue", "issued", "recommend", "recommendation", "recommended",
    "overdue", "blocked", "block", "escalate", "escalated", "escalation", "due", "inbox", "case",
    "letter", "letters", "person", "agency", "level", "sanction", "sanctions", "number", "date",
    "decree", "scan", "reason", "reasoning", "contest", "contested", "done", "awaiting", "page",
    "previous", "next", "nothing", "here", "file", "day", "days", "since", "violation",
    "violations", "earlier", "proven", "found", "allowed", "choose", "send", "answer",
    "timeline", "minutes", "evidence", "election", "place", "forwarded", "none", "log", "out",
    "high", "medium", "low", "unverified", "confidence",
}  # fmt: skip


def english_in(text: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """Each English word of ``text`` (outside ``allowed``) with the words around it."""
    found = []
    for match in re.finditer(r"\b[A-Za-z]+\b", text):
        word = match.group()
        if word.lower() in ENGLISH and word not in allowed:
            found.append(text[max(0, match.start() - 40) : match.end() + 40].replace("\n", " "))
    return found


def assert_indonesian(page, allowed: frozenset[str] = frozenset()) -> None:
    """The page's main content has no English word (outside ``allowed``, e.g. typed data)."""
    english = english_in(page.locator("main").inner_text(), allowed)
    assert not english, f"English on {page.url}:\n" + "\n".join(english)


def indonesian(text: str) -> str:
    with translation.override("id"):
        return gettext(text)


def new_page(page):
    """A second person at another desk: a fresh browser context (own cookies)."""
    other = page.context.browser.new_context().new_page()
    other.set_default_timeout(PAGE_TIMEOUT)
    return other


def pdf_behind(page, base_url: str, link) -> bytes:
    response = page.request.get(base_url + link.get_attribute("href"))
    assert response.ok
    return response.body()


def test_recommendation_decree_and_the_reporters_outcome(live_server, page, reference_data):
    page.set_default_timeout(PAGE_TIMEOUT)
    officer = factories.bawaslu("bawaslu.samarinda", "64.72")
    factories.analyst("bkn.analis")
    factories.personnel("ppk.samarinda", "PEMKOT-64.72")
    # A report a member of the public sent, decided with a proven PNS of Pemkot Samarinda and
    # forwarded to BKN through the case-handling services.
    case = forwarded_through_services(officer)
    Case.objects.filter(pk=case.pk).update(summary=SUMMARY)
    Report.objects.filter(case=case).update(receipt_digest=receipts.digest(RECEIPT))
    person = conftest.proven_person(case)
    employee = link_employee(person)  # the registry's record: PNS, administrator
    assert case.forwarding.authority.code == "BKN"
    options = recommending.options_for(recommending.person_facts(person))
    allowed = {f.sanction.code: f.sanction for f in options.forms}
    chosen = next(s for s in allowed.values() if s.level == options.levels[-1])
    not_allowed = SanctionType.objects.filter(applies_to_pns=True).exclude(code__in=allowed)[0]

    rec = bkn_recommends(page, live_server.url, person, chosen, not_allowed)
    ppk_records_the_decree(new_page(page), live_server.url, rec, employee)

    # The case closed with the last recommendation settled; BKN's file says so.
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    page.goto(f"{live_server.url}/sanctions/cases/{case.code}/")
    expect(page.locator("[data-testid=case-status]")).to_have_attribute("data-status", "closed")
    rec_line = page.locator(f"[data-person='{person.pk}'] [data-testid=recommendation]")
    expect(rec_line).to_have_attribute("data-status", "followed_up")
    expect(page.locator("[data-testid=sanction-line]")).to_contain_text(DECREE)
    assert_indonesian(page, DATA)

    reporter_reads_the_outcome(new_page(page), live_server.url, person, chosen)


def bkn_recommends(page, base_url, person, chosen, not_allowed) -> Recommendation:
    """BKN: the inbox, the case file, the recommendation form (htmx) offering only allowed forms,
    a refusal, the recommendation and its letter."""
    case = person.case
    log_in(page, base_url, "bkn.analis")
    page.goto(f"{base_url}/sanctions/")
    expect(page.locator(f"[data-testid=inbox-row][data-code='{case.code}']")).to_have_count(1)
    assert_indonesian(page)
    page.click(f"[data-testid=inbox-row][data-code='{case.code}'] a")
    expect(page.locator("[data-testid=case-code]")).to_have_text(case.code)
    assert_indonesian(page, DATA)
    page.click(f"[data-person='{person.pk}'] [data-testid=recommend]")
    form = page.locator("[data-testid=recommend-form]")
    expect(form).to_be_visible()
    sanction_values = form.locator("#id_sanction option").evaluate_all(
        "options => options.map(o => o.value)"
    )
    assert str(chosen.pk) in sanction_values
    assert str(not_allowed.pk) not in sanction_values
    expect(
        form.locator(f"[data-testid=allowed] [data-sanction='{not_allowed.code}']")
    ).to_have_count(0)
    assert_indonesian(page, DATA)
    form.locator("#id_level").select_option(chosen.level)
    form.locator("#id_sanction").select_option(str(chosen.pk))
    form.locator("[data-testid=issue]").click()  # no reasoning: refused, in Indonesian
    form = page.locator("[data-testid=recommend-form]")
    expect(form.locator(".errorlist")).to_have_count(1)
    assert_indonesian(page)
    assert not Recommendation.objects.exists()
    form.locator("#id_reasoning").fill("Terbukti mengunggah dukungan kepada pasangan calon.")
    form.locator("[data-testid=issue]").click()
    rec_line = page.locator(f"[data-person='{person.pk}'] [data-testid=recommendation]")
    expect(rec_line).to_have_attribute("data-status", "issued")
    rec = Recommendation.objects.select_related("recommended_sanction").get(reported_person=person)
    assert rec.recommended_sanction == chosen and rec.letter is not None
    letter = page.locator("[data-testid=letter]", has_text=rec.number)
    expect(letter).to_have_count(1)
    assert pdf_behind(page, base_url, letter.locator("a")).startswith(b"%PDF")
    return rec


def ppk_records_the_decree(ppk, base_url, rec, employee) -> None:
    """The PPK of Pemkot Samarinda: the inbox, the recommendation, a scan that is no PDF refused,
    the decree with its scan, the done list and the employee's record."""
    chosen = rec.recommended_sanction
    log_in(ppk, base_url, "ppk.samarinda")
    ppk.goto(f"{base_url}/sanctions/ppk/")
    row = ppk.locator(f"[data-testid=ppk-row][data-number='{rec.number}']")
    expect(row).to_have_count(1)
    assert_indonesian(ppk)
    row.locator("a").click()
    expect(ppk.locator("[data-testid=ppk-recommendation]")).to_contain_text(rec.number)
    expect(ppk.locator("[data-testid=rec-letter]")).to_be_visible()
    expect(ppk.locator("[data-testid=blocked]")).to_have_count(0)  # nothing is blocked
    assert_indonesian(ppk)
    for scan in (b"not a PDF at all", PDF):  # a scan that is no PDF is refused, in Indonesian
        ppk.select_option("#id_sanction_type", str(chosen.pk))
        ppk.fill("#id_decree_number", DECREE)
        ppk.fill("#id_imposed_on", timezone.localdate().isoformat())
        ppk.set_input_files(
            "#id_decree_scan", {"name": "sk.pdf", "mimeType": "application/pdf", "buffer": scan}
        )
        ppk.click("[data-testid=record-decree]")
        if scan != PDF:
            not_pdf = indonesian(
                "The decree scan is not a PDF file. Scan the decree to PDF and try again."
            )
            expect(ppk.locator("main .messages .error")).to_have_text(not_pdf)
            expect(ppk.locator("[data-testid=record-form]")).to_be_visible()
            assert_indonesian(ppk)
            assert not Sanction.objects.exists()
    expect(ppk.locator("[data-testid=rec-sanction]")).to_contain_text(DECREE)
    expect(ppk.locator("[data-testid=record-form]")).to_have_count(0)
    assert_indonesian(ppk)
    sanction = Sanction.objects.get(recommendation=rec)
    assert sanction.sanction_type == chosen and sanction.decree_scan.read() == PDF
    ppk.goto(f"{base_url}/sanctions/ppk/")
    expect(ppk.locator(f"[data-testid=ppk-done] [data-number='{rec.number}']")).to_have_count(1)
    assert_indonesian(ppk)
    # The employee's record in the registry now holds the violation and the sanction.
    ppk.goto(f"{base_url}/sanctions/employees/{employee.pk}/")
    expect(ppk.locator("[data-testid=record-row]")).to_contain_text(DECREE)
    assert_indonesian(ppk)
    ppk.context.close()


def reporter_reads_the_outcome(reporter, base_url, person, chosen) -> None:
    """The reporter follows the report with the receipt: the outcome in public words, no name."""
    reporter.goto(f"{base_url}/report/follow/")
    reporter.fill("#id_receipt", receipts.pretty(RECEIPT))
    reporter.click("main button[type=submit]")
    notes = reporter.locator("[data-testid=timeline-note]")
    outcome = indonesian("The employing agency acted on the sanction recommendation.")
    expect(notes.filter(has_text=outcome)).to_have_count(1)
    text = reporter.locator("main").inner_text()
    assert person.name not in text and person.nip not in text
    assert chosen.label not in text and DECREE not in text
    reporter.context.close()


def test_missed_deadline_block_and_escalation(live_server, page, reference_data):
    page.set_default_timeout(PAGE_TIMEOUT)
    analyst = factories.analyst("bkn.analis")
    factories.personnel("ppk.samarinda", "PEMKOT-64.72")
    today = timezone.localdate()
    case = conftest.forwarded_case(forwarded_on=today - dt.timedelta(days=60))
    Case.objects.filter(pk=case.pk).update(summary=SUMMARY)
    person = conftest.proven_person(case)
    options = recommending.options_for(recommending.person_facts(person))
    # Issued 50 days ago: rule A2's 10 days ran out 40 days ago.
    rec = recommending.issue_recommendation(
        person=person,
        actor=analyst,
        level=options.levels[-1],
        reasoning="Terbukti.",
        issued_on=today - dt.timedelta(days=50),
    )
    assert rec.due_on is not None and rec.due_on < today - dt.timedelta(days=30)
    call_command("flag_overdue_recommendations", stdout=io.StringIO())
    rec.refresh_from_db()
    assert rec.overdue_since == rec.due_on + dt.timedelta(days=1)

    bkn_blocks_and_escalates(page, live_server.url, rec)
    bkn_reads_its_other_pages(page, live_server.url, rec)
    ppk_sees_the_block_and_the_escalation(new_page(page), live_server.url, rec)


def bkn_blocks_and_escalates(page, base_url, rec) -> None:
    """BKN sees it under "overdue", opens the file, records the block (a month ago: rule A5's 14
    days have passed since), then escalates today; the escalation letter is offered."""
    person = rec.reported_person
    log_in(page, base_url, "bkn.analis")
    page.goto(f"{base_url}/sanctions/")
    page.click("[data-testid=tab-overdue]")
    row = page.locator(f"[data-testid=inbox-row][data-number='{rec.number}']")
    expect(row).to_have_count(1)
    expect(row.locator("[data-overdue]")).to_have_count(1)
    assert_indonesian(page)
    row.locator("a").click()
    person_box = page.locator(f"[data-person='{person.pk}']")
    rec_line = person_box.locator("[data-testid=recommendation]")
    expect(rec_line).to_have_attribute("data-status", "issued")
    expect(rec_line.locator(".overdue")).to_have_count(1)
    assert_indonesian(page, DATA)
    blocked_on = timezone.localdate() - dt.timedelta(days=30)
    expect(person_box.locator("[data-action=escalate]")).to_have_count(0)  # block first
    person_box.locator("[data-action=block] > summary").click()
    person_box.locator("[name=blocked_on]").fill(blocked_on.isoformat())
    person_box.locator("[name=letter_number]").fill(BLOCK_LETTER)
    person_box.locator("[data-testid=block]").click()
    expect(person_box.locator("[data-testid=block-line]")).to_contain_text(BLOCK_LETTER)
    expect(person_box.locator("[data-action=block]")).to_have_count(0)  # one block at a time
    assert_indonesian(page, DATA)
    person_box.locator("[data-action=escalate] > summary").click()
    person_box.locator("[data-testid=escalate]").click()
    expect(rec_line).to_have_attribute("data-status", "escalated")
    escalation = Escalation.objects.get(recommendation=rec)
    assert escalation.letter is not None and escalation.addressed_to == "Menteri Dalam Negeri"
    letter = page.locator("[data-testid=letter]", has_text=escalation.letter.number)
    expect(letter).to_have_count(1)
    assert pdf_behind(page, base_url, letter.locator("a")).startswith(b"%PDF")
    assert_indonesian(page, DATA)


def bkn_reads_its_other_pages(page, base_url, rec) -> None:
    """The escalated tab lists it; every other tab, the hand-over and compliance in Indonesian."""
    page.goto(f"{base_url}/sanctions/?tab=escalated")
    expect(page.locator(f"[data-testid=inbox-row][data-number='{rec.number}']")).to_have_count(1)
    # The authority's other pages, in Indonesian too.
    for tab in ("awaiting", "blocked", "contested"):
        page.click(f"[data-testid=tab-{tab}]")
        expect(page.locator("[data-testid=inbox-rows]")).to_have_attribute("data-tab", tab)
        assert_indonesian(page)
    page.goto(f"{base_url}/sanctions/handover/")
    expect(page.locator("[data-testid=handover-form]")).to_be_visible()
    assert_indonesian(page)
    page.goto(f"{base_url}/sanctions/compliance/")
    expect(page.locator("[data-testid=compliance-total]")).to_be_visible()
    assert_indonesian(page)


def ppk_sees_the_block_and_the_escalation(ppk, base_url, rec) -> None:
    """On the inbox, on the recommendation, and in the agency's compliance listing."""
    log_in(ppk, base_url, "ppk.samarinda")
    ppk.goto(f"{base_url}/sanctions/ppk/")
    ppk_row = ppk.locator(f"[data-testid=ppk-open] [data-number='{rec.number}']")
    expect(ppk_row.locator("[data-testid=blocked]")).to_have_count(1)
    expect(ppk_row).to_have_attribute("data-status", "escalated")
    assert_indonesian(ppk)
    ppk_row.locator("a").click()
    expect(ppk.locator("[data-testid=blocked]")).to_contain_text(BLOCK_LETTER)
    assert_indonesian(ppk)
    ppk.goto(f"{base_url}/sanctions/compliance/")
    expect(ppk.locator("[data-testid=compliance-listing]")).to_contain_text(rec.number)
    assert_indonesian(ppk)
    ppk.context.close()
