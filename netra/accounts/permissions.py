"""Who may see what: the one place jurisdiction is decided.

Every view, API endpoint and export asks these functions, so scoping cannot be forgotten in one of
them. The rules (docs/architecture.md, "Roles and jurisdictions"):

- A Bawaslu officer sees the cases handled by their office and by the offices below it: Bawaslu RI
  sees every case, a provincial office the cases of its province, a kabupaten/kota office its own.
- The civil-service authority (BKN) sees cases only once Bawaslu has forwarded them, nationally.
- An agency personnel officer (PPK/BKPSDM) sees the cases and recommendations addressed to their agency.
- Agency admins run pacts and events for their agency; they see no case.
- The system admin manages accounts and reference data; they see no case content either (a reporter's
  trust must not depend on who runs the server).
- Employees: agency roles see only their own agency's; Bawaslu, BKN and the system admin may look up
  any employee, because identifying the person a report names is their job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from typing_extensions import TypeIs

from .models import BawasluLevel, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from .models import User

    AnyUser = User | AnonymousUser

NOTHING = Q(pk__in=[])


def _is_staff_user(user: Any) -> TypeIs[User]:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.role)


def _region_prefix_q(field: str, code: str) -> Q:
    """``field`` equals ``code`` or lies below it (Kemendagri codes are dotted prefixes)."""
    return Q(**{field: code}) | Q(**{f"{field}__startswith": code + "."})


def case_scope(user: AnyUser) -> Q:
    from netra.cases.models import CaseStatus
    from netra.sanctions.models import Recommendation

    if not _is_staff_user(user):
        return NOTHING
    if user.role == Role.BAWASLU_OFFICER:
        # National only when the office is explicitly Bawaslu RI: "no office" sees nothing.
        if user.office_level == BawasluLevel.RI:
            return Q()
        return _region_prefix_q("jurisdiction_code", user.region_id) if user.region_id else NOTHING
    if user.role == Role.AUTHORITY_ANALYST:
        return Q(forwarded_at__isnull=False, status__in=[CaseStatus.FORWARDED, CaseStatus.CLOSED])
    if user.role == Role.AGENCY_PERSONNEL:
        addressed = Recommendation.objects.filter(case=OuterRef("pk"), agency=user.agency)
        return Q(Exists(addressed))
    return NOTHING


def visible_cases(user: AnyUser, qs: QuerySet | None = None) -> QuerySet:
    from netra.cases.models import Case

    return (Case.objects.all() if qs is None else qs).filter(case_scope(user))


def visible_employees(user: AnyUser, qs: QuerySet | None = None) -> QuerySet:
    from netra.registry.models import Employee

    qs = Employee.objects.all() if qs is None else qs
    if not _is_staff_user(user):
        return qs.none()
    if user.role in (Role.AGENCY_PERSONNEL, Role.AGENCY_ADMIN):
        return qs.filter(agency=user.agency)
    return qs


def public_officials(agency_id: int) -> QuerySet:
    """What the public report form may suggest: the active staff of ONE chosen agency, never the
    whole registry (no browsing 4.3 M names). Callers show only name, position and agency, never the
    NIP, which stays for staff (UU 27/2022 on personal data: no more than the purpose needs)."""
    from netra.registry.models import Employee

    return Employee.objects.filter(agency_id=agency_id, is_active=True).select_related("agency")


def visible_recommendations(user: AnyUser, qs: QuerySet | None = None) -> QuerySet:
    from netra.cases.models import Case
    from netra.sanctions.models import Recommendation

    qs = Recommendation.objects.all() if qs is None else qs
    if not _is_staff_user(user):
        return qs.none()
    if user.role == Role.AUTHORITY_ANALYST:
        return qs
    if user.role == Role.AGENCY_PERSONNEL:
        return qs.filter(agency=user.agency)
    if user.role == Role.BAWASLU_OFFICER:
        return qs.filter(case__in=Case.objects.filter(case_scope(user)).values("pk"))
    return qs.none()


def _agency_scope(user: AnyUser, field: str = "agency") -> Q:
    """Prevention records (pacts, events) belong to an agency; who may read them."""
    if not _is_staff_user(user):
        return NOTHING
    if user.role in (Role.AGENCY_PERSONNEL, Role.AGENCY_ADMIN):
        return Q(**{f"{field}_id": user.agency_id})
    if user.role == Role.BAWASLU_OFFICER and user.office_level != BawasluLevel.RI:
        return (
            _region_prefix_q(f"{field}__region__code", user.region_id)
            if user.region_id
            else NOTHING
        )
    return Q()


def visible_pacts(user: AnyUser, qs: QuerySet | None = None) -> QuerySet:
    from netra.prevention.models import IntegrityPact

    return (IntegrityPact.objects.all() if qs is None else qs).filter(_agency_scope(user))


def visible_events(user: AnyUser, qs: QuerySet | None = None) -> QuerySet:
    from netra.prevention.models import SocializationEvent

    return (SocializationEvent.objects.all() if qs is None else qs).filter(_agency_scope(user))


def can_view(user: AnyUser, obj: Any) -> bool:
    """Whether ``user`` may see ``obj``; the same rules as the list functions above."""
    from netra.cases.models import Case
    from netra.prevention.models import IntegrityPact, SocializationEvent
    from netra.registry.models import Employee
    from netra.sanctions.models import Recommendation

    scopes = {
        Case: visible_cases,
        Employee: visible_employees,
        Recommendation: visible_recommendations,
        IntegrityPact: visible_pacts,
        SocializationEvent: visible_events,
    }
    scope = scopes.get(type(obj))
    if scope is None:
        raise TypeError(f"No visibility rule for {type(obj).__name__}")
    return scope(user).filter(pk=obj.pk).exists()


def can_manage_prevention(user: AnyUser, agency_id: int) -> bool:
    return _is_staff_user(user) and user.role == Role.AGENCY_ADMIN and user.agency_id == agency_id


def can_handle_case(user: AnyUser, case: Any) -> bool:
    """Only Bawaslu officers act on a case, and only within their jurisdiction."""
    return (
        _is_staff_user(user)
        and user.role == Role.BAWASLU_OFFICER
        and visible_cases(user).filter(pk=case.pk).exists()
    )


def can_record_sanction(user: AnyUser, recommendation: Any) -> bool:
    return (
        _is_staff_user(user)
        and user.role == Role.AGENCY_PERSONNEL
        and recommendation.agency_id == user.agency_id
    )


def visible_agencies(user: Any, qs: QuerySet | None = None) -> QuerySet:
    """Agency pages: agency roles see their own agency; Bawaslu, BKN and the system admin any."""
    from netra.registry.models import Agency

    qs = Agency.objects.all() if qs is None else qs
    if not _is_staff_user(user):
        return qs.none()
    if user.role in (Role.AGENCY_PERSONNEL, Role.AGENCY_ADMIN):
        return qs.filter(Q(pk=user.agency_id))
    return qs


def can_import_employees(user: Any, agency_id: int | None) -> bool:
    """An agency personnel officer imports their own agency's employees; the system admin, who
    keeps the reference data, any agency's and national files (``agency_id`` None)."""
    if not _is_staff_user(user):
        return False
    if user.role == Role.SYSTEM_ADMIN:
        return True
    return (
        agency_id is not None and user.role == Role.AGENCY_PERSONNEL and user.agency_id == agency_id
    )


def visible_import_jobs(user: Any, qs: QuerySet | None = None) -> QuerySet:
    """Import jobs and their reports (which name employees): who may import may read them."""
    from netra.registry.models import ImportJob

    qs = ImportJob.objects.all() if qs is None else qs
    if not _is_staff_user(user):
        return qs.none()
    if user.role == Role.SYSTEM_ADMIN:
        return qs
    if user.role == Role.AGENCY_PERSONNEL:
        return qs.filter(Q(agency_id=user.agency_id))
    return qs.none()


def visible_cases_for_queue(user: Any, qs: QuerySet | None = None) -> QuerySet:
    """The same cases as ``visible_cases``, written so the database can walk one office's queue
    index: a kabupaten/kota office's scope becomes one equality (no Bawaslu office lies below it,
    and jurisdiction codes have at most five characters, so ``code.%`` matches nothing). Used by the
    officer queue (netra/cases/selectors.py); netra/cases/tests/test_queue_scope.py pins it."""
    from netra.cases.models import Case

    qs = Case.objects.all() if qs is None else qs
    if (
        _is_staff_user(user)
        and user.role == Role.BAWASLU_OFFICER
        and user.region_id is not None
        and "." in user.region_id
    ):
        return qs.filter(jurisdiction_code=user.region_id)
    return visible_cases(user, qs)
