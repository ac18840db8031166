"""HTML input for case handling. Forms only parse; ``services`` decides (and refuses)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from netra.reference.models import (
    CatalogueVersion,
    CriminalArticle,
    Election,
    Region,
    ViolationGroup,
)

from .actions import Inputs
from .models import CaseStatus, Clarification, DocumentKind
from .selectors import DUE_CHOICES, QueueFilters
from .services import Finding

DUE_LABELS = {
    "overdue": _("Overdue"),
    "today": _("Due today"),
    "week": _("Due within 7 days"),
    "none": _("No statutory deadline"),
}


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Open cases")), ("all", _("All cases")), *CaseStatus.choices],
    )
    due = forms.ChoiceField(
        label=_("Due"),
        required=False,
        choices=[("", _("Any")), *((k, DUE_LABELS[k]) for k in DUE_CHOICES)],
    )
    election = forms.ChoiceField(label=_("Election"), required=False)
    region = forms.CharField(
        label=_("Region code"), required=False, max_length=13, help_text=_("e.g. 64.72")
    )
    agency = forms.CharField(
        label=_("Agency code"), required=False, max_length=30, help_text=_("e.g. PEMKOT-64.72")
    )
    violation = forms.CharField(
        label=_("Violation type"), required=False, max_length=10, help_text=_("e.g. DS-01")
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["election"]).choices = [
            ("", _("Any")),
            *Election.objects.order_by("-voting_date").values_list("code", "name"),
        ]

    def filters(self) -> QueueFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return QueueFilters(
            status=data.get("status", ""),
            due=data.get("due", ""),
            region=data.get("region", "").strip(),
            agency=data.get("agency", "").strip().upper(),
            election=data.get("election", ""),
            violation=data.get("violation", "").strip().upper(),
        )


class ActionForm(forms.Form):
    """The simple workflow steps: an action and, where the table asks for it, a reason."""

    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea, max_length=4000
    )
    forwarded_on = forms.DateField(label=_("Forwarded on"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=4000)

    def inputs(self) -> Inputs:
        d = self.cleaned_data
        return Inputs(reason=d["reason"], forwarded_on=d["forwarded_on"], note=d["note"])


class HandOverForm(forms.Form):
    direction = forms.ChoiceField(
        label=_("Direction"), choices=[("up", _("Up a level")), ("down", _("Down a level"))]
    )
    to_code = forms.ChoiceField(label=_("Office below"), required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, max_length=4000)

    def __init__(self, *args: Any, case: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # The offices directly below the one handling the case, by name (no typed region codes).
        choices: list[tuple[str, str]] = [("", "—")]
        if case is not None:
            choices += [(code, name) for code, name in offices_below(case.jurisdiction_code)]
        cast(forms.ChoiceField, self.fields["to_code"]).choices = choices

    def inputs(self) -> Inputs:
        d = self.cleaned_data
        return Inputs(direction=d["direction"], to_code=d["to_code"], reason=d["reason"])


class MergeForm(forms.Form):
    other_codes = forms.CharField(
        label=_("Duplicate case codes"),
        max_length=500,
        help_text=_("One or more, separated by commas or spaces"),
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, max_length=4000)

    def inputs(self) -> Inputs:
        d = self.cleaned_data
        codes = [c for c in d["other_codes"].replace(",", " ").split() if c]
        return Inputs(other_codes=codes, reason=d["reason"])


class SplitForm(forms.Form):
    reports = forms.TypedMultipleChoiceField(label=_("Reports"), required=False, coerce=int)
    persons = forms.TypedMultipleChoiceField(
        label=_("Reported persons"), required=False, coerce=int
    )
    summary = forms.CharField(label=_("Summary of the new case"), required=False, max_length=500)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, max_length=4000)

    def __init__(self, *args: Any, reports=(), persons=(), **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["reports"]).choices = [
            (r.pk, str(r.pk)) for r in reports
        ]
        cast(forms.ChoiceField, self.fields["persons"]).choices = [(p.pk, p.name) for p in persons]

    def inputs(self) -> Inputs:
        d = self.cleaned_data
        return Inputs(
            report_ids=d["reports"],
            person_ids=d["persons"],
            summary=d["summary"],
            reason=d["reason"],
        )


def offices_below(jurisdiction_code: str) -> list[tuple[str, str]]:
    """(region code, office name) of the Bawaslu offices directly below an office: the provinces
    below RI, the kabupaten/kota below a province, none below a kabupaten/kota."""
    if "." in jurisdiction_code:
        return []
    if jurisdiction_code:
        regions = Region.objects.filter(parent_id=jurisdiction_code, level=Region.Level.REGENCY)
        return [(r.code, f"Bawaslu {r.name}") for r in regions.order_by("name")]
    provinces = Region.objects.filter(level=Region.Level.PROVINCE).order_by("name")
    return [(r.code, f"Bawaslu Provinsi {r.name}") for r in provinces]


def violation_choices(version: CatalogueVersion) -> list[tuple[str, list[tuple[str, str]]]]:
    """The catalogue's violation types grouped by ethics and discipline, each with its code, its
    title in the page's language and the article it breaks, for a list the officer can search."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for v in version.violations.order_by("code"):
        basis = v.violation_basis or v.sanction_basis_label
        groups.setdefault(v.group, []).append((v.code, f"{v.code} — {v.label} ({basis})"))
    return [(str(ViolationGroup(g).label), groups[g]) for g in ViolationGroup.values if g in groups]


class DecisionForm(forms.Form):
    """One plenary decision: a date, then per reported person proven or not and which rules."""

    decided_on = forms.DateField(label=_("Decided on (pleno)"))
    reason = forms.CharField(label=_("Plenary notes"), required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, persons=(), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.persons = list(persons)
        version = CatalogueVersion.objects.order_by("-effective_from").first()
        violations = violation_choices(version) if version else []
        articles = [(a.code, f"{a.code} {a.article}") for a in CriminalArticle.objects.all()]
        for p in self.persons:
            self.fields[f"proven_{p.pk}"] = forms.ChoiceField(
                label=_("Proven?"),
                choices=[("", "—"), ("yes", _("Proven")), ("no", _("Not proven"))],
            )
            self.fields[f"violations_{p.pk}"] = forms.MultipleChoiceField(
                label=_("Violation types"),
                required=False,
                choices=violations,
                widget=forms.CheckboxSelectMultiple(attrs={"class": "violation-choice"}),
            )
            self.fields[f"crimes_{p.pk}"] = forms.MultipleChoiceField(
                label=_("Also an election crime (Gakkumdu)"), required=False, choices=articles
            )
            self.fields[f"reasoning_{p.pk}"] = forms.CharField(
                label=_("Reasoning"), required=False, widget=forms.Textarea, max_length=4000
            )

    def person_fields(self) -> list[tuple[Any, list[Any]]]:
        return [
            (
                p,
                [
                    self[f"{name}_{p.pk}"]
                    for name in ("proven", "violations", "crimes", "reasoning")
                ],
            )
            for p in self.persons
        ]

    def inputs(self) -> Inputs:
        d = self.cleaned_data
        findings = [
            Finding(
                person_id=p.pk,
                proven=d[f"proven_{p.pk}"] == "yes",
                violation_codes=tuple(d[f"violations_{p.pk}"]),
                criminal_codes=tuple(d[f"crimes_{p.pk}"]),
                reasoning=d[f"reasoning_{p.pk}"],
            )
            for p in self.persons
        ]
        return Inputs(decided_on=d["decided_on"], findings=findings, reason=d["reason"])


class InvitationForm(forms.Form):
    invitee_name = forms.CharField(label=_("Invitee"), max_length=150)
    invitee_role = forms.ChoiceField(label=_("Role"), choices=Clarification.Role.choices)
    scheduled_at = forms.DateTimeField(
        label=_("Date and time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label=_("Place"), max_length=200)


class MinutesForm(forms.Form):
    held_at = forms.DateTimeField(
        label=_("Held at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    attendees = forms.CharField(
        label=_("Attendees (one per line: name, role)"), widget=forms.Textarea, max_length=4000
    )
    statements = forms.CharField(label=_("Statements"), widget=forms.Textarea, max_length=20000)
    evidence = forms.CharField(
        label=_("Evidence handed over or examined"),
        required=False,
        widget=forms.Textarea,
        max_length=4000,
    )


class LinkPersonForm(forms.Form):
    nip = forms.CharField(label=_("NIP in the registry"), max_length=30)


class NoteForm(forms.Form):
    body = forms.CharField(label=_("Internal note"), widget=forms.Textarea, max_length=4000)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(choices=DocumentKind.choices)
    clarification = forms.IntegerField(required=False)
