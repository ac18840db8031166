"""The recommendation per proven person: what the rule allows, the letter, the number, the clock,
the referral route, and every refusal leaving nothing written."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from netra.audit.models import AuditEntry
from netra.cases.models import CaseEvent, CaseStatus, DocumentKind, EventKind, IssuedDocument
from netra.reference.models import SanctionType
from netra.sanctions.models import Recommendation
from netra.sanctions.services.authority_base import Conflict, NotYours, Refused
from netra.sanctions.services.recommending import issue_recommendation, person_facts

from .conftest import forwarded_case, proven_person

pytestmark = pytest.mark.django_db

HD_B1 = "HD-B1"


def _issue(person, actor, **kw):
    kw.setdefault("level", "berat")
    kw.setdefault("reasoning", "Terbukti memasang foto bersama calon.")
    return issue_recommendation(person=person, actor=actor, **kw)


def test_issues_an_allowed_recommendation_with_letter_number_and_a2_due_date(bkn):
    case = forwarded_case()
    person = proven_person(case)
    sanction = SanctionType.objects.get(code=HD_B1)
    rec = _issue(person, bkn, sanction_type=sanction)
    today = timezone.localdate()
    assert rec.status == Recommendation.Status.ISSUED
    assert rec.number.startswith("RS-") and rec.number.endswith(f"/BKN/{today.year}")
    assert rec.due_on == today + dt.timedelta(days=10) and rec.deadline_rule == "A2"
    assert rec.group == "discipline" and rec.employee_kind == "pns"
    assert [v.code for v in rec.violation_types.all()] == ["DS-01"]
    assert rec.report_to.code == "BKN" and rec.agency.code == "PEMKOT-64.72"
    letter = rec.letter
    assert letter.kind == DocumentKind.RECOMMENDATION and letter.number == rec.number
    assert "Badan Kepegawaian Negara".upper() in letter.html and person.name in letter.html
    assert "/verify/" in letter.html
    event = CaseEvent.objects.get(case=case, kind=EventKind.RECOMMENDATION)
    assert event.reporter_note == "" and event.data["number"] == rec.number
    assert AuditEntry.objects.filter(action="sanctions.recommendation_issued").exists()


def test_the_due_date_follows_the_a2_value_in_the_rules_table(bkn):
    from netra.reference.models import DeadlineRule
    from netra.reference.snapshots import clear_all

    DeadlineRule.objects.filter(code="A2").update(value=3)
    clear_all()
    rec = _issue(proven_person(forwarded_case()), bkn)
    assert rec.due_on == timezone.localdate() + dt.timedelta(days=3)


def test_a2_is_a_service_level_of_ten_days_with_its_sources():
    from netra.reference.models import DeadlineRule

    a2 = DeadlineRule.objects.get(code="A2")
    assert (a2.value, a2.unit, a2.status) == (10, "calendar_day", "no_statutory_basis")
    assert "10" in a2.note and "3 days" in a2.note and len(a2.sources) == 3
    a5 = DeadlineRule.objects.get(code="A5")
    assert a5.value and a5.status == "no_statutory_basis"


@pytest.mark.parametrize(
    ("level", "sanction", "message"),
    [
        ("ringan", None, "not allowed for this person"),
        ("berat", "HD-R1", "is not allowed"),
        ("sedang", "HD-S6", "not allowed for this person"),
        ("nonsense", None, "not allowed for this person"),
    ],
)
def test_refuses_a_sanction_the_rule_does_not_allow_and_writes_nothing(
    bkn, level, sanction, message
):
    person = proven_person(forwarded_case())
    sanction_type = SanctionType.objects.get(code=sanction) if sanction else None
    before = (IssuedDocument.objects.count(), CaseEvent.objects.count())
    with pytest.raises(Refused) as refused:
        _issue(person, bkn, level=level, sanction_type=sanction_type)
    assert refused.value.status_code == 400 and message in refused.value.message
    assert not Recommendation.objects.exists()
    assert (IssuedDocument.objects.count(), CaseEvent.objects.count()) == before


def test_a_second_recommendation_for_the_same_person_is_a_conflict(bkn):
    person = proven_person(forwarded_case())
    first = _issue(person, bkn)
    with pytest.raises(Conflict) as refused:
        _issue(person, bkn)
    assert refused.value.status_code == 409
    assert Recommendation.objects.get() == first


def test_another_authoritys_file_and_non_analysts_are_refused(bkn, officer, ppk):
    kasn_case = forwarded_case(authority="KASN", forwarded_on=dt.date(2024, 8, 20))
    with pytest.raises(NotYours):
        _issue(proven_person(kasn_case), bkn)
    person = proven_person(forwarded_case())
    for user in (officer, ppk):
        with pytest.raises(NotYours):
            _issue(person, user)
    assert not Recommendation.objects.exists()


def test_unproven_persons_and_bad_dates_are_refused(bkn):
    case = forwarded_case(unproven=1)
    unproven = case.reported_persons.get(decision__proven=False)
    with pytest.raises(Refused, match="found in violation"):
        _issue(unproven, bkn)
    person = proven_person(case)
    with pytest.raises(Refused, match="future"):
        _issue(person, bkn, issued_on=timezone.localdate() + dt.timedelta(days=1))
    with pytest.raises(Refused, match="before Bawaslu forwarded"):
        _issue(person, bkn, issued_on=case.forwarding.forwarded_on - dt.timedelta(days=1))
    with pytest.raises(Refused, match="reasoning"):
        _issue(person, bkn, reasoning="  ")
    assert not Recommendation.objects.exists()


def test_a_village_head_is_referred_by_letter_and_the_case_closes(bkn):
    case = forwarded_case(category="village_head")
    rec = _issue(proven_person(case), bkn, level="")
    assert rec.status == Recommendation.Status.REFERRED and rec.route == "own_authority"
    assert rec.recommended_sanction is None and rec.due_on is None and rec.settled_at
    assert rec.letter.kind == DocumentKind.REFERRAL and rec.number.startswith("RJ-")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    closing = CaseEvent.objects.filter(case=case, to_status=CaseStatus.CLOSED).get()
    assert closing.reporter_note


def test_the_case_stays_open_while_another_proven_person_waits(bkn):
    case = forwarded_case(proven=2, category="village_head")
    _issue(proven_person(case, 0), bkn, level="")
    case.refresh_from_db()
    assert case.status == CaseStatus.FORWARDED
    _issue(proven_person(case, 1), bkn, level="")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_earlier_proven_violations_of_the_same_nip_are_counted(bkn):
    old = forwarded_case(forwarded_on=timezone.localdate() - dt.timedelta(days=40))
    new = forwarded_case()
    earlier, person = proven_person(old), proven_person(new)
    person.nip = earlier.nip
    person.save()
    assert person_facts(person).earlier_proven == 1
    rec = _issue(person, bkn)
    assert rec.earlier_proven == 1


@pytest.mark.django_db(transaction=True)
def test_numbers_stay_unique_when_two_analysts_issue_at_once(reference_data, bkn):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the row lock is exercised on PostgreSQL")
    persons = [proven_person(forwarded_case()) for _ in range(2)]
    errors: list[Exception] = []

    def run(person):
        try:
            _issue(person, bkn)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(p,)) for p in persons]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    numbers = sorted(Recommendation.objects.values_list("number", flat=True))
    assert len(set(numbers)) == 2
