"""The self-check quiz after an event: a few statements from the guide ("allowed or not?"), the
same for everyone at the event, scored per attendee, with each answer explained afterwards."""

from __future__ import annotations

import datetime as dt
import random
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.audit.services import record

from ..guide import data as guide_data
from ..guide.data import VERDICTS, Answer, Guide
from ..models import EventAttendance, QuizAttempt, SocializationEvent
from ..workflow import Conflict, NotAllowed, PreventionError, event_transition
from .attendance import public_event
from .identify import clean_identifier, employee_by_identifier

QUESTIONS = 5
OPEN_FOR = dt.timedelta(days=30)  # after the event ends


def questions(event: SocializationEvent, guide: Guide | None = None) -> list[Answer]:
    """The event's questions: drawn from the guide's undisputed answers, fixed per event."""
    guide = guide or guide_data.current()
    pool = sorted((a for a in guide.answers if a.quiz and not a.disputed), key=lambda a: a.key)
    return random.Random(event.code).sample(pool, min(QUESTIONS, len(pool)))


def check_open(event: SocializationEvent, now: dt.datetime) -> None:
    event_transition(event.status, "take_quiz")
    if now < event.starts_at:
        raise Conflict(_("The quiz opens when the event starts."))
    if now > (event.ends_at or event.starts_at) + OPEN_FOR:
        raise Conflict(_("The quiz of this event has closed."))


def submit(
    *, event_code: str, identifier: object, answers: dict[str, str], now=None
) -> QuizAttempt:
    now = now or timezone.now()
    identifier = clean_identifier(identifier)
    event = public_event(event_code)
    check_open(event, now)
    guide = guide_data.current()
    asked = questions(event, guide)
    missing = [a.key for a in asked if answers.get(a.key) not in VERDICTS]
    if missing:
        raise PreventionError(_("Answer every question (%(n)d left).") % {"n": len(missing)})
    employee = employee_by_identifier(
        identifier, agency_ids=[i.agency_id for i in event.invites.all()]
    )
    attended = employee and EventAttendance.objects.filter(event=event, employee=employee).exists()
    if not attended:
        raise NotAllowed(_("The quiz is for those recorded as present at the event."))
    assert employee is not None
    rows = [{"key": a.key, "chosen": answers[a.key], "correct": a.verdict} for a in asked]
    attempt = QuizAttempt(
        event=event,
        employee=employee,
        agency_id=employee.agency_id,
        guide_version=guide.code,
        answers=rows,
        score=sum(r["chosen"] == r["correct"] for r in rows),
        total=len(rows),
        submitted_at=now,
        token=secrets.token_urlsafe(16),
    )
    try:
        with transaction.atomic():
            attempt.save(force_insert=True)
            record(
                actor_label=f"employee:{employee.pk}",
                action="event.quiz_taken",
                target=event,
                score=attempt.score,
                total=attempt.total,
            )
    except IntegrityError as error:
        raise Conflict(_("You took this quiz already.")) from error
    return attempt
