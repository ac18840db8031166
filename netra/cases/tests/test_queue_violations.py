"""The queue's violation-type filter reads ``CaseViolation``, which the services keep equal to the
cases' decisions: after a decision, a merge and a split, within the officer's jurisdiction, in the
queue's order; and the migration's backfill writes what the services would."""

import datetime as dt
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone

from netra.cases import queue_violations, selectors, services
from netra.cases.models import Case, CaseStatus, CaseViolation
from netra.cases.services import Finding
from netra.demo.builder import DemoWorld

from .conftest import make_case
from .test_services import walk_to

pytestmark = pytest.mark.django_db
S = CaseStatus


def decide(case, officer, *codes):
    """The plenary decision: the n-th reported person (by id) is found in violation of codes[n];
    an empty tuple means not proven."""
    persons = list(case.reported_persons.order_by("pk"))
    assert len(persons) == len(codes)
    return services.decide_case(
        case=case,
        actor=officer,
        decided_on=timezone.localdate(),
        findings=[Finding(p.pk, bool(c), tuple(c)) for p, c in zip(persons, codes, strict=True)],
    )


def queue(user, violation, status=""):
    page = selectors.queue_page(user, selectors.QueueFilters(status=status, violation=violation))
    return [row.case.code for row in page.rows]


def rows_match_the_cases():
    """Every CaseViolation row carries what recount would write now: no more, no less."""
    for case in Case.objects.all():
        rows = set(case.violations.values_list("code", "due_on", "received_at"))
        expected = {
            (code, case.due_on, case.received_at) for code in queue_violations.codes_decided(case)
        }
        assert rows == expected, case.code


def test_a_decision_puts_its_codes_in_the_filter(samarinda):
    both = walk_to(make_case(persons=2), samarinda, S.CLARIFICATION)
    other = walk_to(make_case(), samarinda, S.REGISTERED)
    undecided = walk_to(make_case(), samarinda, S.CLARIFICATION)
    assert queue(samarinda, "DS-01") == []

    both = decide(both, samarinda, ("DS-01", "KE-02"), ("DS-01",))
    other = decide(other, samarinda, ("DS-02",))

    assert queue(samarinda, "DS-01") == [both.code]  # one row, though two persons have DS-01
    assert queue(samarinda, "KE-02") == [both.code]
    assert queue(samarinda, "DS-02") == [other.code]
    assert queue(samarinda, "DS-03") == []
    assert undecided.code not in queue(samarinda, "DS-01", status="all")
    rows_match_the_cases()


def test_not_proven_adds_no_code(samarinda):
    case = decide(walk_to(make_case(persons=2), samarinda, S.REGISTERED), samarinda, ("DS-04",), ())
    assert queue(samarinda, "DS-04") == [case.code]
    cleared = decide(walk_to(make_case(), samarinda, S.REGISTERED), samarinda, ())
    assert not CaseViolation.objects.filter(case=cleared).exists()


def test_the_rows_follow_the_case_through_forwarding_and_closing(samarinda):
    case = walk_to(make_case(), samarinda, S.REGISTERED)
    person = case.reported_persons.get()
    # Also an election crime: Gakkumdu within 24 hours (K7) is the running deadline once decided.
    case = services.decide_case(
        case=case,
        actor=samarinda,
        decided_on=timezone.localdate(),
        findings=[Finding(person.pk, True, ("DS-01",), ("PID-08",))],
    )
    decided_due = case.due_on
    assert decided_due is not None
    assert case.violations.get().due_on == decided_due
    case = services.forward_case(case=case, actor=samarinda)
    assert case.due_on != decided_due
    rows_match_the_cases()
    # The open queue holds decided cases only; "all" still finds the forwarded one.
    assert queue(samarinda, "DS-01") == []
    assert queue(samarinda, "DS-01", status="all") == [case.code]
    assert queue(samarinda, "DS-01", status=S.FORWARDED) == [case.code]
    case = services.close_case(case=case, actor=samarinda, reason="Sanction imposed")
    rows_match_the_cases()
    assert queue(samarinda, "DS-01", status=S.CLOSED) == [case.code]


def test_the_filtered_queue_keeps_the_queue_order(samarinda):
    now = timezone.now()
    cases = [
        walk_to(make_case(received_at=now - dt.timedelta(hours=h)), samarinda, S.REGISTERED)
        for h in (3, 30, 5, 50, 4)
    ]
    for case in cases:
        decide(case, samarinda, ("DS-01",))
    decide(walk_to(make_case(), samarinda, S.REGISTERED), samarinda, ("DS-02",))
    unfiltered = queue(samarinda, "", status=S.DECIDED)
    assert len(unfiltered) == 6
    assert queue(samarinda, "DS-01") == [c for c in unfiltered if c in {x.code for x in cases}]
    page_two = selectors.queue_page(
        samarinda, selectors.QueueFilters(violation="DS-01"), page=2, per_page=2
    )
    assert [r.case.code for r in page_two.rows] == queue(samarinda, "DS-01")[2:4]
    assert page_two.has_next


def test_the_filter_keeps_the_jurisdiction(samarinda, kukar, kaltim, ri):
    ours = decide(walk_to(make_case(), samarinda, S.REGISTERED), samarinda, ("DS-01",))
    theirs = decide(
        walk_to(make_case(agency="PEMKAB-64.02", region="64.02.01"), kukar, S.REGISTERED),
        kukar,
        ("DS-01",),
    )
    assert queue(samarinda, "DS-01") == [ours.code]
    assert queue(kukar, "DS-01") == [theirs.code]
    assert sorted(queue(kaltim, "DS-01")) == sorted([ours.code, theirs.code])
    assert sorted(queue(ri, "DS-01")) == sorted([ours.code, theirs.code])


def test_after_a_merge_the_surviving_case_carries_the_codes(samarinda):
    survivor = walk_to(make_case(), samarinda, S.INITIAL_REVIEW)
    early = timezone.now() - dt.timedelta(days=1)
    duplicate = walk_to(make_case(persons=2, received_at=early), samarinda, S.INITIAL_REVIEW)
    survivor = services.merge_cases(
        case=survivor, others=[duplicate], actor=samarinda, reason="Same rally"
    )
    survivor = services.register_case(case=survivor, actor=samarinda)
    assert survivor.reported_persons.count() == 3  # two of them came from the duplicate
    survivor = decide(survivor, samarinda, ("DS-01",), (), ("DS-05",))

    assert queue(samarinda, "DS-01") == [survivor.code]
    assert queue(samarinda, "DS-05") == [survivor.code]
    assert duplicate.code not in queue(samarinda, "DS-05", status="all")
    rows_match_the_cases()
    # The merge kept the earlier receipt: the row copies it.
    assert survivor.violations.get(code="DS-05").received_at == early


def test_after_a_split_each_case_carries_its_own_codes(samarinda):
    case = walk_to(make_case(reports=2, persons=2), samarinda, S.REGISTERED)
    person = case.reported_persons.order_by("pk").last()
    assert person is not None
    new = services.split_case(
        case=case, actor=samarinda, report_ids=[], person_ids=[person.pk], reason="Another event"
    )
    case = decide(case, samarinda, ("DS-01",))
    new = decide(new, samarinda, ("DS-03",))

    assert queue(samarinda, "DS-01") == [case.code]
    assert queue(samarinda, "DS-03") == [new.code]
    rows_match_the_cases()


def test_the_migration_fills_what_the_services_write(samarinda):
    decide(
        walk_to(make_case(persons=2), samarinda, S.REGISTERED),
        samarinda,
        ("DS-01", "KE-02"),
        ("DS-01",),
    )
    decide(walk_to(make_case(), samarinda, S.REGISTERED), samarinda, ("DS-02",))
    decide(walk_to(make_case(), samarinda, S.REGISTERED), samarinda, ())
    walk_to(make_case(), samarinda, S.CLARIFICATION)
    written = set(CaseViolation.objects.values_list("case_id", "code", "due_on", "received_at"))
    assert len(written) == 3
    CaseViolation.objects.all().delete()

    migration = importlib.import_module("netra.cases.migrations.0005_caseviolation")
    editor = SimpleNamespace(
        connection=connection, execute=lambda sql: connection.cursor().execute(sql)
    )
    migration.fill_from_decisions(apps, editor)

    assert set(CaseViolation.objects.values_list("case_id", "code", "due_on", "received_at")) == (
        written
    )


def test_the_demo_world_writes_the_rows_its_decisions_imply():
    DemoWorld(seed=2024, employees=300, cases=120).build()
    assert CaseViolation.objects.exists()
    rows_match_the_cases()
