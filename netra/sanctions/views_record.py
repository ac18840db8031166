"""An employee's record: their proven violations and the sanctions imposed, at
/sanctions/employees/<id>/.

It lives here, not in the registry: the registry is below the cases and sanctions it would have to
read, and the record is the sanction stage's own data (decisions it acted on, recommendations,
decrees). The registry's employee table links to it through its hook (``registry.hooks``), which this
app fills in ``SanctionsConfig.ready``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from netra.accounts.permissions import Role, is_staff_user
from netra.cases.models import Decision
from netra.registry.models import Employee

from .permissions import sees_employee_records


def proven_record(employee: Employee) -> list[Decision]:
    """The employee's proven violations, newest first, each with its recommendation and decree."""
    return list(
        Decision.objects.filter(reported_person__employee=employee, proven=True)
        .select_related(
            "case__election",
            "reported_person__recommendation__recommended_sanction",
            "reported_person__recommendation__sanction__sanction_type",
        )
        .prefetch_related("violation_types")
        .order_by("-decided_on", "-pk")
    )


@login_required
@require_GET
def employee_record(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    if not is_staff_user(user) or user.role not in (
        Role.AUTHORITY_ANALYST,
        Role.AGENCY_PERSONNEL,
        Role.AGENCY_ADMIN,
    ):
        raise PermissionDenied(_("Employee records are for the agency and the authority."))
    employee = get_object_or_404(Employee.objects.select_related("agency"), pk=pk)
    if not sees_employee_records(user, employee.agency_id):
        raise Http404  # another agency's employee: as if it did not exist
    return render(
        request,
        "sanctions/employee_record.html",
        {"employee": employee, "decisions": proven_record(employee)},
    )


def employee_link(user: Any, employee: Any) -> tuple[str, str] | None:
    """The registry table's link to the record, for those who may read it (no query)."""
    if not sees_employee_records(user, employee.agency_id):
        return None
    return reverse("sanctions:ppk-employee-record", args=[employee.pk]), _(
        "Violations and sanctions"
    )
