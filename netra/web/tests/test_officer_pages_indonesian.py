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
from django.conf import settings
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
    ReportedPerson,
)
from netra.demo.builder import DemoWorld
from netra.reference.models import (
    DayUnit,
    DeadlineRule,
    EmployeeType,
    RuleStatus,
    SanctionLevel,
    SanctionType,
    StartEvent,
    ViolationGroup,
    ViolationType,
)
from netra.reference.models.confidence import Confidence
from netra.sanctions.models import HandoverItem, Recommendation, Route, SanctionFlag
from netra.sanctions.views_authority import TAB_LABELS

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
    # Stage 4 (issue 16): what the authority's and the PPK's pages print.
    Recommendation.Status,
    Route,
    SanctionFlag,
    SanctionLevel,
    HandoverItem.Kind,
    Confidence,
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
    return urls + _stage_four_urls(user)


def _one_per_status(recs) -> list[Recommendation]:
    return [r for s in Recommendation.Status.values if (r := recs.filter(status=s).first())]


def _stage_four_urls(user: User) -> list[str]:
    """The sanction stage's pages (issue 16): the authority's inbox tabs, case files (one per
    recommendation status) and hand-over; the PPK's inbox and recommendations; the employee's
    record; compliance, for every role that opens it."""
    urls = [reverse("sanctions:compliance-page")]
    recs = Recommendation.objects.select_related("case", "reported_person").order_by("pk")
    if user.role == Role.AUTHORITY_ANALYST:
        inbox = reverse("sanctions:authority-inbox")
        urls += [inbox] + [f"{inbox}?tab={tab}" for tab, _label in TAB_LABELS]
        urls += [reverse("sanctions:authority-handover")]
        urls += [
            reverse("sanctions:authority-case", args=[r.case.code]) for r in _one_per_status(recs)
        ]
        waiting = ReportedPerson.objects.filter(
            case__status=CaseStatus.FORWARDED,
            case__forwarding__authority__code="BKN",
            decision__proven=True,
            recommendation__isnull=True,
        ).select_related("case")
        urls += [
            reverse("sanctions:authority-recommend", args=[p.case.code, p.pk])
            for p in waiting.order_by("pk")[:3]
        ]
    if user.role == Role.AGENCY_PERSONNEL:
        mine = recs.filter(agency=user.agency)
        urls += [reverse("sanctions:ppk-inbox"), reverse("sanctions:ppk-inbox") + "?done=1"]
        urls += [
            reverse("sanctions:ppk-recommendation", args=[r.pk]) for r in _one_per_status(mine)
        ]
    if user.role in (Role.AUTHORITY_ANALYST, Role.AGENCY_PERSONNEL, Role.AGENCY_ADMIN):
        scope = recs if user.agency_id is None else recs.filter(agency_id=user.agency_id)
        employees = scope.filter(reported_person__employee__isnull=False)
        for rec in employees.values_list("reported_person__employee", flat=True)[:3]:
            urls.append(reverse("sanctions:ppk-employee-record", args=[rec]))
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


STAGE_FOUR_USERS = ("bkn.analis", "ppk.samarinda", "ppk.kaltim", "admin.samarinda")


def test_stage_four_pages_in_english_show_the_datas_english_titles():
    """The other way round: violation titles and sanction names follow the page's language, so an
    English page shows no Indonesian title from the catalogue (``ViolationType.label``,
    ``SanctionType.label``)."""
    DemoWorld(seed=7, employees=300, cases=120).build()
    pairs = list(ViolationType.objects.values_list("title_id", "title_en"))
    pairs += list(SanctionType.objects.values_list("name_id", "name_en"))
    phrases = {i for i, e in pairs if i and i != e and len(i) >= 12}
    pattern = re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)))
    leaks: dict[str, list[str]] = {}
    pages = 0
    for user in User.objects.filter(username__in=STAGE_FOUR_USERS).order_by("username"):
        client = Client()
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        for url in _stage_four_urls(user):
            response = client.get(url)
            if response.status_code in (302, 403, 404):
                continue
            assert response.status_code == 200, (user.username, url, response.status_code)
            pages += 1
            found = sorted(set(pattern.findall(response.content.decode())))
            if found:
                leaks[f"{user.username} {url}"] = found
    assert pages > 15
    assert leaks == {}
