"""Details of the stage-4 pages the browser tests found wrong: the PPK page's block flag, the
authority's tabs in the reader's language, the confidence in words, and the authority's case file
showing what became of a recommendation (block, escalation, the PPK's decree and its flag)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from netra.reference.models import Confidence, SanctionType
from netra.sanctions.models import Block
from netra.sanctions.services import enforcement, recommending, responses

from . import ppk_factories as f
from .conftest import forwarded_case, proven_person

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_the_ppk_page_flags_a_block_only_when_there_is_one(client, officer, ppk):
    rec = f.recommendation(f.forwarded_case(officer))
    client.force_login(ppk)
    url = reverse("sanctions:ppk-recommendation", args=[rec.pk])
    # The template's own {{ block }} (the block node) once made every page say "blocked".
    assert 'data-testid="blocked"' not in client.get(url).content.decode()
    Block.objects.create(
        recommendation=rec, blocked_on=TODAY, letter_number="BLK/77", blocked_by=officer
    )
    html = client.get(url).content.decode()
    assert 'data-testid="blocked"' in html and "BLK/77" in html
    assert TODAY.strftime("%Y") in html.split('data-testid="blocked"')[1][:120]


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_authority_tabs_speak_the_readers_language(client, settings, bkn, language):
    client.force_login(bkn)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse("sanctions:authority-inbox")).content.decode()
    with translation.override(language):
        expected = gettext("Awaiting the PPK")
    with translation.override("id" if language == "en" else "en"):
        other = gettext("Awaiting the PPK")
    assert expected != other
    assert expected in html and other not in html


def test_the_confidence_is_shown_in_words(client, bkn):
    case = forwarded_case()
    person = proven_person(case)
    client.force_login(bkn)
    url = reverse("sanctions:authority-recommend", args=[case.code, person.pk])
    html = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    options = recommending.options_for(recommending.person_facts(person))
    assert options.forms
    for form in options.forms:
        assert str(Confidence(form.confidence).label) in html
        assert f"({form.confidence})" not in html and f"confidence {form.confidence}" not in html


def _overdue(bkn):
    case = forwarded_case(forwarded_on=TODAY - dt.timedelta(days=60))
    person = proven_person(case)
    options = recommending.options_for(recommending.person_facts(person))
    rec = recommending.issue_recommendation(
        person=person,
        actor=bkn,
        level=options.levels[-1],
        reasoning="Terbukti.",
        issued_on=TODAY - dt.timedelta(days=50),
    )
    return case, rec


def test_the_case_file_shows_the_block_and_the_escalation_letter(client, bkn):
    case, rec = _overdue(bkn)
    client.force_login(bkn)
    url = reverse("sanctions:authority-case", args=[case.code])
    html = client.get(url).content.decode()
    # Overdue: the block is offered; escalation only once the data is blocked (the service's order).
    assert 'data-action="block"' in html and 'data-action="escalate"' not in html
    enforcement.block_personnel_data(
        recommendation=rec,
        actor=bkn,
        blocked_on=TODAY - dt.timedelta(days=30),
        letter_number="BLK/2026/5",
    )
    html = client.get(url).content.decode()
    assert 'data-testid="block-line"' in html and "BLK/2026/5" in html
    assert 'data-action="block"' not in html and 'data-action="escalate"' in html
    assert 'data-testid="escalation-line"' not in html
    escalation = enforcement.escalate_recommendation(recommendation=rec, actor=bkn)
    assert escalation.letter is not None
    html = client.get(url).content.decode()
    assert 'data-testid="escalation-line"' in html and escalation.letter.number in html
    letter_url = reverse("sanctions:authority-document", args=[case.code, escalation.letter.pk])
    assert letter_url in html
    assert "Menteri Dalam Negeri" in html


def test_the_case_file_shows_the_ppks_decree_and_a_lighter_flag(client, bkn, ppk):
    case = forwarded_case()
    person = proven_person(case)
    options = recommending.options_for(recommending.person_facts(person))
    heaviest = options.forms[-1].sanction
    rec = recommending.issue_recommendation(
        person=person,
        actor=bkn,
        level=heaviest.level,
        sanction_type=heaviest,
        reasoning="Terbukti.",
    )
    lighter = next(
        fm.sanction
        for fm in options.forms
        if fm.sanction.level == heaviest.level and fm.sanction.legal_basis < heaviest.legal_basis
    )
    assert isinstance(lighter, SanctionType)
    responses.record_sanction(
        recommendation=rec,
        actor=ppk,
        sanction_type=lighter,
        decree_number="800/9/BKPSDM",
        imposed_on=TODAY,
        decree_scan=f.pdf(),
        reason="Pertimbangan masa kerja.",
    )
    client.force_login(bkn)
    html = client.get(reverse("sanctions:authority-case", args=[case.code])).content.decode()
    line = html.split('data-testid="sanction-line"')[1].split("</p>")[0]
    assert "800/9/BKPSDM" in line and lighter.label in line
    assert 'data-flag="lighter"' in line and "Pertimbangan masa kerja." in line


def test_an_empty_choice_is_offered_in_indonesian(client, settings, bkn):
    """Django 6.1's "- Select an option -" has no Indonesian of its own (netra/lib/django_strings)."""
    client.force_login(bkn)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    html = client.get(reverse("sanctions:authority-handover")).content.decode()
    assert "Select an option" not in html and "- Pilih salah satu -" in html
