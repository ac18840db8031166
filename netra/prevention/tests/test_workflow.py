"""The pact and event lifecycles: every (status, action) pair outside the tables is refused, by the
tables and by the services, with a clear message and nothing written."""

import pytest

from netra.audit.models import AuditEntry
from netra.prevention import workflow
from netra.prevention.models import EventStatus, IntegrityPact, PactStatus, SocializationEvent
from netra.prevention.services import events, pacts
from netra.prevention.workflow import (
    EVENT_ACTIONS,
    EVENT_TRANSITIONS,
    PACT_ACTIONS,
    PACT_TRANSITIONS,
    TransitionNotAllowed,
)

from .conftest import employee, make_event, make_pact

PACT_ALLOWED = {(s, a) for s, a, _ in PACT_TRANSITIONS}
EVENT_ALLOWED = {(s, a) for s, a, _ in EVENT_TRANSITIONS}
PACT_ILLEGAL = [
    (s, a) for s in PactStatus.values for a in PACT_ACTIONS if (s, a) not in PACT_ALLOWED
]
EVENT_ILLEGAL = [
    (s, a) for s in EventStatus.values for a in EVENT_ACTIONS if (s, a) not in EVENT_ALLOWED
]


def test_the_tables_have_one_row_per_pair_and_known_actions_only():
    assert len(PACT_ALLOWED) == len(PACT_TRANSITIONS)
    assert len(EVENT_ALLOWED) == len(EVENT_TRANSITIONS)
    assert {a for _s, a, _t in PACT_TRANSITIONS} == set(PACT_ACTIONS)
    assert {a for _s, a, _t in EVENT_TRANSITIONS} == set(EVENT_ACTIONS)
    assert len(PACT_ILLEGAL) > 15 and len(EVENT_ILLEGAL) > 10


@pytest.mark.parametrize(("status", "action"), PACT_ILLEGAL)
def test_the_pact_table_refuses_every_pair_it_does_not_list(status, action):
    with pytest.raises(TransitionNotAllowed) as refused:
        workflow.pact_transition(status, action)
    assert str(PactStatus(status).label) in refused.value.message
    assert refused.value.status_code == 409


@pytest.mark.parametrize(("status", "action"), EVENT_ILLEGAL)
def test_the_event_table_refuses_every_pair_it_does_not_list(status, action):
    with pytest.raises(TransitionNotAllowed):
        workflow.event_transition(status, action)


PACT_SERVICES = {
    "publish": pacts.publish,
    "open_to_all": pacts.open_to_all,
    "close": pacts.close,
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "action"), [(s, a) for s, a in PACT_ILLEGAL if a in PACT_SERVICES]
)
def test_the_pact_services_refuse_illegal_steps_and_write_nothing(admin, status, action):
    employee()
    pact = make_pact(admin, publish=False)
    IntegrityPact.objects.filter(pk=pact.pk).update(status=status)
    pact.refresh_from_db()
    audit = AuditEntry.objects.count()
    with pytest.raises(TransitionNotAllowed):
        PACT_SERVICES[action](actor=admin, pact=pact)
    pact.refresh_from_db()
    assert pact.status == status and AuditEntry.objects.count() == audit


EVENT_SERVICES = {"schedule": events.schedule, "cancel": events.cancel}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "action"), [(s, a) for s, a in EVENT_ILLEGAL if a in EVENT_SERVICES]
)
def test_the_event_services_refuse_illegal_steps_and_write_nothing(admin, status, action):
    event = make_event(admin, schedule=False)
    SocializationEvent.objects.filter(pk=event.pk).update(status=status)
    event.refresh_from_db()
    audit = AuditEntry.objects.count()
    with pytest.raises(TransitionNotAllowed):
        EVENT_SERVICES[action](actor=admin, event=event)
    event.refresh_from_db()
    assert event.status == status and AuditEntry.objects.count() == audit


def test_allowed_actions_follow_the_tables():
    assert [a.name for a in workflow.allowed_pact_actions(PactStatus.CLOSED)] == ["recount"]
    assert workflow.allowed_event_actions(EventStatus.CANCELLED) == []
    with pytest.raises(workflow.PreventionError) as unknown:
        workflow.pact_transition(PactStatus.OPEN, "approve")
    assert unknown.value.status_code == 400
