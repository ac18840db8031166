"""Attendance at an event: in the hall by the QR code at the door (the attendee's phone, or a kiosk
run by the agency's admin) confirmed with the NIP; online with the NIP and the session code shown
during the session. Each employee is counted once, with the time they joined."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from netra.audit.services import record
from netra.registry.models import Employee

from .. import codes
from ..models import AttendanceMethod, EventAttendance, EventStatus, SocializationEvent
from ..permissions import can_manage_event
from ..workflow import Conflict, NotAllowed, PreventionError, event_transition
from .identify import clean_identifier, employee_by_identifier

# The door opens half an hour before the start: people arrive early.
DOORS_OPEN = dt.timedelta(minutes=30)


def public_event(code: str) -> SocializationEvent:
    event = (
        SocializationEvent.objects.select_related("agency", "election")
        .filter(code=str(code)[:16])
        .exclude(status=EventStatus.DRAFT)
        .first()
    )
    if event is None:
        raise PreventionError(_("There is no event with this address."), status_code=404)
    return event


def _check_open(event: SocializationEvent, now: dt.datetime) -> None:
    if event.status == EventStatus.CANCELLED:
        raise Conflict(_("This event was cancelled."))
    if event.status == EventStatus.CLOSED or (event.ends_at and now > event.ends_at):
        raise Conflict(
            _("The event ended at %(time)s: attendance is closed.")
            % {"time": time_format(timezone.localtime(event.ends_at or now), "H:i")}
        )
    if now < event.starts_at - DOORS_OPEN:
        raise Conflict(
            _("The event has not started: attendance opens at %(time)s.")
            % {"time": time_format(timezone.localtime(event.starts_at - DOORS_OPEN), "H:i")}
        )
    event_transition(event.status, "check_in")


def _invited(event: SocializationEvent, employee: Employee) -> bool:
    q = Q(pk__in=[])
    for invite in event.invites.all():
        q |= invite.q()
    return Employee.objects.filter(q, pk=employee.pk).exists()


def _check_method(event, method: str, *, token: str, session_code: str, actor, now) -> None:
    """The way of checking in fits the event, and its proof (door QR, session code) holds now."""
    if method in (AttendanceMethod.DOOR, AttendanceMethod.KIOSK) and not event.in_hall:
        raise PreventionError(_("This event is online only: use the online sign-in."))
    if method == AttendanceMethod.ONLINE and not event.online:
        raise PreventionError(_("This event is in the hall only: scan the QR code at the door."))
    if method == AttendanceMethod.DOOR and not codes.qr_token_valid(
        event.door_secret, token, at=now.timestamp()
    ):
        raise PreventionError(_("This QR code has expired: scan the code at the door again."))
    if method == AttendanceMethod.KIOSK and not can_manage_event(actor, event):
        raise NotAllowed(_("Only the event's admin can run a kiosk."))
    if method == AttendanceMethod.ONLINE and not codes.session_code_valid(
        event.online_secret, session_code, at=now.timestamp()
    ):
        raise PreventionError(
            _("The session code is wrong or has expired: type the code shown now.")
        )


def check_in(
    *,
    event_code: str,
    identifier: object,
    method: str,
    token: str = "",
    session_code: str = "",
    actor=None,
    now=None,
) -> EventAttendance:
    now = now or timezone.now()
    if method not in AttendanceMethod.values:
        raise PreventionError(_("Unknown way of checking in."))
    identifier = clean_identifier(identifier)
    event = public_event(event_code)
    _check_open(event, now)
    _check_method(event, method, token=token, session_code=session_code, actor=actor, now=now)
    agency_ids = [i.agency_id for i in event.invites.all()]
    employee = employee_by_identifier(identifier, agency_ids=agency_ids)
    if employee is None:
        raise PreventionError(
            _("NIP %(nip)s is not an active employee in the registry.") % {"nip": identifier},
            status_code=404,
        )
    earlier = EventAttendance.objects.filter(event=event, employee=employee).first()
    if earlier:
        raise Conflict(_("You checked in already at %(time)s.") % {"time": _at(earlier.joined_at)})
    attendance = EventAttendance(
        event=event,
        employee=employee,
        online=method == AttendanceMethod.ONLINE,
        joined_at=now,
        method=method,
        agency_id=employee.agency_id,
        unit=employee.unit,
        invited=_invited(event, employee),
    )
    try:
        with transaction.atomic():
            attendance.save(force_insert=True)
            record(
                actor=actor,
                actor_label="" if actor else f"employee:{employee.pk}",
                action="event.checked_in",
                target=event,
                attendance=attendance.pk,
                method=method,
            )
    except IntegrityError as error:  # scanned twice at once
        raise Conflict(_("You checked in already.")) from error
    return attendance


def _at(when: dt.datetime) -> str:
    return time_format(timezone.localtime(when), "H:i")
