"""Staff dashboards: a Bawaslu office's workload, and recommendation compliance and prevention
coverage for the civil-service authority and the agencies. Scoped by each stage's permissions."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netra.accounts.models import Role
from netra.reference.models import Election

from . import adapters
from .office import office_figures


class PeriodForm(forms.Form):
    election = forms.ModelChoiceField(
        queryset=Election.objects.order_by("-voting_date"),
        to_field_name="code",
        required=False,
        label=gettext_lazy("Election"),
        empty_label=gettext_lazy("All elections"),
    )
    received_from = forms.DateField(
        required=False,
        label=gettext_lazy("Received from"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    received_to = forms.DateField(
        required=False,
        label=gettext_lazy("Received until"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        data = super().clean() or {}
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            raise forms.ValidationError(
                _("The date range is the wrong way round: %(start)s is after %(end)s.")
                % {"start": start.isoformat(), "end": end.isoformat()}
            )
        return data


def _filters(request: HttpRequest) -> tuple[PeriodForm, dict, int]:
    form = PeriodForm(request.GET or None)
    if not request.GET:
        return form, {}, 200
    if not form.is_valid():
        return form, {}, 400
    return form, {k: v for k, v in form.cleaned_data.items() if v}, 200


@login_required
def office(request: HttpRequest) -> HttpResponse:
    user = request.user
    if getattr(user, "role", "") != Role.BAWASLU_OFFICER:
        raise PermissionDenied(_("This dashboard is for Bawaslu offices."))
    form, filters, status = _filters(request)
    figures = office_figures(user, today=timezone.localdate(), **filters)
    return render(request, "insights/office.html", {"form": form, "fig": figures}, status=status)


@login_required
def compliance(request: HttpRequest) -> HttpResponse:
    user = request.user
    if getattr(user, "role", "") not in (
        Role.AUTHORITY_ANALYST,
        Role.AGENCY_PERSONNEL,
        Role.AGENCY_ADMIN,
        Role.BAWASLU_OFFICER,
    ):
        raise PermissionDenied(_("This dashboard is for the authority, agencies and Bawaslu."))
    form, filters, status = _filters(request)
    election = (filters or {}).get("election")
    context = {
        "form": form,
        "compliance": adapters.recommendation_compliance(user, election),
        "coverage": adapters.prevention_coverage(user, election),
    }
    return render(request, "insights/compliance.html", context, status=status)
