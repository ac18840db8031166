"""The compliance page and its exports (/sanctions/compliance/).

The authority sees every agency (filters: election, province, kind of agency; one row per agency,
province, kabupaten/kota or election; sortable; totals). An agency's personnel officer or admin
sees their own agency only, and the personnel officer also its recommendations listed by outcome.
A Bawaslu officer sees the recommendations of the cases their office handles. Figures and their
definitions: netra/sanctions/compliance.py.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import get_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netra.accounts.permissions import Role, is_staff_user

from . import compliance_exports
from .compliance import OUTCOMES, Filters, Table, can_list, compliance_table, filtered, listing_q
from .compliance_summary_table import counted_at, usable
from .forms_compliance import ComplianceFilterForm
from .models import Recommendation

ROLES = (Role.AUTHORITY_ANALYST, Role.AGENCY_PERSONNEL, Role.AGENCY_ADMIN, Role.BAWASLU_OFFICER)
ROWS_PER_PAGE = 50
LIST_PER_PAGE = 50
COLUMNS = (  # the table's sortable columns: (attribute of Figures, heading)
    ("received", gettext_lazy("Received")),
    ("in_time", gettext_lazy("In time")),
    ("late", gettext_lazy("Late")),
    ("ignored", gettext_lazy("Ignored")),
    ("contested", gettext_lazy("Contested")),
    ("open", gettext_lazy("Not yet due")),
    ("withdrawn", gettext_lazy("Withdrawn")),
    ("referred", gettext_lazy("Referred")),
    ("lighter", gettext_lazy("Lighter sanction")),
    ("flagged", gettext_lazy("Flagged")),
    ("median_days", gettext_lazy("Median days to act")),
    ("in_time_rate", gettext_lazy("In time, of those due")),
)
OUTCOME_LABELS = {
    "in_time": gettext_lazy("Acted on in time"),
    "late": gettext_lazy("Acted on late"),
    "referred": gettext_lazy("Referred to own authority"),
    "withdrawn": gettext_lazy("Withdrawn"),
    "contested": gettext_lazy("Contested"),
    "ignored": gettext_lazy("Ignored (past due)"),
    "open": gettext_lazy("Open, not yet due"),
}


def _allowed(user: Any) -> None:
    if not (is_staff_user(user) and user.role in ROLES):
        raise PermissionDenied(_("Compliance is for the authority, agencies and Bawaslu."))


def _own_agency(user: Any) -> int | None:
    if user.role in (Role.AGENCY_PERSONNEL, Role.AGENCY_ADMIN):
        if not user.agency_id:
            raise PermissionDenied(_("Your account is not linked to an agency."))
        return user.agency_id
    return None


def _sorted(table: Table, sort: str) -> None:
    key, reverse = sort.lstrip("-"), sort.startswith("-")

    def value(r: Any) -> Any:
        v = getattr(r, key)
        if v is None:  # no figure: always last
            return (1, 0) if not reverse else (-1, 0)
        return (0, v.lower() if isinstance(v, str) else v)

    table.rows.sort(key=value, reverse=reverse)


def _table(request: HttpRequest) -> tuple[ComplianceFilterForm, Table, int]:
    user = request.user
    _allowed(user)
    agency_id = _own_agency(user)
    form = ComplianceFilterForm(request.GET or None)
    status = 400 if form.is_bound and not form.is_valid() else 200
    table = compliance_table(user, form.filters(agency_id), by=form.grouping())
    _sorted(table, form.sorting())
    return form, table, status


@login_required
def page(request: HttpRequest) -> HttpResponse:
    form, table, status = _table(request)
    user, today = request.user, timezone.localdate()
    own = _own_agency(user)
    rows = Paginator(table.rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    context: dict[str, Any] = {
        "form": form,
        "table": table,
        "rows": rows,
        "cells": [(r, _cells(r)) for r in rows],
        "total_cells": _cells(table.total),
        "sort": form.sorting(),
        "query": _query(request, drop=("sort", "page")),
        "export_query": _query(request, drop=("page", "outcome", "list_page")),
        "formats": compliance_exports.FORMATS,
        "columns": COLUMNS,
        "own_agency": own is not None,
        "counted_at": counted_at(today) if usable(user, form.filters(own), today) else None,
    }
    if context["own_agency"] and can_list(user):
        context.update(_listing(request, form, today))
    return render(request, "sanctions/compliance/page.html", context, status=status)


def _cells(r: Any) -> list[str]:
    """The row's figures as the page prints them (formatted once here: the template loop over
    hundreds of cells with filters cost more than the query)."""
    sep = get_format("THOUSAND_SEPARATOR")
    out = [f"{getattr(r, k):,}".replace(",", sep) for k, _h in COLUMNS[:-2]]
    out.append("—" if r.median_days is None else number_format(r.median_days, 1))
    out.append("—" if r.in_time_rate is None else f"{round(r.in_time_rate * 100)}%")
    return out


# Past this page an offset no longer fits the database's integer (and no agency has that many).
MAX_LIST_PAGE = 100_000


def _listing(request: HttpRequest, form: ComplianceFilterForm, today: Any) -> dict[str, Any]:
    """The PPK's own recommendations with one outcome (``?outcome=``; ignored by default), 50 a
    page, by due date. The page's ids are found first (the outcome's joins only), then only those
    rows are read with their person and decree; no total count (an agency may have thousands)."""
    outcome = request.GET.get("outcome", "ignored")
    if outcome not in OUTCOMES:
        outcome = "ignored"
    try:
        number = min(max(1, int(request.GET.get("list_page", "1"))), MAX_LIST_PAGE)
    except ValueError:
        number = 1
    own = Filters(election=form.filters().election, agency_id=request.user.agency_id)  # type: ignore[union-attr]
    matching = filtered(request.user, own)
    start = (number - 1) * LIST_PER_PAGE
    ids = list(
        matching.filter(listing_q(today)[outcome])
        .order_by("due_on", "pk")
        .values_list("pk", flat=True)[start : start + LIST_PER_PAGE + 1]
    )
    listed = (
        Recommendation.objects.filter(pk__in=ids[:LIST_PER_PAGE])
        .select_related("reported_person", "sanction__sanction_type")
        .order_by("due_on", "pk")
    )
    return {
        "outcome": outcome,
        "outcomes": [(o, OUTCOME_LABELS[o]) for o in OUTCOMES],
        "listed": list(listed),
        "list_page": number,
        "list_next": number + 1 if len(ids) > LIST_PER_PAGE else None,
        "list_previous": number - 1 if number > 1 else None,
        "list_query": _query(request, drop=("outcome", "list_page")),
    }


def _query(request: HttpRequest, drop: tuple[str, ...]) -> str:
    q = request.GET.copy()
    for key in drop:
        q.pop(key, None)
    return q.urlencode()


@login_required
def export(request: HttpRequest) -> HttpResponse:
    fmt = request.GET.get("format", "csv")
    if fmt not in compliance_exports.FORMATS or len(request.GET.getlist("format")) > 1:
        _allowed(request.user)
        message = _("There is no download in the format “%(format)s”. Choose one of: %(formats)s.")
        return HttpResponse(
            message % {"format": fmt[:20], "formats": ", ".join(compliance_exports.FORMATS)},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    form, table, status = _table(request)
    if status != 200:
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    name = f"netra-kepatuhan-{table.by}-{timezone.localdate():%Y%m%d}"
    return compliance_exports.respond(fmt, table, name)
