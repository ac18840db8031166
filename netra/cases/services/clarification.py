"""Clarification (klarifikasi): inviting the reporter, witnesses and the reported person, and the
minutes (berita acara) of each hearing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.audit.services import record

from ..models import Case, CaseStatus, Clarification
from ..workflow import CaseError, transition_for
from .base import locked, required

S = CaseStatus


def invite_to_clarification(
    *,
    case: Case,
    actor: Any,
    invitee_name: str,
    invitee_role: str,
    scheduled_at: dt.datetime,
    place: str,
) -> Clarification:
    if case.status not in (S.REGISTERED, S.CLARIFICATION):
        transition_for(case.status, "start_clarification")  # raises with the allowed actions
    invitee_name = required(invitee_name, _("the invitee's name"))
    place = required(place, _("the place"))
    if invitee_role not in Clarification.Role.values:
        raise CaseError(_("Unknown role of the invitee."))
    with transaction.atomic():
        case = locked(case, actor)
        invitation = Clarification.objects.create(
            case=case,
            invitee_name=invitee_name,
            invitee_role=invitee_role,
            scheduled_at=scheduled_at,
            place=place,
            invited_by=actor,
            invited_at=timezone.now(),
        )
        record(
            actor=actor,
            action="case.clarification_invited",
            target=case,
            summary=f"{case.code}: invitation {invitation.pk}",
            role=invitee_role,
        )
    return invitation


def record_clarification_minutes(
    *,
    case: Case,
    actor: Any,
    clarification_id: int,
    held_at: dt.datetime,
    attendees: str,
    statements: str,
    evidence: str = "",
) -> Clarification:
    if case.status != S.CLARIFICATION:
        raise CaseError(_("Minutes are recorded while the case is in clarification."))
    attendees = required(attendees, _("the attendees"))
    statements = required(statements, _("the statements"))
    with transaction.atomic():
        case = locked(case, actor)
        hearing = Clarification.objects.filter(case=case, pk=clarification_id).first()
        if hearing is None:
            raise CaseError(_("No such clarification on this case."))
        if held_at > timezone.now():
            raise CaseError(_("The hearing cannot have been held in the future."))
        if held_at < hearing.scheduled_at:
            raise CaseError(
                _(
                    "The hearing cannot have been held before the time it was scheduled for (%(at)s)."
                )
                % {"at": timezone.localtime(hearing.scheduled_at).strftime("%d-%m-%Y %H:%M")}
            )
        hearing.held_at, hearing.attendees, hearing.statements = held_at, attendees, statements
        hearing.evidence, hearing.minutes_by = evidence, actor
        hearing.save()
        record(
            actor=actor,
            action="case.clarification_minutes",
            target=case,
            summary=f"{case.code}: minutes {hearing.pk}",
        )
    return hearing
