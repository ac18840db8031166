"""Reads over the registry. Every function over employees takes the acting user; scoping is in
``permissions.py``. Agencies themselves are public reference data."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from netra.reference.models import EmployeeType
from netra.reference.snapshots import Snapshot

from .models import Agency, Employee, ImportJob
from .permissions import visible_employees, visible_import_jobs

_ACTIVE_AGENCIES = Snapshot(
    lambda: {a.code: a for a in Agency.objects.filter(is_active=True).order_by()},
    watch=(Agency,),
    max_age=60,
)


def active_agencies_by_code(codes: set[str]) -> dict[str, Agency]:
    """The active agencies among ``codes`` (every public report names some)."""
    every = _ACTIVE_AGENCIES.get()
    return {c: every[c] for c in codes if c in every}


def active_employee_count(user) -> int:
    return visible_employees(user).filter(is_active=True).count()


def agency_employees(user, agency: Agency) -> QuerySet[Employee]:
    """The agency's active employees the user may see, in name order (served by an index)."""
    return (
        visible_employees(user)
        .filter(agency=agency, is_active=True)
        .select_related("region")
        .order_by("name", "pk")
    )


def recent_imports(user, agency: Agency, *, limit: int = 10) -> QuerySet[ImportJob]:
    return visible_import_jobs(user).filter(agency=agency).order_by("-created_at", "-pk")[:limit]


def employee_summary(user: Any, agency: Agency) -> dict[str, Any]:
    """The agency's active employees by kind, as far as the user may see (the agency page; the
    later stages add their own figures there: netra/web/agency.py)."""
    active = visible_employees(user).filter(agency=agency, is_active=True)
    by_type = dict(active.order_by().values_list("employee_type").annotate(n=Count("pk")))
    return {
        "employees": sum(by_type.values()),
        "employees_by_type": [
            (label, by_type.get(value, 0)) for value, label in EmployeeType.choices
        ],
    }
