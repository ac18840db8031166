"""Who may see and handle a case: the one place case scoping is decided.

- A Bawaslu officer sees the cases handled by their office and the offices below it (a case's
  ``jurisdiction_code`` is its handling office's region code: ``""`` RI, ``64`` a province, ``64.72``
  a kabupaten/kota) and handles exactly those.
- The civil-service authority (BKN; KASN before 2024-09-04) sees a case once Bawaslu has forwarded
  it, nationally, and handles none (its own work is the recommendation: netra/sanctions).
- Agency personnel see the cases addressed to their agency through a recommendation; that rule
  needs the sanctions stage, so it lives there (``sanctions/permissions.py``).
- Agency admins and the system admin see no case.

Pages and the API resolve a case with ``officer_case`` (404 when the case is outside the user's
sight, 403 when in sight but not theirs to handle); services lock it with ``lock_for_handling``,
which applies the same scope inside the transaction. That lock is where a state change is allowed
or refused.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from netra.accounts.permissions import (
    NOTHING,
    Role,
    is_national_office,
    is_staff_user,
    region_prefix_q,
)

from .models import Case, CaseStatus


def case_scope(user: Any) -> Q:
    if not is_staff_user(user):
        return NOTHING
    if user.role == Role.BAWASLU_OFFICER:
        if is_national_office(user):
            return Q()
        return region_prefix_q("jurisdiction_code", user.region_id) if user.region_id else NOTHING
    if user.role == Role.AUTHORITY_ANALYST:
        return Q(forwarded_at__isnull=False, status__in=[CaseStatus.FORWARDED, CaseStatus.CLOSED])
    return NOTHING


def handling_scope(user: Any) -> Q:
    """The cases ``user`` may act on: a Bawaslu officer's own scope; nobody else's."""
    if not is_staff_user(user) or user.role != Role.BAWASLU_OFFICER:
        return NOTHING
    return case_scope(user)


def visible_cases(user: Any, qs: QuerySet | None = None) -> QuerySet:
    return (Case.objects.all() if qs is None else qs).filter(case_scope(user))


def can_handle_case(user: Any, case: Any) -> bool:
    """Only Bawaslu officers act on a case, and only within their jurisdiction."""
    return Case.objects.filter(handling_scope(user), pk=case.pk).exists()


def officer_case(user: Any, code: str, qs: QuerySet | None = None) -> Case:
    """The case ``code`` for an officer page: 404 when ``user`` may not see it, 403 when they may
    see it but not handle it. Every case page (handling, reports) answers the same through here."""
    case = visible_cases(user, qs).filter(code=code).first()
    if case is None:
        raise Http404
    if not can_handle_case(user, case):
        raise PermissionDenied(_("You do not handle this case."))
    return case


def lock_for_handling(case: Case, actor: Any) -> Case:
    """The case row, locked for this transaction, if ``actor`` handles it (else PermissionDenied):
    the scope check and the lock are one query, so they cannot disagree."""
    # of=("self",): lock the case only; a lock on its election row would block every new report
    # (their INSERTs take FOR KEY SHARE on the election they reference).
    locked = (
        Case.objects.select_for_update(of=("self",))
        .select_related("election")
        .filter(handling_scope(actor), pk=case.pk)
        .first()
    )
    if locked is None:
        raise PermissionDenied(_("You do not handle this case."))
    return locked


def visible_cases_for_queue(user: Any, qs: QuerySet | None = None) -> QuerySet:
    """The same cases as ``visible_cases``, written so the database can walk one office's queue
    index: a kabupaten/kota office's scope becomes one equality (no Bawaslu office lies below it,
    and jurisdiction codes have at most five characters, so ``code.%`` matches nothing). Used by the
    officer queue (selectors.py); netra/cases/tests/test_queue_scope.py pins it."""
    qs = Case.objects.all() if qs is None else qs
    if (
        is_staff_user(user)
        and user.role == Role.BAWASLU_OFFICER
        and user.region_id is not None
        and "." in user.region_id
    ):
        return qs.filter(jurisdiction_code=user.region_id)
    return visible_cases(user, qs)
