"""Registry pages of an agency: the employee table (paginated, searchable), imports with progress.
The agency page that shows them with every stage's figures is netra/web/agency.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import ImportForm, SearchForm
from .imports import COLUMNS
from .models import Agency, ImportJob
from .permissions import (
    can_import_employees,
    can_search_registry,
    visible_agencies,
    visible_import_jobs,
)
from .search import search_employees

PAGE_SIZE = 50


def agency_for(request: HttpRequest, code: str) -> Agency:
    """404 for an unknown code; 403 for an agency the user's role does not cover."""
    agency = get_object_or_404(Agency, code=code)
    if not visible_agencies(request.user).filter(pk=agency.pk).exists():
        raise PermissionDenied
    return agency


def employee_context(request: HttpRequest, agency: Agency) -> dict:
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    if query:
        found = search_employees(request.user, query, agency_id=agency.pk, limit=PAGE_SIZE)
        return {"query": query, "rows": found.employees, "matched_by": found.matched_by}
    page = Paginator(selectors.agency_employees(request.user, agency), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return {"query": "", "rows": page.object_list, "page": page}


@login_required
def employee_rows(request: HttpRequest, code: str) -> HttpResponse:
    """The employee table alone, for the htmx search box and pager."""
    agency = agency_for(request, code)
    context = {"agency": agency, **employee_context(request, agency)}
    return render(request, "registry/_employee_table.html", context)


@login_required
def agency_import(request: HttpRequest, code: str) -> HttpResponse:
    agency = agency_for(request, code)
    if not can_import_employees(request.user, agency.pk):
        raise PermissionDenied
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if request.method == "POST" and form.is_valid():
        try:
            job = services.start_import(
                actor=request.user,
                agency=agency,
                upload=form.cleaned_data["file"],
                dry_run=form.cleaned_data["dry_run"],
            )
        except services.ImportRefused as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("registry:import-job", pk=job.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "registry/agency_import.html",
        {
            "agency": agency,
            "form": form,
            "columns": COLUMNS,
            "jobs": selectors.recent_imports(request.user, agency),
        },
        status=status,
    )


def _job_for(request: HttpRequest, pk: int) -> ImportJob:
    job = get_object_or_404(visible_import_jobs(request.user).select_related("agency"), pk=pk)
    return services.current_job(job)


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    return render(request, "registry/import_job.html", {"job": job, "agency": job.agency})


@login_required
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress partial; htmx polls it until the job has finished."""
    job = _job_for(request, pk)
    return render(request, "registry/_import_progress.html", {"job": job})


@login_required
@require_POST
def import_apply(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply a file whose dry run the officer has reviewed."""
    dry = _job_for(request, pk)
    if not dry.dry_run or dry.status != ImportJob.Status.DONE:
        messages.error(request, _("Only a finished dry run can be applied."))
        return redirect("registry:import-job", pk=dry.pk)
    try:
        job = services.start_import(
            actor=request.user, agency=dry.agency, from_job=dry, dry_run=False
        )
    except services.ImportRefused as exc:
        messages.error(request, exc.message)
        return redirect("registry:import-job", pk=dry.pk)
    return redirect("registry:import-job", pk=job.pk)


@login_required
def employee_search(request: HttpRequest) -> HttpResponse:
    """The whole registry, by name or NIP, for the roles that identify reported persons (Bawaslu,
    the authority): agency roles search their own agency's page instead."""
    if not can_search_registry(request.user):
        raise PermissionDenied
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    found = search_employees(request.user, query, limit=PAGE_SIZE) if query else None
    context = {
        "search_form": form,
        "query": query,
        "rows": found.employees if found else [],
        "matched_by": found.matched_by if found else "",
    }
    return render(request, "registry/employee_search.html", context)
