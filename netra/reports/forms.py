"""Input for a report, shared by the HTML steps, the officer's temuan form and the JSON API.

``validate_report`` runs every form and returns one ``ValidReport`` or the messages per field, so the
API and the pages reject exactly the same things with the same (translated) words.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from netra.cases.models import PersonCategory
from netra.lib.input_guard import InputRejected
from netra.reference.models import Election, Region
from netra.reference.selectors import election_period
from netra.registry.models import Agency

from . import checks

EARLIEST_INCIDENT = checks.EARLIEST_INCIDENT
# Real reports name a principal and all the school heads gathered with them (12-21 people): the form
# and the API take up to this many reported persons (issue 14).
MAX_PERSONS = settings.NETRA_REPORT_MAX_PERSONS
OUTSIDE_ELECTION = "outside_election"  # the error code of checks.election_stages's messages
DESCRIPTION_MAX = 5000


def no_markup(value: str) -> None:
    """Free text of several lines: no markup, no control or text-direction characters."""
    if message := checks.plain_text(value):
        raise ValidationError(message, code="markup")


def no_markup_line(value: str) -> None:
    """The same for a one-line value (a name, a position): no tabs or line breaks either."""
    if message := checks.plain_text(value, multiline=False):
        raise ValidationError(message, code="markup")


def _raise(message: str, code: str) -> None:
    if message:
        raise ValidationError(message, code=code)


def _text(max_length: int, *, required: bool = True, textarea: bool = False) -> forms.CharField:
    return forms.CharField(
        max_length=max_length,
        required=required,
        validators=[no_markup if textarea else no_markup_line],
        widget=forms.Textarea(attrs={"rows": 5}) if textarea else forms.TextInput,
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ElectionChoiceField(forms.ModelChoiceField):
    """Each election with the days of its stages, so the reporter can tell which was under way."""

    def label_from_instance(self, obj: Any) -> str:
        period = election_period(obj.code)
        if period is None:
            return str(obj.name)
        return f"{obj.name} ({period[0]:%d-%m-%Y} – {period[1]:%d-%m-%Y})"


class IncidentForm(forms.Form):
    """Step 1: what happened, when, where, in which election."""

    election = ElectionChoiceField(
        queryset=Election.objects.order_by("-voting_date"),
        to_field_name="code",
        label=_("Election"),
        empty_label=None,
    )
    # Browsers' date inputs and the API both send ISO dates: one format, one strptime.
    incident_date = forms.DateField(
        label=_("When did it happen?"), widget=DateInput(), input_formats=["%Y-%m-%d"]
    )
    known_on = forms.DateField(
        label=_("When did you learn of it?"),
        help_text=_("For a post on social media: the day you saw it."),
        widget=DateInput(),
        input_formats=["%Y-%m-%d"],
    )
    province = forms.CharField(label=_("Province"), max_length=13)
    regency = forms.CharField(label=_("Regency or city"), max_length=13, required=False)
    district = forms.CharField(label=_("District (kecamatan)"), max_length=13, required=False)
    description = _text(DESCRIPTION_MAX, textarea=True)
    description.label = _("What happened?")
    description.help_text = _(
        "Who did what, where, and how you know. Copy the text of a post if you can."
    )

    def __init__(self, *args: Any, known_on_label: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if known_on_label:
            self.fields["known_on"].label = known_on_label
            self.fields["known_on"].help_text = ""
        self.regions: dict[str, Region] = {}

    def clean_incident_date(self) -> dt.date:
        day = self.cleaned_data["incident_date"]
        _raise(checks.incident_date(day), "incident_date")
        return day

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        known = data.get("known_on")
        if known and (message := checks.known_on(known, data.get("incident_date"))):
            self.add_error("known_on", message)
        election, day = data.get("election"), data.get("incident_date")
        if election and day:
            field, message = checks.election_stages(election, day)
            if message:
                self.add_error(field, ValidationError(message, code=OUTSIDE_ELECTION))
        codes = {f: data.get(f) or "" for f in checks.PLACE_FIELDS}
        self.regions, errors = checks.place(codes, checks.fetch_regions(codes.values()))
        for name, message in errors.items():
            self.add_error(name, message)
        return data

    @property
    def place(self) -> Region | None:
        """The most precise place given."""
        return checks.most_precise(self.regions)


def agencies_for(province: str | None) -> QuerySet[Agency]:
    """National agencies and the governments of the chosen province (keeps the list short)."""
    qs = Agency.objects.filter(is_active=True).order_by("level", "name")
    if province:
        qs = qs.filter(
            Q(level=Agency.Level.NATIONAL) | Q(region_id=province) | Q(region__parent_id=province)
        )
    return qs


class PersonForm(forms.Form):
    """Step 2: one reported person; registry_hook.py suggests names from the chosen agency."""

    name = _text(150)
    name.label = _("Name")
    nip = forms.CharField(
        label=_("NIP (if known)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    position_title = _text(200, required=False)
    position_title.label = _("Position")
    agency = forms.ModelChoiceField(
        queryset=agencies_for(None),
        to_field_name="code",
        required=False,
        label=_("Agency"),
        empty_label=_("Not known / not listed"),
    )
    category = forms.ChoiceField(
        choices=PersonCategory.choices, initial=PersonCategory.UNKNOWN, label=_("Status")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Registry suggestions (registry_hook) fill the name's list while the reporter types.
        self.fields["name"].widget.attrs.update(
            {"list": f"{self['name'].auto_id}_list", "autocomplete": "off"}
        )
        self.fields["name"].help_text = _(
            "Choose the agency first to get suggestions from the civil-service registry."
        )

    def clean_nip(self) -> str:
        nip, message = checks.nip(self.cleaned_data["nip"])
        _raise(message, "nip")
        return nip


class BasePersonFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, province: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if province:
            for form in self.forms:
                form.fields["agency"].queryset = agencies_for(province)


PersonFormSet = cast(
    type[BasePersonFormSet],
    forms.formset_factory(
        PersonForm,
        formset=BasePersonFormSet,
        extra=0,
        min_num=1,
        validate_min=True,
        max_num=MAX_PERSONS,
        validate_max=True,
        # A tampered TOTAL_FORMS of a million builds at most this many forms, not Django's 1,000 more.
        absolute_max=MAX_PERSONS,
    ),
)
PERSON_PREFIX = "person"
BAD_PERSON_COUNT = _(
    "The form was sent with an impossible number of persons. Go back to the form and try again."
)


def person_count(data: Any) -> int:
    """How many person forms the posted steps say they hold (the formset's TOTAL_FORMS), for adding
    or removing one: 1 when absent; anything but a whole number from 0 to MAX_PERSONS is tampering
    and answers 400 (``InputRejected``), never a ValueError."""
    value = str(data.get(f"{PERSON_PREFIX}-TOTAL_FORMS") or "").strip()
    if not value:
        return 1
    if not (value.isascii() and value.isdigit() and len(value) <= 3):
        raise InputRejected(BAD_PERSON_COUNT)
    count = int(value)
    if count > MAX_PERSONS:
        raise InputRejected(BAD_PERSON_COUNT)
    return count


class ReporterForm(forms.Form):
    """Step 3: who you are, or anonymous. Kept encrypted; officers see a pseudonym."""

    anonymous = forms.TypedChoiceField(
        choices=[
            ("0", _("I give my identity (it is kept confidential)")),
            ("1", _("I report anonymously")),
        ],
        coerce=lambda v: v == "1",
        initial="0",
        widget=forms.RadioSelect,
        label=_("Your identity"),
    )
    name = _text(150, required=False)
    name.label = _("Full name")
    nik = forms.CharField(
        label=_("NIK (16 digits, on your KTP)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    address = _text(300, required=False, textarea=True)
    address.label = _("Address")
    address.widget.attrs["rows"] = 2
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(label=_("E-mail"), max_length=254, required=False)

    def clean_nik(self) -> str:
        nik, message = checks.nik(self.cleaned_data["nik"])
        _raise(message, "nik")
        return nik

    def clean_phone(self) -> str:
        phone, message = checks.phone(self.cleaned_data["phone"])
        _raise(message, "phone")
        return phone

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("anonymous"):
            # Whatever was typed before choosing "anonymous" is dropped, never stored.
            for f in ("name", "nik", "address", "phone", "email"):
                data[f] = ""
                self.errors.pop(f, None)
        return data

    @property
    def identity(self) -> dict[str, str] | None:
        if self.cleaned_data.get("anonymous"):
            return None
        return {
            f: self.cleaned_data.get(f, "") for f in ("name", "nik", "address", "phone", "email")
        }


class MessageForm(forms.Form):
    body = _text(5000, required=False, textarea=True)
    body.label = _("Message")


class RevealRequestForm(forms.Form):
    reason = _text(1000, textarea=True)
    reason.label = _("Why do you need the reporter's identity?")


class RevealDecisionForm(forms.Form):
    note = _text(1000, required=False)
    note.label = _("Note")


def with_person_change(data: Any, action: str) -> Any:
    """The posted form with one person more or less, or with ``many_persons`` (one per line,
    "name; position") appended as persons of the first person's agency and status: adding a long
    list of people takes one step, not twenty."""
    data = data.copy()
    total = person_count(data)
    if action == "add_person":
        total = min(total + 1, MAX_PERSONS)
    elif action == "remove_person":
        total = max(total - 1, 1)
    elif action == "add_many":
        lines = [line for line in (data.get("many_persons") or "").splitlines() if line.strip()]
        first = f"{PERSON_PREFIX}-0"
        for line in lines[: max(MAX_PERSONS - total, 0)]:
            name, _sep, position = line.partition(";")
            prefix = f"{PERSON_PREFIX}-{total}"
            data[f"{prefix}-name"] = name.strip()[:150]
            data[f"{prefix}-position_title"] = position.strip()[:200]
            data[f"{prefix}-nip"] = ""
            data[f"{prefix}-agency"] = data.get(f"{first}-agency", "")
            data[f"{prefix}-category"] = data.get(f"{first}-category", "unknown")
            total += 1
        data["many_persons"] = ""
    data[f"{PERSON_PREFIX}-TOTAL_FORMS"] = str(total)
    return data
