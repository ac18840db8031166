"""When the PPK does not act: the overdue flag and reminder, the block, the escalation after rule
A5's period, and the answer to a contest — each refusal a 4xx with nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from netra.accounts.tests import factories
from netra.cases.models import CaseEvent, CaseStatus, DocumentKind, EventKind
from netra.sanctions.models import Block, Contest, Escalation, Recommendation
from netra.sanctions.services import enforcement
from netra.sanctions.services.authority_base import Conflict, NotYours, Refused
from netra.sanctions.services.recommending import issue_recommendation

from .conftest import forwarded_case, proven_person

pytestmark = pytest.mark.django_db
S = Recommendation.Status
TODAY = timezone.localdate


def _recommendation(bkn, *, days_ago: int = 0) -> Recommendation:
    case = forwarded_case(forwarded_on=TODAY() - dt.timedelta(days=days_ago + 2))
    return issue_recommendation(
        person=proven_person(case),
        actor=bkn,
        level="berat",
        reasoning="Terbukti.",
        issued_on=TODAY() - dt.timedelta(days=days_ago),
    )


def test_steps_table_is_exhaustive():
    for status in S.values:
        for name in ("block", "escalate", "maintain", "withdraw"):
            if (status, name) in enforcement.STEPS:
                assert enforcement.next_status(status, name) in S.values
            else:
                with pytest.raises(Conflict):
                    enforcement.next_status(status, name)


def test_flag_overdue_flags_once_and_reminds_the_ppk(bkn, django_capture_on_commit_callbacks):
    ppk = factories.personnel("ppk.x")
    ppk.email = "ppk@example.go.id"
    ppk.save()
    late = _recommendation(bkn, days_ago=11)
    on_time = _recommendation(bkn, days_ago=2)
    with django_capture_on_commit_callbacks(execute=True):
        assert enforcement.flag_overdue() == 1
    late.refresh_from_db()
    on_time.refresh_from_db()
    assert late.due_on and late.overdue_since == late.due_on + dt.timedelta(days=1)
    assert on_time.overdue_since is None
    assert [m.to for m in mail.outbox] == [["ppk@example.go.id"]]
    assert CaseEvent.objects.filter(kind=EventKind.ENFORCEMENT, data__step="overdue").count() == 1
    assert enforcement.flag_overdue() == 0  # idempotent
    assert len(mail.outbox) == 1


def test_block_needs_an_overdue_recommendation_and_only_one_at_a_time(bkn):
    fresh = _recommendation(bkn)
    with pytest.raises(Conflict, match="not run out"):
        enforcement.block_personnel_data(
            recommendation=fresh, actor=bkn, blocked_on=TODAY(), letter_number="B-1"
        )
    late = _recommendation(bkn, days_ago=11)
    with pytest.raises(Refused, match="blocking letter"):
        enforcement.block_personnel_data(
            recommendation=late, actor=bkn, blocked_on=TODAY(), letter_number=" "
        )
    block = enforcement.block_personnel_data(
        recommendation=late, actor=bkn, blocked_on=TODAY(), letter_number="B-2"
    )
    assert block.letter_number == "B-2"
    late.refresh_from_db()
    assert late.overdue_since and late.status == S.ISSUED
    with pytest.raises(Conflict, match="already blocked"):
        enforcement.block_personnel_data(
            recommendation=late, actor=bkn, blocked_on=TODAY(), letter_number="B-3"
        )
    assert Block.objects.count() == 1


def test_escalation_waits_for_rule_a5_after_the_block_then_issues_a_letter(bkn):
    rec = _recommendation(bkn, days_ago=40)
    with pytest.raises(Conflict, match="block"):
        enforcement.escalate_recommendation(recommendation=rec, actor=bkn)
    enforcement.block_personnel_data(
        recommendation=rec,
        actor=bkn,
        blocked_on=TODAY() - dt.timedelta(days=5),
        letter_number="B-9",
    )
    with pytest.raises(Conflict, match="rule A5"):
        enforcement.escalate_recommendation(recommendation=rec, actor=bkn)
    assert not Escalation.objects.exists()
    Block.objects.update(blocked_on=TODAY() - dt.timedelta(days=15))
    escalation = enforcement.escalate_recommendation(recommendation=rec, actor=bkn)
    rec.refresh_from_db()
    assert rec.status == S.ESCALATED
    assert escalation.addressed_to == "Menteri Dalam Negeri"
    assert escalation.letter is not None
    assert escalation.letter.kind == DocumentKind.ESCALATION
    assert escalation.letter.number.startswith("ESK-")
    assert rec.number in escalation.letter.html
    with pytest.raises(Conflict):
        enforcement.escalate_recommendation(recommendation=rec, actor=bkn)


def _contest(rec, ppk):
    Recommendation.objects.filter(pk=rec.pk).update(status=S.CONTESTED)
    Contest.objects.create(
        recommendation=rec, reasons="Sudah pensiun.", recorded_by=ppk, recorded_at=timezone.now()
    )
    rec.refresh_from_db()


def test_maintaining_a_contest_reissues_with_a_new_due_date(bkn, ppk):
    rec = _recommendation(bkn, days_ago=20)
    _contest(rec, ppk)
    answered = enforcement.answer_contest(
        recommendation=rec, actor=bkn, decision="maintain", answer="Tetap."
    )
    assert answered.status == S.ISSUED
    assert answered.due_on == TODAY() + dt.timedelta(days=10) and answered.overdue_since is None
    assert Contest.objects.get().answered_by == bkn
    with pytest.raises(Conflict):
        enforcement.answer_contest(recommendation=rec, actor=bkn, decision="withdraw", answer="x")


def test_withdrawing_settles_and_closes_the_case(bkn, ppk):
    rec = _recommendation(bkn)
    _contest(rec, ppk)
    with pytest.raises(Refused, match="maintain or to withdraw"):
        enforcement.answer_contest(recommendation=rec, actor=bkn, decision="x", answer="y")
    with pytest.raises(Refused, match="answer"):
        enforcement.answer_contest(recommendation=rec, actor=bkn, decision="withdraw", answer="")
    enforcement.answer_contest(recommendation=rec, actor=bkn, decision="withdraw", answer="Benar.")
    rec.refresh_from_db()
    assert rec.status == S.WITHDRAWN and rec.settled_at
    assert rec.case.status == CaseStatus.CLOSED


def test_another_authority_cannot_act_on_the_recommendation(bkn, ppk, officer):
    rec = _recommendation(bkn, days_ago=11)
    Recommendation.objects.filter(pk=rec.pk).update(report_to=None, authority=_kasn())
    for user in (bkn, ppk, officer):
        with pytest.raises(NotYours):
            enforcement.block_personnel_data(
                recommendation=rec, actor=user, blocked_on=TODAY(), letter_number="B"
            )
    assert not Block.objects.exists()


def _kasn():
    from netra.reference.models import CivilServiceAuthority

    return CivilServiceAuthority.objects.get(code="KASN")
