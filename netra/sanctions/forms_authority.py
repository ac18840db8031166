"""HTML input of the authority's pages; the services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from netra.reference.models import CivilServiceAuthority, SanctionLevel, SanctionType
from netra.reference.sanction_rules import AllowedSanctions

from .selectors_authority import TABS


class InboxForm(forms.Form):
    tab = forms.ChoiceField(choices=[(t, t) for t in TABS], required=False)
    page = forms.IntegerField(min_value=1, max_value=10_000, required=False)


class RecommendationForm(forms.Form):
    """Offers only what the allowed-sanction rule allows for this person."""

    level = forms.ChoiceField(label=_("Sanction level"), required=False)
    sanction = forms.ModelChoiceField(
        label=_("Form of sanction"),
        queryset=SanctionType.objects.none(),
        required=False,
        empty_label=_("— the PPK chooses within the level —"),
    )
    reasoning = forms.CharField(
        label=_("Reasoning"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    issued_on = forms.DateField(
        label=_("Date of the recommendation"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: today."),
    )

    def __init__(self, *args: Any, options: AllowedSanctions, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        level: Any = self.fields["level"]
        level.choices = [(v, SanctionLevel(v).label) for v in options.levels]
        sanction: Any = self.fields["sanction"]
        sanction.queryset = SanctionType.objects.filter(
            pk__in=[f.sanction.pk for f in options.forms]
        )
        sanction.label_from_instance = lambda s: f"{s.label} ({s.legal_basis})"
        if options.route != "sanction":
            del self.fields["level"], self.fields["sanction"]


class BlockForm(forms.Form):
    blocked_on = forms.DateField(
        label=_("Blocked on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    letter_number = forms.CharField(label=_("Number of the blocking letter"), max_length=80)


class EscalationForm(forms.Form):
    escalated_on = forms.DateField(
        label=_("Escalation date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: today."),
    )
    addressed_to = forms.CharField(
        label=_("Addressed to"),
        max_length=200,
        required=False,
        help_text=_("Empty: the Minister of Home Affairs, or MenPAN-RB for a central agency."),
    )


class ContestAnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Answer"),
        choices=[
            ("maintain", _("Maintain the recommendation (new due date)")),
            ("withdraw", _("Withdraw the recommendation")),
        ],
    )
    answer = forms.CharField(
        label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class HandoverForm(forms.Form):
    from_authority = forms.ModelChoiceField(
        label=_("From"),
        queryset=CivilServiceAuthority.objects.order_by("code"),
        to_field_name="code",
    )
    to_authority = forms.ModelChoiceField(
        label=_("To"), queryset=CivilServiceAuthority.objects.order_by("code"), to_field_name="code"
    )
    effective_on = forms.DateField(
        label=_("Effective on"), widget=forms.DateInput(attrs={"type": "date"})
    )
