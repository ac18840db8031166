"""Who may see and run the prevention records (integrity pacts, socialization events).

They belong to an agency: its own roles see them and its admin runs them; a Bawaslu officer of a
province or kabupaten/kota sees those of the agencies in their region; Bawaslu RI, the authority and
the system admin see all.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from netra.accounts.permissions import (
    NOTHING,
    Role,
    is_national_office,
    is_staff_user,
    region_prefix_q,
)

from .models import IntegrityPact, SocializationEvent


def agency_scope(user: Any, field: str = "agency") -> Q:
    if not is_staff_user(user):
        return NOTHING
    if user.role in (Role.AGENCY_PERSONNEL, Role.AGENCY_ADMIN):
        return Q(**{f"{field}_id": user.agency_id})
    if user.role == Role.BAWASLU_OFFICER and not is_national_office(user):
        if not user.region_id:
            return NOTHING  # an officer without an office sees nothing
        return region_prefix_q(f"{field}__region__code", user.region_id)
    return Q()


def visible_pacts(user: Any, qs: QuerySet | None = None) -> QuerySet:
    return (IntegrityPact.objects.all() if qs is None else qs).filter(agency_scope(user))


def visible_events(user: Any, qs: QuerySet | None = None) -> QuerySet:
    return (SocializationEvent.objects.all() if qs is None else qs).filter(agency_scope(user))


def can_manage_prevention(user: Any, agency_id: int) -> bool:
    return is_staff_user(user) and user.role == Role.AGENCY_ADMIN and user.agency_id == agency_id
