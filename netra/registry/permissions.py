"""Who may see the registry's objects: employees, agencies and import jobs.

Agency roles see only their own agency's; Bawaslu, BKN and the system admin may look up any employee,
because identifying the person a report names is their job. The public sees no employee list: the
report form may only suggest the active staff of one chosen agency (``public_officials``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from netra.accounts.permissions import Role, is_staff_user

from .models import Agency, Employee, ImportJob


def visible_employees(user: Any, qs: QuerySet | None = None) -> QuerySet:
    qs = Employee.objects.all() if qs is None else qs
    if not is_staff_user(user):
        return qs.none()
    if user.role in (Role.AGENCY_PERSONNEL, Role.AGENCY_ADMIN):
        return qs.filter(agency=user.agency_id)
    return qs


def public_officials(agency_id: int) -> QuerySet:
    """What the public report form may suggest: the active staff of ONE chosen agency, never the
    whole registry (no browsing 4.3 M names). Callers show only name, position and agency, never the
    NIP, which stays for staff (UU 27/2022 on personal data: no more than the purpose needs)."""
    return Employee.objects.filter(agency_id=agency_id, is_active=True).select_related("agency")


def visible_agencies(user: Any, qs: QuerySet | None = None) -> QuerySet:
    """Agency pages: agency roles see their own agency; Bawaslu, BKN and the system admin any."""
    qs = Agency.objects.all() if qs is None else qs
    if not is_staff_user(user):
        return qs.none()
    if user.role in (Role.AGENCY_PERSONNEL, Role.AGENCY_ADMIN):
        return qs.filter(Q(pk=user.agency_id))
    return qs


def can_import_employees(user: Any, agency_id: int | None) -> bool:
    """An agency personnel officer imports their own agency's employees; the system admin, who
    keeps the reference data, any agency's and national files (``agency_id`` None)."""
    if not is_staff_user(user):
        return False
    if user.role == Role.SYSTEM_ADMIN:
        return True
    return (
        agency_id is not None and user.role == Role.AGENCY_PERSONNEL and user.agency_id == agency_id
    )


def visible_import_jobs(user: Any, qs: QuerySet | None = None) -> QuerySet:
    """Import jobs and their reports (which name employees): who may import may read them."""
    qs = ImportJob.objects.all() if qs is None else qs
    if not is_staff_user(user):
        return qs.none()
    if user.role == Role.SYSTEM_ADMIN:
        return qs
    if user.role == Role.AGENCY_PERSONNEL:
        return qs.filter(Q(agency_id=user.agency_id))
    return qs.none()


def can_search_registry(user: Any) -> bool:
    """The whole registry is searchable by the roles whose job is to identify reported persons
    (Bawaslu, the authority) and by the system admin who keeps it; agency roles see their own."""
    return is_staff_user(user) and user.role in (
        Role.BAWASLU_OFFICER,
        Role.AUTHORITY_ANALYST,
        Role.SYSTEM_ADMIN,
    )
