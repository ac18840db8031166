"""Deadline reminders: an e-mail to the handling officers before a statutory deadline passes.

One reminder per case and deadline (``DeadlineReminder`` is unique on case, rule and due day), so the
daily command and the task can run as often as wanted. A case whose office has no officer with an
e-mail address is not marked: it is reminded once someone can receive it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.audit.services import record

from .models import Case, DeadlineReminder
from .selectors import OPEN_STATUSES, handling_officers


@dataclass(frozen=True)
class Sent:
    reminders: int
    emails: int


def due_for_reminder(today: dt.date) -> list[Case]:
    horizon = today + dt.timedelta(days=settings.NETRA_DEADLINE_REMINDER_DAYS)
    already = DeadlineReminder.objects.filter(
        case=OuterRef("pk"), rule_code=OuterRef("deadline_rule"), due_on=OuterRef("due_on")
    )
    return list(
        Case.objects.filter(status__in=OPEN_STATUSES, due_on__gte=today, due_on__lte=horizon)
        .exclude(Exists(already))
        .select_related("election")
        .order_by("due_on", "id")
    )


def send_deadline_reminders(*, today: dt.date | None = None) -> Sent:
    today = today or timezone.localdate()
    reminders = emails = 0
    for case in due_for_reminder(today):
        assert case.due_on is not None
        recipients = list(handling_officers(case.jurisdiction_code).values_list("email", flat=True))
        if not recipients:
            continue
        try:
            with transaction.atomic():
                DeadlineReminder.objects.create(
                    case=case,
                    rule_code=case.deadline_rule,
                    due_on=case.due_on,
                    sent_at=timezone.now(),
                    recipients=len(recipients),
                )
                _mail(case, recipients, today)
                record(
                    actor_label="command:send_deadline_reminders",
                    action="case.deadline_reminder",
                    target=case,
                    summary=f"{case.code}: {case.deadline_rule} due {case.due_on}",
                    recipients=len(recipients),
                )
        except IntegrityError:  # another run sent it meanwhile
            continue
        reminders += 1
        emails += len(recipients)
    return Sent(reminders, emails)


def _mail(case: Case, recipients: list[str], today: dt.date) -> None:
    assert case.due_on is not None
    days = (case.due_on - today).days
    url = settings.NETRA_PUBLIC_URL.rstrip("/") + reverse("cases:case", args=[case.code])
    subject = _("Deadline %(date)s: case %(code)s") % {
        "date": case.due_on.strftime("%d-%m-%Y"),
        "code": case.code,
    }
    body = _(
        "Case %(code)s (%(election)s, %(status)s) must be handled by %(date)s (%(days)d day(s) "
        "left), rule %(rule)s.\n\n%(url)s"
    ) % {
        "code": case.code,
        "election": case.election.name,
        "status": case.get_status_display(),
        "date": case.due_on.strftime("%d-%m-%Y"),
        "days": days,
        "rule": case.deadline_rule,
        "url": url,
    }
    # One message per officer: addresses of colleagues are not shared.
    for address in recipients:
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address]).send()
