"""Every officer page, rendered in Bahasa Indonesia, shows no English (issue 14).

The English that leaked came from data files (the catalogue's titles, the deadline rules, sanction
names) and from untranslated labels of choices. The test renders every page an officer opens — home,
queue, each case in every status with its reports tab, registry search, agency page, imports — for
every staff role of the demo world, and fails on any English phrase of the data or of a choice
label that has an Indonesian translation missing.
"""

from __future__ import annotations

import re

import pytest
from django.db.models import TextChoices
from django.urls import reverse
from django.utils import translation

from netra.accounts.models import Role, User
from netra.accounts.tests.login import StaffClient as Client
from netra.cases.models import (
    Case,
    CaseStatus,
    Clarification,
    DocumentKind,
    EventKind,
    HandlingLevel,
    Origin,
    PersonCategory,
)
from netra.demo.builder import DemoWorld
from netra.reference.models import (
    DayUnit,
    DeadlineRule,
    EmployeeType,
    RuleStatus,
    SanctionType,
    StartEvent,
    ViolationGroup,
    ViolationType,
)

pytestmark = pytest.mark.django_db

CHOICES: list[type[TextChoices]] = [
    CaseStatus,
    EventKind,
    HandlingLevel,
    Origin,
    PersonCategory,
    DocumentKind,
    Clarification.Role,
    DayUnit,
    StartEvent,
    RuleStatus,
    EmployeeType,
    ViolationGroup,
]
# Labels that are the same words in both languages (legal terms and abbreviations keep their names).
SAME_IN_BOTH = {"PNS", "PPPK", "—", "Bawaslu RI", "Bawaslu provinsi", "Bawaslu kabupaten/kota"}


def _labels(language: str) -> dict[tuple[str, str], str]:
    with translation.override(language):
        return {
            (choices.__qualname__, value): str(label)
            for choices in CHOICES
            for value, label in choices.choices
        }


def test_every_choice_label_officers_read_has_an_indonesian_form():
    english, indonesian = _labels("en"), _labels("id")
    untranslated = sorted(
        english[key]
        for key in english
        if english[key] == indonesian[key] and english[key] not in SAME_IN_BOTH
    )
    assert untranslated == []


def _english_phrases() -> set[str]:
    phrases = set(DeadlineRule.objects.values_list("title", flat=True))
    phrases |= set(ViolationType.objects.values_list("title_en", flat=True))
    phrases |= set(SanctionType.objects.values_list("name_en", flat=True))
    english, indonesian = _labels("en"), _labels("id")
    phrases |= {english[k] for k in english if english[k] != indonesian[k]}
    # Short words ("Received") could match inside other text by chance; the data's phrases are long.
    return {p for p in phrases if len(p) >= 12}


def _officer_urls(user: User) -> list[str]:
    urls = [reverse("web:home")]
    if user.role == Role.BAWASLU_OFFICER:
        urls += [reverse("cases:queue"), reverse("registry:employee-search") + "?q=Siti"]
        for status in CaseStatus.values:
            case = Case.objects.filter(status=status, jurisdiction_code__startswith="64").first()
            if case is not None:
                urls += [reverse("cases:case", args=[case.code])]
                urls += [reverse("reports_officer:case", args=[case.code])]
        urls.append(reverse("reports_officer:temuan-new"))
    if user.agency is not None:
        urls.append(reverse("web:agency", args=[user.agency.code]))
        if user.role == Role.AGENCY_PERSONNEL:
            urls.append(reverse("registry:agency-import", args=[user.agency.code]))
    return urls


def test_officer_pages_in_indonesian_show_no_english_from_the_data():
    DemoWorld(seed=7, employees=300, cases=120).build()
    phrases = _english_phrases()
    pattern = re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)))
    leaks: dict[str, list[str]] = {}
    pages = 0
    for user in User.objects.exclude(role="").order_by("username"):
        client = Client()
        client.force_login(user)
        for url in _officer_urls(user):
            response = client.get(url)
            if response.status_code in (302, 403, 404):
                continue
            assert response.status_code == 200, (user.username, url, response.status_code)
            pages += 1
            found = sorted(set(pattern.findall(response.content.decode())))
            if found:
                leaks[f"{user.username} {url}"] = found
    assert pages > 20
    assert leaks == {}
