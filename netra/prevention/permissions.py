"""Who may see and run prevention records (pacts, events, their attendance and quiz scores).

Built on the building blocks of ``netra.accounts.permissions`` (roles, region-prefix matching):
- agency personnel officers and agency admins see their own agency's pacts and events; only the
  agency admin runs them (publishes, closes, hands out codes, sends reminders, takes attendance);
- a Bawaslu officer sees the pacts and events of agencies in their jurisdiction (Bawaslu RI: all), to
  supervise prevention; BKN and the system admin see all; nobody else sees any.
- An event is also visible to the admins of the agencies it invites (they need their staff's
  attendance), without running it.
Employees are not users: what they may do (sign, check in, take the quiz) is decided by the services
from their NIP and second factor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from netra.accounts.models import Role
from netra.accounts.permissions import NOTHING, is_national_office, is_staff_user, region_prefix_q

from .models import EventInvitation, IntegrityPact, SocializationEvent

if TYPE_CHECKING:
    from netra.registry.models import Agency

AGENCY_ROLES = (Role.AGENCY_PERSONNEL, Role.AGENCY_ADMIN)


def agency_scope(user: Any, field: str = "agency") -> Q:
    """Rows belonging to an agency (``field``) that ``user`` may read."""
    if not is_staff_user(user):
        return NOTHING
    if user.role in AGENCY_ROLES:
        return Q(**{f"{field}_id": user.agency_id}) if user.agency_id else NOTHING
    if user.role == Role.BAWASLU_OFFICER and not is_national_office(user):
        if not user.region_id:
            return NOTHING  # an officer without an office sees nothing
        return region_prefix_q(f"{field}__region__code", user.region_id)
    return Q()


def visible_pacts(user: Any, qs: QuerySet | None = None) -> QuerySet:
    return (IntegrityPact.objects.all() if qs is None else qs).filter(agency_scope(user))


def visible_events(user: Any, qs: QuerySet | None = None) -> QuerySet:
    qs = SocializationEvent.objects.all() if qs is None else qs
    scope = agency_scope(user)
    if is_staff_user(user) and user.role in AGENCY_ROLES and user.agency_id:
        invited = EventInvitation.objects.filter(event=OuterRef("pk"), agency_id=user.agency_id)
        scope |= Q(Exists(invited))
    return qs.filter(scope)


def can_view_pact(user: Any, pact: IntegrityPact) -> bool:
    return visible_pacts(user).filter(pk=pact.pk).exists()


def can_view_event(user: Any, event: SocializationEvent) -> bool:
    return visible_events(user).filter(pk=event.pk).exists()


def can_manage(user: Any, agency: Agency | int | None) -> bool:
    """Run prevention for ``agency``: its own agency admin only."""
    agency_id = getattr(agency, "pk", agency)
    return bool(
        is_staff_user(user)
        and user.role == Role.AGENCY_ADMIN
        and agency_id is not None
        and user.agency_id == agency_id
    )


def can_manage_pact(user: Any, pact: IntegrityPact) -> bool:
    return can_manage(user, pact.agency_id)


def can_manage_event(user: Any, event: SocializationEvent) -> bool:
    return can_manage(user, event.agency_id)


def sees_names(user: Any, agency_id: int) -> bool:
    """Attendance and coverage lists name employees: only for those who may see the agency's staff
    (its own roles; Bawaslu, BKN and the system admin, as for employees in accounts)."""
    if not is_staff_user(user):
        return False
    if user.role in AGENCY_ROLES:
        return user.agency_id == agency_id
    return True
