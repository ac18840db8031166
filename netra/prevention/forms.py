"""HTML forms of prevention. They parse input only; the services decide and explain refusals."""

from __future__ import annotations

from typing import cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netra.reference.models import Election
from netra.registry.models import Agency, Employee, PositionClass

from .guide.data import Answer
from .models import OrganiserKind, SecondFactor, SocializationEvent

VERDICT_CHOICES = [
    ("boleh", pgettext_lazy("guide verdict", "Allowed")),
    ("boleh_dengan_syarat", pgettext_lazy("guide verdict", "Allowed with conditions")),
    ("tidak_boleh", pgettext_lazy("guide verdict", "Not allowed")),
]
NIP_HELP = _("18 digits, without spaces. Non-ASN staff: your agency's staff number.")


class NipField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("NIP"))
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("help_text", NIP_HELP)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        )
        super().__init__(**kwargs)


class SignForm(forms.Form):
    nip = NipField()
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}
        ),
    )
    s = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    agree = forms.BooleanField(label=_("I have read the pact and sign it."), required=False)


class CheckInForm(forms.Form):
    nip = NipField()
    t = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    session_code = forms.CharField(label=_("Session code"), max_length=20, required=False)


class GuideSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Your question"),
        max_length=300,
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": _("e.g. may I pose with a candidate?"), "type": "search"}
        ),
    )


class QuizForm(forms.Form):
    nip = NipField()

    def __init__(self, *args, questions: list[Answer], **kwargs):
        super().__init__(*args, **kwargs)
        for answer in questions:
            self.fields[f"q_{answer.key}"] = forms.ChoiceField(
                label=answer.quiz_question, choices=VERDICT_CHOICES, widget=forms.RadioSelect
            )

    def answers(self) -> dict[str, str]:
        return {k[2:]: v for k, v in self.cleaned_data.items() if k.startswith("q_")}


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


class PactForm(forms.Form):
    election = forms.ModelChoiceField(
        Election.objects.all(), label=_("Election"), to_field_name="code"
    )
    opens_on = forms.DateField(label=_("Signing opens on"), widget=DateInput)
    closes_on = forms.DateField(label=_("Signing closes on"), widget=DateInput)
    second_factor = forms.ChoiceField(
        label=_("How employees prove who they are"),
        choices=SecondFactor.choices,
        widget=forms.RadioSelect,
    )
    leaders_first = forms.BooleanField(
        label=_("Leaders (JPT, administrators) sign first"), required=False
    )
    units = forms.MultipleChoiceField(
        label=_("Units (none chosen: the whole agency)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    position_classes = forms.MultipleChoiceField(
        label=_("Position classes (none chosen: all)"),
        choices=PositionClass.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    body = forms.CharField(label=_("Text of the pact"), widget=forms.Textarea(attrs={"rows": 12}), required=False)  # fmt: skip

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        units = (
            Employee.objects.filter(agency=agency, is_active=True)
            .exclude(unit="")
            .order_by("unit")
            .values_list("unit", flat=True)
            .distinct()
        )
        cast(forms.MultipleChoiceField, self.fields["units"]).choices = [
            (u, u) for u in units[:500]
        ]


class TemplateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 16}))


class EmailsForm(forms.Form):
    file = forms.FileField(label=_("CSV file: NIP, e-mail (one employee per line)"))


class PaperCodesForm(forms.Form):
    unit = forms.CharField(
        label=_("Unit (empty: everyone who has not signed)"), max_length=200, required=False
    )
    event = forms.CharField(required=False, max_length=16, widget=forms.HiddenInput)


class SessionForm(forms.Form):
    minutes = forms.IntegerField(
        label=_("Open for (minutes)"), min_value=5, max_value=600, initial=120
    )
    event = forms.CharField(required=False, max_length=16)


def _people(text: str, kinds: bool) -> list[dict[str, str]]:
    rows = []
    for line in text.splitlines():
        if not line.strip():
            continue
        first, _sep, second = (part.strip() for part in line.partition("|"))
        if kinds:
            rows.append({"kind": first.lower(), "name": second})
        else:
            rows.append({"name": first, "role": second})
    return rows


class EventForm(forms.Form):
    election = forms.ModelChoiceField(
        Election.objects.all(), label=_("Election"), to_field_name="code"
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    mode = forms.ChoiceField(
        label=_("Where"), choices=SocializationEvent.Mode.choices, widget=forms.RadioSelect
    )
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput)
    venue = forms.CharField(label=_("Venue (hall)"), max_length=200, required=False)
    meeting_url = forms.CharField(label=_("Meeting link (online)"), max_length=500, required=False)
    organisers = forms.CharField(
        label=_("Organisers, one per line: kind | name"),
        required=False,
        help_text=_("Kinds: %(kinds)s") % {"kinds": ", ".join(OrganiserKind.values)},
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    speakers = forms.CharField(label=_("Speakers, one per line: name | role"), required=False, widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    moderator = forms.CharField(label=_("Moderator"), max_length=150, required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    invite_agencies = forms.ModelMultipleChoiceField(
        Agency.objects.none(),
        label=_("Invited agencies"),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )
    invite_unit = forms.CharField(
        label=_("Only this unit (optional)"), max_length=200, required=False
    )
    invite_class = forms.ChoiceField(
        label=_("Only this position class (optional)"),
        required=False,
        choices=[("", "—"), *PositionClass.choices],
    )

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        province = (agency.region_id or "").split(".")[0]
        near = Q(pk=agency.pk)
        if province:
            near |= Q(region__code=province) | Q(region__code__startswith=province + ".")
        field = cast(forms.ModelMultipleChoiceField, self.fields["invite_agencies"])
        field.queryset = Agency.objects.filter(near, is_active=True).order_by("code")

    def organiser_rows(self) -> list[dict[str, str]]:
        return _people(self.cleaned_data.get("organisers", ""), kinds=True)

    def speaker_rows(self) -> list[dict[str, str]]:
        return _people(self.cleaned_data.get("speakers", ""), kinds=False)


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("Slides or PDF"), required=False)
    url = forms.CharField(label=_("or a link"), max_length=500, required=False)
