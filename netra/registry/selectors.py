"""Reads over the registry. Every function over employees takes the acting user; scoping is in
accounts.permissions. Agencies themselves are public reference data."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from netra.accounts.permissions import (
    visible_cases,
    visible_employees,
    visible_import_jobs,
    visible_recommendations,
)
from netra.cases.models import CaseStatus
from netra.prevention.selectors import pacts_with_coverage
from netra.reference.models import EmployeeType
from netra.reference.snapshots import Snapshot
from netra.sanctions.models import Recommendation

from .models import Agency, Employee, ImportJob

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


def agency_summary(user, agency: Agency) -> dict[str, Any]:
    """Employees, pact coverage, cases and sanctions of one agency, as far as the user may see."""
    active = visible_employees(user).filter(agency=agency, is_active=True)
    by_type = dict(active.order_by().values_list("employee_type").annotate(n=Count("pk")))
    employee_count = sum(by_type.values())
    pacts = []
    for pact in pacts_with_coverage(user).filter(agency=agency)[:10]:
        share = round(100 * pact.signed / employee_count) if employee_count else 0
        pacts.append({"pact": pact, "signed": pact.signed, "percent": min(share, 100)})
    cases = visible_cases(user).filter(reported_persons__agency=agency)
    case_counts = dict(
        cases.order_by().values_list("status").annotate(n=Count("pk", distinct=True))
    )
    recs = visible_recommendations(user).filter(agency=agency)
    rec_counts = dict(recs.order_by().values_list("status").annotate(n=Count("pk")))
    return {
        "employees": employee_count,
        "employees_by_type": [
            (label, by_type.get(value, 0)) for value, label in EmployeeType.choices
        ],
        "pacts": pacts,
        "cases": [(label, case_counts.get(value, 0)) for value, label in CaseStatus.choices],
        "cases_total": sum(case_counts.values()),
        "recommendations": [
            (label, rec_counts.get(value, 0)) for value, label in Recommendation.Status.choices
        ],
        "sanctions": recs.filter(Q(sanction__isnull=False)).count(),
    }
