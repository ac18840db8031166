"""The state machine: every (status, action) pair outside the table is refused, by the table and by
the services, with a clear message and nothing written."""

import pytest
from django.utils import timezone

from netra.audit.models import AuditEntry
from netra.cases import actions, workflow
from netra.cases.models import CaseEvent, CaseStatus
from netra.cases.workflow import ACTIONS, TRANSITIONS, TransitionNotAllowed

from .conftest import make_case

ALLOWED = {(source, action) for source, action, _ in TRANSITIONS}
ILLEGAL = [
    (status, action)
    for status in CaseStatus.values
    for action in ACTIONS
    if (status, action) not in ALLOWED
]


def test_the_table_has_one_row_per_pair_and_known_actions_only():
    assert len(ALLOWED) == len(TRANSITIONS)
    assert {action for _s, action, _t in TRANSITIONS} == set(ACTIONS)
    assert len(ILLEGAL) > 50


@pytest.mark.parametrize(("status", "action"), ILLEGAL)
def test_the_table_refuses_every_pair_it_does_not_list(status, action):
    with pytest.raises(TransitionNotAllowed) as refused:
        workflow.transition_for(status, action)
    assert str(CaseStatus(status).label) in refused.value.message


def everything_inputs():
    return actions.Inputs(
        reason="because",
        note="n",
        decided_on=timezone.localdate(),
        forwarded_on=timezone.localdate(),
        direction="up",
        other_codes=["NTR-NONE"],
        report_ids=[1],
        person_ids=[1],
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "action"), ILLEGAL)
def test_the_services_refuse_every_illegal_pair_and_write_nothing(samarinda, status, action):
    case = make_case(status=status)
    events, audit = CaseEvent.objects.count(), AuditEntry.objects.count()
    with pytest.raises(TransitionNotAllowed):
        actions.perform(action, case=case, actor=samarinda, inputs=everything_inputs())
    case.refresh_from_db()
    assert case.status == status
    assert (CaseEvent.objects.count(), AuditEntry.objects.count()) == (events, audit)


@pytest.mark.django_db
def test_an_unknown_action_is_a_bad_request_not_a_conflict(samarinda):
    case = make_case()
    with pytest.raises(workflow.CaseError) as refused:
        actions.perform("approve", case=case, actor=samarinda, inputs=actions.Inputs())
    assert refused.value.status_code == 400


def test_allowed_actions_follow_the_table():
    assert [a.name for a in workflow.allowed_actions(CaseStatus.INITIAL_REVIEW)] == [
        "register",
        "decline",
        "hand_over",
        "merge",
        "split",
    ]
    assert workflow.allowed_actions(CaseStatus.CLOSED) == []
    assert workflow.allowed_actions(CaseStatus.NOT_REGISTERED) == []
