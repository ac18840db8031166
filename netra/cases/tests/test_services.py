"""Case handling services: the whole path, handing over, merging, splitting, the decision under the
catalogue in force, forwarding by date (KASN/BKN), notes, and refusals that write nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from netra.audit.models import AuditEntry
from netra.cases import selectors, services
from netra.cases.models import Case, CaseEvent, CaseStatus, Decision, EventKind, Forwarding
from netra.cases.public import reporter_timeline
from netra.cases.services import Finding
from netra.cases.workflow import CaseError, TransitionNotAllowed
from netra.reports.models import Report

from .conftest import make_case

pytestmark = pytest.mark.django_db
S = CaseStatus


def at(day, hour=10):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def walk_to(case, officer, status):
    """Drive ``case`` along the main path up to ``status`` through the services."""
    steps = [
        (S.INITIAL_REVIEW, lambda c: services.start_review(case=c, actor=officer)),
        (S.REGISTERED, lambda c: services.register_case(case=c, actor=officer, reason="ok")),
        (S.CLARIFICATION, lambda c: services.start_clarification(case=c, actor=officer)),
        (
            S.DECIDED,
            lambda c: services.decide_case(
                case=c,
                actor=officer,
                decided_on=timezone.localdate(),
                findings=[Finding(p.pk, True, ("DS-01",)) for p in c.reported_persons.all()],
            ),
        ),
        (S.FORWARDED, lambda c: services.forward_case(case=c, actor=officer)),
    ]
    for target, step in steps:
        if case.status == status:
            break
        case = step(case)
        assert case.status == target
    return case


def test_the_main_path_records_who_when_why_and_keeps_the_deadline(samarinda):
    case = make_case()
    case = walk_to(case, samarinda, S.FORWARDED)
    events = list(case.events.order_by("at", "id"))
    assert [e.to_status for e in events] == [
        S.RECEIVED,
        S.INITIAL_REVIEW,
        S.REGISTERED,
        S.CLARIFICATION,
        S.DECIDED,
        S.FORWARDED,
    ]
    assert all(e.actor == samarinda for e in events[1:])
    assert events[2].reason == "ok"
    actions = set(
        AuditEntry.objects.filter(target_type="cases.case", target_id=str(case.pk)).values_list(
            "action", flat=True
        )
    )
    assert {"case.start_review", "case.register", "case.decide", "case.forward"} <= actions
    assert case.registered_at and case.decided_at and case.forwarded_at
    # Forwarded: the authority's service level runs, no statutory due date.
    assert case.due_on is None and case.deadline_rule == "A1"
    case = services.close_case(case=case, actor=samarinda, reason="Recommendation received.")
    assert case.status == S.CLOSED and case.closed_at and case.deadline_rule == ""


def test_due_on_is_recomputed_on_each_transition(samarinda):
    case = make_case(election="pemilu-2024")
    assert case.deadline_rule == "P2"
    case = walk_to(case, samarinda, S.REGISTERED)
    assert case.deadline_rule == "P4"
    assert case.due_on == timezone.localdate(case.registered_at) + dt.timedelta(days=7)
    case = services.request_more_time(case=case, actor=samarinda, reason="Agency data needed")
    assert case.deadline_rule == "P5" and case.needs_more_info
    with pytest.raises(CaseError, match="already been extended"):
        services.request_more_time(case=case, actor=samarinda, reason="again")


def test_declining_registration_tells_the_reporter_why(samarinda):
    case = walk_to(make_case(reports=2), samarinda, S.INITIAL_REVIEW)
    with pytest.raises(CaseError):
        services.decline_registration(case=case, actor=samarinda, reason="  ")
    case = services.decline_registration(
        case=case, actor=samarinda, reason="The report names no one."
    )
    assert case.status == S.NOT_REGISTERED and case.closed_at
    # Each reporter reads the reason on their follow page (the case's reporter-visible timeline).
    notes = [
        [e.note for e in reporter_timeline(case_id=case.pk, report_id=r.pk) if e.note]
        for r in Report.objects.filter(case=case)
    ]
    assert len(notes) == 2 and all(any("The report names no one." in n for n in ns) for ns in notes)


# --- Jurisdiction ---------------------------------------------------------------------------------


def test_an_officer_of_another_jurisdiction_cannot_act(samarinda, kukar, kaltim):
    case = make_case()  # handled by Bawaslu Kota Samarinda
    events = CaseEvent.objects.count()
    for step in (
        lambda: services.start_review(case=case, actor=kukar),
        lambda: services.add_note(case=case, actor=kukar, body="x"),
        lambda: services.hand_over(case=case, actor=kukar, direction="up", reason="x"),
    ):
        with pytest.raises(PermissionDenied):
            step()
    assert CaseEvent.objects.count() == events
    # The province above may act on it.
    assert services.start_review(case=case, actor=kaltim).status == S.INITIAL_REVIEW


def test_other_roles_cannot_act_even_on_a_visible_case(samarinda):
    from netra.accounts.tests import factories

    case = walk_to(make_case(), samarinda, S.FORWARDED)
    analyst = factories.analyst()
    assert selectors.case_for_handling(analyst, case.code) is not None  # BKN sees forwarded cases
    with pytest.raises(PermissionDenied):
        services.close_case(case=case, actor=analyst, reason="x")


# --- Handing over ---------------------------------------------------------------------------------


def test_hand_up_and_down_a_level(samarinda, kaltim, ri):
    case = make_case()
    case = services.hand_over(case=case, actor=samarinda, direction="up", reason="Provincial post")
    assert (case.handling_level, case.jurisdiction_code) == ("province", "64")
    with pytest.raises(PermissionDenied):  # no longer Samarinda's
        services.start_review(case=case, actor=samarinda)
    case = services.hand_over(case=case, actor=kaltim, direction="up", reason="Ministry official")
    assert (case.handling_level, case.jurisdiction_code) == ("ri", "")
    with pytest.raises(CaseError, match="highest"):
        services.hand_over(case=case, actor=ri, direction="up", reason="x")
    with pytest.raises(CaseError):
        services.hand_over(case=case, actor=ri, direction="down", to_code="64.72", reason="x")
    case = services.hand_over(case=case, actor=ri, direction="down", to_code="64", reason="back")
    case = services.hand_over(
        case=case, actor=kaltim, direction="down", to_code="64.72", reason="City official"
    )
    assert (case.handling_level, case.jurisdiction_code) == ("regency", "64.72")
    handovers = case.events.filter(kind=EventKind.HANDOVER).order_by("at", "id")
    assert [(e.data["from_office"], e.data["to_office"]) for e in handovers] == [
        ("64.72", "64"),
        ("64", ""),
        ("", "64"),
        ("64", "64.72"),
    ]
    assert AuditEntry.objects.filter(action="case.hand_over").count() == 4


def test_hand_down_refuses_an_office_outside_the_province(kaltim):
    case = make_case(agency="PEMPROV-64")
    with pytest.raises(CaseError, match="not an office directly below"):
        services.hand_over(case=case, actor=kaltim, direction="down", to_code="63.71", reason="x")
    with pytest.raises(CaseError, match="Unknown region"):
        services.hand_over(case=case, actor=kaltim, direction="down", to_code="99.99", reason="x")


# --- Merging and splitting ----------------------------------------------------------------------


def test_merge_moves_reports_and_persons_keeps_both_timelines_and_tells_reporters(samarinda):
    survivor = walk_to(make_case(reports=1), samarinda, S.INITIAL_REVIEW)
    duplicate = walk_to(make_case(reports=2, persons=2), samarinda, S.INITIAL_REVIEW)
    moved = list(Report.objects.filter(case=duplicate).values_list("pk", flat=True))
    duplicate_events = duplicate.events.count()

    services.merge_cases(case=survivor, others=[duplicate], actor=samarinda, reason="Same rally")

    duplicate.refresh_from_db()
    assert duplicate.status == S.CLOSED and duplicate.merged_into == survivor
    assert Report.objects.filter(case=survivor).count() == 3
    assert survivor.reported_persons.count() == 3
    # The duplicate keeps its own history, plus the merge; the survivor records it too.
    assert duplicate.events.count() == duplicate_events + 1
    assert duplicate.events.last().kind == EventKind.MERGE_OUT
    merge_in = survivor.events.get(kind=EventKind.MERGE_IN)
    assert merge_in.data["from_case"] == duplicate.code and merge_in.data["reports"] == moved
    # Each moved reporter reads it on their follow page and their timeline covers both cases.
    for report in Report.objects.filter(pk__in=moved):
        timeline = reporter_timeline(case_id=report.case_id, report_id=report.pk)
        assert any(survivor.code in e.note for e in timeline)
        assert {e.case_code for e in timeline} == {duplicate.code, survivor.code}
        assert any(survivor.code in e.label for e in timeline)


def test_merge_refuses_another_election_a_decided_case_and_a_foreign_case(samarinda, kukar):
    survivor = make_case()
    other_election = make_case(election="pemilu-2024")
    decided = walk_to(make_case(), samarinda, S.DECIDED)
    foreign = make_case(agency="PEMKAB-64.02")
    with pytest.raises(CaseError, match="another election"):
        services.merge_cases(case=survivor, others=[other_election], actor=samarinda, reason="x")
    with pytest.raises(TransitionNotAllowed):
        services.merge_cases(case=survivor, others=[decided], actor=samarinda, reason="x")
    with pytest.raises(PermissionDenied):
        services.merge_cases(case=survivor, others=[foreign], actor=samarinda, reason="x")
    assert Case.objects.filter(merged_into__isnull=False).count() == 0
    assert Report.objects.filter(case=survivor).count() == 1


def test_merge_keeps_the_earliest_receipt_for_the_statutory_clock(samarinda):
    early = make_case(received_at=timezone.now() - dt.timedelta(days=1))
    late = make_case()
    services.merge_cases(case=late, others=[early], actor=samarinda, reason="same")
    late.refresh_from_db()
    assert late.received_at == early.received_at
    assert late.due_on == timezone.localdate(early.received_at) + dt.timedelta(days=3)


def test_split_moves_the_chosen_reports_and_persons_into_a_new_case(samarinda):
    case = walk_to(make_case(reports=2, persons=2), samarinda, S.REGISTERED)
    report = Report.objects.filter(case=case).order_by("pk").last()
    person = case.reported_persons.order_by("pk").last()
    assert report is not None and person is not None
    new = services.split_case(
        case=case,
        actor=samarinda,
        report_ids=[report.pk],
        person_ids=[person.pk],
        reason="Another event",
    )
    assert new.split_from == case and new.status == S.REGISTERED
    assert list(Report.objects.filter(case=new)) == [report]
    assert list(new.reported_persons.all()) == [person]
    assert case.reported_persons.count() == 1 and Report.objects.filter(case=case).count() == 1
    timeline = reporter_timeline(case_id=new.pk, report_id=report.pk)
    assert any(new.code in e.note for e in timeline)
    assert case.events.filter(kind=EventKind.SPLIT_OUT, data__into=new.code).exists()
    assert new.due_on is not None
    with pytest.raises(CaseError, match="at least one"):
        services.split_case(case=case, actor=samarinda, report_ids=[], person_ids=[], reason="x")
    last = Report.objects.get(case=case)
    with pytest.raises(CaseError, match="Leave at least one"):
        services.split_case(
            case=case, actor=samarinda, report_ids=[last.pk], person_ids=[], reason="x"
        )


# --- Decision and forwarding ----------------------------------------------------------------------


def test_decision_per_person_under_the_catalogue_version_in_force(samarinda):
    case = walk_to(make_case(persons=2), samarinda, S.CLARIFICATION)
    a, b = case.reported_persons.order_by("pk")
    with pytest.raises(CaseError, match="each reported person"):
        services.decide_case(
            case=case,
            actor=samarinda,
            decided_on=timezone.localdate(),
            findings=[Finding(a.pk, True, ("DS-01",))],
        )
    with pytest.raises(CaseError, match="Not in catalogue"):
        services.decide_case(
            case=case,
            actor=samarinda,
            decided_on=timezone.localdate(),
            findings=[Finding(a.pk, True, ("XX-99",)), Finding(b.pk, False)],
        )
    assert not Decision.objects.filter(case=case).exists()
    case = services.decide_case(
        case=case,
        actor=samarinda,
        decided_on=timezone.localdate(),
        findings=[
            Finding(a.pk, True, ("DS-01", "KE-02"), ("PID-08",), "Photos and witnesses"),
            Finding(b.pk, False),
        ],
    )
    first = Decision.objects.get(reported_person=a)
    # The corrected catalogue is in force from 2026-11-30 (docs/legal/catalogue-review.md §4).
    assert first.catalogue_version.code == "skb-5kl-2022-rev-2026-11"
    assert first.decided_by == samarinda
    assert sorted(first.violation_types.values_list("code", flat=True)) == ["DS-01", "KE-02"]
    assert first.touches_election_law
    assert not Decision.objects.get(reported_person=b).proven
    # Pilkada and a criminal article: Gakkumdu within 24 hours (K7) is the running deadline.
    assert case.deadline_rule == "K7"
    assert case.decided_at is not None
    assert case.due_on == timezone.localdate(case.decided_at + dt.timedelta(hours=24))


def test_a_pemilu_criminal_article_is_refused_for_a_pilkada_case(samarinda):
    case = walk_to(make_case(), samarinda, S.REGISTERED)
    person = case.reported_persons.get()
    with pytest.raises(CaseError, match="criminal article"):
        services.decide_case(
            case=case,
            actor=samarinda,
            decided_on=timezone.localdate(),
            findings=[Finding(person.pk, True, ("DS-01",), ("PID-01",))],
        )


@pytest.mark.parametrize(
    ("forwarded_on", "authority"),
    [(dt.date(2024, 9, 3), "KASN"), (dt.date(2024, 9, 4), "BKN"), (dt.date(2024, 10, 1), "BKN")],
)
def test_forwarding_picks_the_authority_competent_on_the_date(samarinda, forwarded_on, authority):
    case = make_case(received_at=at(dt.date(2024, 8, 20)))
    case = walk_to(case, samarinda, S.CLARIFICATION)
    person = case.reported_persons.get()
    case = services.decide_case(
        case=case,
        actor=samarinda,
        decided_on=dt.date(2024, 8, 30),
        findings=[Finding(person.pk, True, ("KE-03",))],
    )
    case = services.forward_case(case=case, actor=samarinda, forwarded_on=forwarded_on)
    forwarding = Forwarding.objects.get(case=case)
    assert forwarding.authority.code == authority and not forwarding.touches_election_law
    assert timezone.localdate(case.forwarded_at) == forwarded_on


def test_nothing_proven_cannot_be_forwarded_and_is_closed(samarinda):
    case = walk_to(make_case(), samarinda, S.CLARIFICATION)
    person = case.reported_persons.get()
    case = services.decide_case(
        case=case,
        actor=samarinda,
        decided_on=timezone.localdate(),
        findings=[Finding(person.pk, False)],
    )
    with pytest.raises(CaseError, match="close the case"):
        services.forward_case(case=case, actor=samarinda)
    assert Case.objects.get(pk=case.pk).status == S.DECIDED
    assert services.close_case(case=case, actor=samarinda, reason="Not proven").status == S.CLOSED


def test_dates_in_the_future_or_before_receipt_are_refused(samarinda):
    case = walk_to(make_case(), samarinda, S.REGISTERED)
    person = case.reported_persons.get()
    for day in (timezone.localdate() + dt.timedelta(days=1), dt.date(2020, 1, 1)):
        with pytest.raises(CaseError):
            services.decide_case(
                case=case, actor=samarinda, decided_on=day, findings=[Finding(person.pk, False)]
            )


# --- Clarification and notes ----------------------------------------------------------------------


def test_clarification_invitations_and_minutes(samarinda):
    case = walk_to(make_case(), samarinda, S.REGISTERED)
    hearing = services.invite_to_clarification(
        case=case,
        actor=samarinda,
        invitee_name="Pelapor",
        invitee_role="reporter",
        scheduled_at=timezone.now() - dt.timedelta(hours=3),
        place="Kantor Bawaslu Kota Samarinda",
    )
    with pytest.raises(CaseError, match="in clarification"):
        services.record_clarification_minutes(
            case=case,
            actor=samarinda,
            clarification_id=hearing.pk,
            held_at=timezone.now(),
            attendees="A",
            statements="B",
        )
    case = services.start_clarification(case=case, actor=samarinda)
    # Minutes of a hearing that has not happened yet are refused (issue 14).
    for held_at, why in (
        (timezone.now() + dt.timedelta(hours=1), "in the future"),
        (timezone.now() - dt.timedelta(hours=4), "before the time it was scheduled"),
    ):
        with pytest.raises(CaseError, match=why):
            services.record_clarification_minutes(
                case=case,
                actor=samarinda,
                clarification_id=hearing.pk,
                held_at=held_at,
                attendees="A",
                statements="B",
            )
    hearing = services.record_clarification_minutes(
        case=case,
        actor=samarinda,
        clarification_id=hearing.pk,
        held_at=timezone.now(),
        attendees="Siti, reporter\nAndi, officer",
        statements="The reporter confirmed the photos.",
        evidence="3 photos",
    )
    assert hearing.attendee_list == ["Siti, reporter", "Andi, officer"]
    assert AuditEntry.objects.filter(action__startswith="case.clarification_").count() == 2


def test_notes_are_recorded_and_audited(samarinda):
    case = make_case()
    note = services.add_note(case=case, actor=samarinda, body="Call the BKPSDM first.")
    assert note.author == samarinda
    assert AuditEntry.objects.filter(action="case.note", target_id=str(case.pk)).exists()
    with pytest.raises(CaseError):
        services.add_note(case=case, actor=samarinda, body=" ")
