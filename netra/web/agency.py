"""The agency page: the registry's employee table with every stage's figures for the agency.

It sits in the top layer because it shows what four stages know (the registry, integrity pacts,
cases, recommendations and sanctions), each counted through the owning app's scoping for the
acting user. The employee table, search and imports stay the registry's (netra/registry/views.py).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from netra.cases.models import CaseStatus
from netra.prevention.selectors import pacts_with_coverage
from netra.registry.forms import SearchForm
from netra.registry.models import Agency
from netra.registry.permissions import can_import_employees
from netra.registry.selectors import employee_summary
from netra.registry.views import agency_for, employee_context
from netra.sanctions.permissions import visible_cases
from netra.sanctions.selectors import agency_recommendations


def _pacts(user: Any, agency: Agency, employees: int) -> list[dict[str, Any]]:
    rows = []
    for pact in pacts_with_coverage(user).filter(agency=agency)[:10]:
        share = round(100 * pact.signed / employees) if employees else 0
        rows.append({"pact": pact, "signed": pact.signed, "percent": min(share, 100)})
    return rows


def _cases(user: Any, agency: Agency) -> dict[str, Any]:
    cases = visible_cases(user).filter(reported_persons__agency=agency)
    counts = dict(cases.order_by().values_list("status").annotate(n=Count("pk", distinct=True)))
    return {
        "cases": [(label, counts.get(value, 0)) for value, label in CaseStatus.choices],
        "cases_total": sum(counts.values()),
    }


def agency_summary(user: Any, agency: Agency) -> dict[str, Any]:
    summary = employee_summary(user, agency)
    return {
        **summary,
        "pacts": _pacts(user, agency, summary["employees"]),
        **_cases(user, agency),
        **agency_recommendations(user, agency),
    }


@login_required
def agency_page(request: HttpRequest, code: str) -> HttpResponse:
    agency = agency_for(request, code)
    context = {
        "agency": agency,
        "summary": agency_summary(request.user, agency),
        "can_import": can_import_employees(request.user, agency.pk),
        "search_form": SearchForm(request.GET),
        **employee_context(request, agency),
    }
    return render(request, "web/agency.html", context)
