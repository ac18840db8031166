"""The PPK's forms: the decree and the contest. They parse; the services decide (responses.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from netra.reference.models import SanctionType

from .services.grading import APPLIES


def _label(sanction: SanctionType) -> str:
    return f"{sanction.label} ({sanction.legal_basis})"


class SanctionForm(forms.Form):
    sanction_type = forms.ModelChoiceField(
        queryset=SanctionType.objects.none(), label=_("Sanction imposed"), empty_label=None
    )
    decree_number = forms.CharField(label=_("Decree number"), max_length=80)
    imposed_on = forms.DateField(
        label=_("Decree date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    decree_scan = forms.FileField(
        label=_("Decree scan (PDF)"), widget=forms.ClearableFileInput(attrs={"accept": ".pdf"})
    )
    reason = forms.CharField(
        label=_("Reason, if lighter than recommended"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, recommendation: Any, allowed: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        codes = [form.sanction.code for form in allowed.forms]
        field = APPLIES.get(recommendation.employee_kind)
        if codes:
            choices = SanctionType.objects.filter(code__in=codes)
        elif field:
            choices = SanctionType.objects.filter(**{field: True})
        else:
            choices = SanctionType.objects.none()
        sanction_field = self.fields["sanction_type"]
        assert isinstance(sanction_field, forms.ModelChoiceField)
        sanction_field.queryset = choices.order_by("level", "legal_basis")
        sanction_field.label_from_instance = _label  # type: ignore[assignment,method-assign]
        if recommendation.recommended_sanction_id:
            self.initial.setdefault("sanction_type", recommendation.recommended_sanction_id)


class ContestForm(forms.Form):
    reasons = forms.CharField(
        label=_("Reasons for contesting"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
