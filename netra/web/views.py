"""The landing page and each role's home page. Views stay thin: selectors do the reading."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views import defaults

from netra.accounts.models import Role
from netra.cases.selectors import case_queue, status_counts
from netra.insights.views import public_dashboard
from netra.lib.input_guard import InputRejected
from netra.prevention.selectors import pacts_with_coverage, upcoming_events
from netra.reference.models import CatalogueVersion, Election, Region
from netra.registry.models import Agency
from netra.registry.selectors import active_employee_count
from netra.sanctions.models import Recommendation
from netra.sanctions.selectors import recommendations_for
from netra.sanctions.selectors_ppk import inbox as ppk_inbox

from .middleware import bad_request_response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """An expired or missing CSRF token: say so plainly, in the person's language."""
    return render(request, "403_csrf.html", status=403)


def public_home(request: HttpRequest) -> HttpResponse:
    """The landing page: the transparency dashboard (netra/insights) under the call to report."""
    return public_dashboard(request, template="web/public_home.html")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    builders: dict[str, Callable[[Any], tuple[str, dict[str, Any]]]] = {
        Role.BAWASLU_OFFICER: _bawaslu_home,
        Role.AUTHORITY_ANALYST: _authority_home,
        Role.AGENCY_PERSONNEL: _agency_personnel_home,
        Role.AGENCY_ADMIN: _agency_admin_home,
        Role.SYSTEM_ADMIN: _system_admin_home,
    }
    builder = builders.get(getattr(user, "role", ""))
    if builder is None:
        return render(request, "web/home_no_role.html", status=403)
    template, context = builder(user)
    return render(request, template, context)


def _bawaslu_home(user):
    return "web/home_bawaslu.html", {
        "queue": case_queue(user),
        "counts": status_counts(user),
    }


def _authority_home(user):
    return "web/home_authority.html", {
        "awaiting": recommendations_for(user, status=Recommendation.Status.ISSUED),
        "escalated": recommendations_for(user, status=Recommendation.Status.ESCALATED),
        "counts": status_counts(user),
    }


def _agency_personnel_home(user):
    box = ppk_inbox(user)
    return "web/home_agency_personnel.html", {
        "to_act_on": box.open.object_list[:10],
        "open_count": box.open.paginator.count,
        "done": box.done.object_list[:5],
        "employees": active_employee_count(user),
        "today": timezone.localdate(),
    }


def _agency_admin_home(user):
    return "web/home_agency_admin.html", {
        "pacts": pacts_with_coverage(user),
        "events": upcoming_events(user),
        "employees": active_employee_count(user),
    }


def _system_admin_home(user):
    regions = {level: Region.objects.filter(level=level).count() for level in Region.Level.values}
    return "web/home_system_admin.html", {
        "regions": regions,
        "agencies": Agency.objects.count(),
        "catalogues": CatalogueVersion.objects.all(),
        "elections": Election.objects.all(),
    }


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400 for the whole site (``handler400``): the API's shape under /api/, else the 400 page.

    Only ``InputRejected`` carries a message meant for people; Django's own reasons stay unsaid.
    """
    message = exception.message if isinstance(exception, InputRejected) else None
    return bad_request_response(request, message)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 for the whole site (``handler404``): an unknown address under /api/ answers in JSON."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not Found"}, status=404)
    return defaults.page_not_found(request, exception)
