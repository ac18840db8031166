"""Who may see recommendations and sanctions, and the cases they are about.

The authority (BKN; KASN before 2024-09-04) sees every recommendation; an agency's personnel officer
(PPK/BKPSDM) those addressed to their agency, and the cases they are about; a Bawaslu officer those of
the cases they see. Recording a sanction is the addressed agency's personnel officer's alone.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from netra.accounts.permissions import NOTHING, Role, is_staff_user
from netra.cases.models import Case
from netra.cases.permissions import case_scope

from .models import Recommendation


def visible_recommendations(user: Any, qs: QuerySet | None = None) -> QuerySet:
    qs = Recommendation.objects.all() if qs is None else qs
    if not is_staff_user(user):
        return qs.none()
    if user.role == Role.AUTHORITY_ANALYST:
        return qs
    if user.role == Role.AGENCY_PERSONNEL:
        return qs.filter(agency=user.agency_id)
    if user.role == Role.BAWASLU_OFFICER:
        return qs.filter(case__in=Case.objects.filter(case_scope(user)).values("pk"))
    return qs.none()


def addressed_case_scope(user: Any) -> Q:
    """The cases an agency's personnel officer sees: those with a recommendation to the agency."""
    if not is_staff_user(user) or user.role != Role.AGENCY_PERSONNEL:
        return NOTHING
    addressed = Recommendation.objects.filter(case=OuterRef("pk"), agency=user.agency_id)
    return Q(Exists(addressed))


def visible_cases(user: Any, qs: QuerySet | None = None) -> QuerySet:
    """Every case ``user`` may see once the sanction stage is counted: case handling's scope
    (netra/cases/permissions.py) plus the cases addressed to a PPK's agency."""
    qs = Case.objects.all() if qs is None else qs
    if is_staff_user(user) and user.role == Role.AGENCY_PERSONNEL:
        return qs.filter(addressed_case_scope(user))
    return qs.filter(case_scope(user))


def can_record_sanction(user: Any, recommendation: Any) -> bool:
    return (
        is_staff_user(user)
        and user.role == Role.AGENCY_PERSONNEL
        and recommendation.agency_id == user.agency_id
    )


def sees_employee_records(user: Any, agency_id: int | None) -> bool:
    """An employee's proven violations and sanctions: their own agency (its personnel officer and
    admin) and the civil-service authority; not Bawaslu, not the system admin, not another agency."""
    if not is_staff_user(user):
        return False
    if user.role == Role.AUTHORITY_ANALYST:
        return True
    return (
        user.role in (Role.AGENCY_PERSONNEL, Role.AGENCY_ADMIN)
        and agency_id is not None
        and user.agency_id == agency_id
    )
