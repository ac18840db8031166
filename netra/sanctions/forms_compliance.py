"""The compliance page's filters (the same for the page and its CSV/XLSX exports)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from netra.reference.models import Election, Region
from netra.registry.models import Agency

from .compliance import GROUPINGS, OUTCOMES, Filters

BY_LABELS = {
    "agency": _("Agency"),
    "province": _("Province (of the agency)"),
    "regency": _("Kabupaten/kota (of the agency)"),
    "election": _("Election"),
}
SORTS = ("label", "received", *OUTCOMES, "lighter", "flagged", "median_days", "in_time_rate")


def _provinces() -> list[tuple[str, Any]]:
    rows = Region.objects.filter(level=Region.Level.PROVINCE).order_by("code")
    return [("", _("All provinces")), *((r.code, f"{r.code} {r.name}") for r in rows)]


class ComplianceFilterForm(forms.Form):
    election = forms.ModelChoiceField(
        queryset=Election.objects.order_by("-voting_date"),
        to_field_name="code",
        required=False,
        label=_("Election"),
        empty_label=_("All elections"),
    )
    province = forms.ChoiceField(choices=_provinces, required=False, label=_("Province"))
    agency_kind = forms.ChoiceField(
        choices=[("", _("All kinds")), *Agency.Kind.choices],
        required=False,
        label=_("Kind of agency"),
    )
    by = forms.ChoiceField(
        choices=[(g, BY_LABELS[g]) for g in GROUPINGS], required=False, label=_("One row per")
    )
    sort = forms.ChoiceField(
        choices=[(s, s) for s in SORTS] + [(f"-{s}", f"-{s}") for s in SORTS],
        required=False,
        widget=forms.HiddenInput,
    )

    def filters(self, agency_id: int | None = None) -> Filters:
        data: dict[str, Any] = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return Filters(
            election=data.get("election"),
            province=data.get("province") or "",
            agency_kind=data.get("agency_kind") or "",
            agency_id=agency_id,
        )

    def grouping(self) -> str:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("by") or "agency"

    def sorting(self) -> str:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("sort") or "-received"
