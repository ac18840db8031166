"""The institutional hand-over (SE MenPAN-RB 4/2024), on both sides of its date: processed files
(a recommendation issued before the date) report to MenPAN-RB, the rest go to BKN."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from netra.audit.models import AuditEntry
from netra.cases.models import CaseEvent, EventKind, Forwarding
from netra.reference.models import CatalogueVersion, CivilServiceAuthority
from netra.sanctions.models import Handover, HandoverItem, Recommendation
from netra.sanctions.services.authority_base import NotYours, Refused
from netra.sanctions.services.handover import perform_handover, plan_handover
from netra.sanctions.services.recommending import issue_recommendation

from .conftest import forwarded_case, proven_person

pytestmark = pytest.mark.django_db
DATE = dt.date(2024, 9, 4)
S = Recommendation.Status


def _authority(code):
    return CivilServiceAuthority.objects.get(code=code)


def _kasn_recommendation(person, issued_on, status=S.ISSUED):
    return Recommendation.objects.create(
        case=person.case,
        reported_person=person,
        authority=_authority("KASN"),
        report_to=_authority("KASN"),
        agency=person.agency,
        number=f"KASN-{person.pk}",
        issued_on=issued_on,
        catalogue_version=CatalogueVersion.objects.order_by("-effective_from")[0],
        recommended_level="berat",
        status=status,
    )


@pytest.fixture
def kasn_files():
    processed = forwarded_case(authority="KASN", forwarded_on=dt.date(2024, 8, 1))
    waiting = forwarded_case(authority="KASN", forwarded_on=dt.date(2024, 8, 20))
    on_the_day = forwarded_case(authority="KASN", forwarded_on=dt.date(2024, 8, 25))
    settled = forwarded_case(authority="KASN", forwarded_on=dt.date(2024, 7, 1))
    partly = forwarded_case(authority="KASN", forwarded_on=dt.date(2024, 8, 2), proven=2)
    bkn_own = forwarded_case(authority="BKN", forwarded_on=dt.date(2024, 9, 10))
    recs = {
        "processed": _kasn_recommendation(proven_person(processed), DATE - dt.timedelta(days=1)),
        "on_the_day": _kasn_recommendation(proven_person(on_the_day), DATE),
        "settled": _kasn_recommendation(proven_person(settled), dt.date(2024, 7, 5), S.FOLLOWED_UP),
        "partly": _kasn_recommendation(proven_person(partly, 0), dt.date(2024, 8, 30)),
    }
    cases = {
        "processed": processed,
        "waiting": waiting,
        "on_the_day": on_the_day,
        "settled": settled,
        "partly": partly,
        "bkn_own": bkn_own,
    }
    return cases, recs


def _plan():
    return plan_handover(
        from_authority=_authority("KASN"), to_authority=_authority("BKN"), effective_on=DATE
    )


def test_menpanrb_is_never_competent_for_a_forward():
    def code(day):
        found = CivilServiceAuthority.competent_on(day)
        return found.code if found else None

    assert [code(d) for d in (dt.date(2024, 9, 3), DATE, timezone.localdate())] == [
        "KASN",
        "BKN",
        "BKN",
    ]


def test_the_dry_run_sorts_files_by_the_date_and_writes_nothing(kasn_files):
    cases, recs = kasn_files
    plan = _plan()
    moves = {(i.kind, i.case.code, i.to.code) for i in plan.items}
    assert moves == {
        ("recommendation", cases["processed"].code, "MENPANRB"),  # issued the day before
        ("recommendation", cases["partly"].code, "MENPANRB"),
        ("forwarding", cases["partly"].code, "BKN"),  # its second person was never recommended
        ("forwarding", cases["waiting"].code, "BKN"),
        ("forwarding", cases["on_the_day"].code, "BKN"),  # issued on the date: not before it
    }
    assert plan.counts == {"forwarding": 3, "recommendation": 2}
    assert not Handover.objects.exists()
    assert Forwarding.objects.filter(authority__code="KASN").count() == 5


def test_performing_moves_exactly_the_plan_and_keeps_history(bkn, kasn_files):
    cases, recs = kasn_files
    planned = {(i.kind, i.case.pk) for i in _plan().items}
    handover = perform_handover(
        from_authority=_authority("KASN"),
        to_authority=_authority("BKN"),
        effective_on=DATE,
        actor=bkn,
    )
    assert {(i.kind, i.case_id) for i in handover.items.all()} == planned
    recs["processed"].refresh_from_db()
    assert recs["processed"].report_to.code == "MENPANRB"
    assert recs["processed"].authority.code == "KASN"  # who issued it does not change
    recs["settled"].refresh_from_db()
    assert recs["settled"].report_to.code == "KASN"
    assert Forwarding.objects.get(case=cases["waiting"]).authority.code == "BKN"
    assert Forwarding.objects.get(case=cases["processed"]).authority.code == "KASN"
    assert CaseEvent.objects.filter(kind=EventKind.TRANSFER).count() == len(planned)
    assert AuditEntry.objects.filter(action="sanctions.handover").count() == 1
    assert HandoverItem.objects.filter(from_authority__code="KASN").count() == len(planned)
    assert _plan().items == []  # nothing left to move
    # BKN can now recommend the waiting file's person.
    rec = issue_recommendation(
        person=proven_person(cases["waiting"]), actor=bkn, level="berat", reasoning="Terbukti."
    )
    assert rec.authority.code == "BKN"


def test_a_handover_to_the_same_authority_is_refused(bkn, kasn_files):
    with pytest.raises(Refused, match="another authority"):
        perform_handover(
            from_authority=_authority("BKN"),
            to_authority=_authority("BKN"),
            effective_on=DATE,
            actor=bkn,
        )
    assert not Handover.objects.exists()


def test_only_an_analyst_of_either_authority_performs_it(ppk, officer, kasn_files):
    for user in (ppk, officer):
        with pytest.raises(NotYours):
            perform_handover(
                from_authority=_authority("KASN"),
                to_authority=_authority("BKN"),
                effective_on=DATE,
                actor=user,
            )
    assert not Handover.objects.exists()
