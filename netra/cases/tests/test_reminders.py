"""Deadline reminders: before a statutory deadline passes, once per case and deadline."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from netra.accounts.tests import factories
from netra.cases.models import DeadlineReminder
from netra.cases.reminders import send_deadline_reminders

from .conftest import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def officers():
    a = factories.bawaslu("a.samarinda", "64.72")
    b = factories.bawaslu("b.samarinda", "64.72")
    other = factories.bawaslu("c.kukar", "64.02")
    for user, email in ((a, "a@bawaslu.test"), (b, "b@bawaslu.test"), (other, "c@bawaslu.test")):
        user.email = email
        user.save()
    return a, b


def test_reminders_go_to_the_handling_officers_once(officers):
    soon = make_case(received_at=timezone.now() - dt.timedelta(days=2))  # due tomorrow (K2)
    later = make_case()  # due in 3 days: not yet
    sent = send_deadline_reminders()
    assert (sent.reminders, sent.emails) == (1, 2)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@bawaslu.test", "b@bawaslu.test"]
    assert soon.code in mail.outbox[0].subject and later.code not in mail.outbox[0].body
    assert send_deadline_reminders().reminders == 0
    assert DeadlineReminder.objects.get().case == soon


def test_overdue_and_closed_cases_are_not_reminded(officers):
    make_case(received_at=timezone.now() - dt.timedelta(days=9))
    make_case(status="closed")
    assert send_deadline_reminders().reminders == 0


def test_the_command_sends_or_enqueues(officers, settings, capsys):
    make_case(received_at=timezone.now() - dt.timedelta(days=2))
    call_command("send_deadline_reminders")
    assert "Reminders sent: 1" in capsys.readouterr().out
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    call_command("send_deadline_reminders", "--enqueue")
    assert "Queued task" in capsys.readouterr().out
