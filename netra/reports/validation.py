"""One verdict on a whole report: every form of the intake run together, from a page or the API.

``validate_report`` returns one ``ValidReport`` or the messages per field, so the API and the pages
reject exactly the same things with the same (translated) words. The forms themselves are in
``forms.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from netra.reference.models import Election, Region

from . import evidence
from .evidence import CheckedFile
from .forms import PERSON_PREFIX, IncidentForm, PersonFormSet, ReporterForm


@dataclass
class ValidReport:
    election: Election
    incident_date: dt.date
    known_on: dt.date
    region: Region
    description: str
    persons: list[dict[str, Any]]
    anonymous: bool
    identity: dict[str, str] | None
    files: list[CheckedFile] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


Errors = dict[str, list[str]]


def _collect(errors: Errors, form: forms.Form, prefix: str = "") -> None:
    for name, messages in form.errors.items():
        key = f"{prefix}{name}" if name != "__all__" else (prefix.rstrip(".") or "__all__")
        errors.setdefault(key, []).extend(str(m) for m in messages)


def evidence_errors(
    uploads: list[UploadedFile], links: list[str]
) -> tuple[list[CheckedFile], list[str], Errors]:
    errors: Errors = {}
    clean_links, link_errors = evidence.check_links(links)
    if link_errors:
        errors["links"] = link_errors
    checked, file_errors = evidence.check_files(uploads)
    if file_errors:
        errors["files"] = file_errors
    return checked, clean_links, errors


def validate_report(
    data: Any,
    uploads: list[UploadedFile],
    links: list[str],
    *,
    with_reporter: bool = True,
) -> tuple[ValidReport | None, Errors]:
    """Every check a report goes through, whether it comes from a page or the API."""
    errors: Errors = {}
    incident = IncidentForm(data)
    incident_ok = incident.is_valid()
    _collect(errors, incident)
    # No narrowing of the agency list here (that is for display): any active agency is valid.
    persons = PersonFormSet(data, prefix=PERSON_PREFIX)
    if persons.is_valid():
        person_rows = [f.cleaned_data for f in persons.forms if f.cleaned_data]
    else:
        person_rows = []
        for i, form in enumerate(persons.forms):
            _collect(errors, form, f"persons[{i}].")
        if persons.non_form_errors():
            errors["persons"] = [str(m) for m in persons.non_form_errors()]
    reporter = ReporterForm(data) if with_reporter else None
    if reporter is not None and not reporter.is_valid():
        _collect(errors, reporter, "reporter.")
    checked, clean_links, evidence_errs = (
        ([], [], {}) if errors else evidence_errors(uploads, links)
    )
    errors.update(evidence_errs)
    if errors or not incident_ok:
        return None, errors
    place = incident.place
    assert place is not None  # province is required and was found
    return (
        ValidReport(
            election=incident.cleaned_data["election"],
            incident_date=incident.cleaned_data["incident_date"],
            known_on=incident.cleaned_data["known_on"],
            region=place,
            description=incident.cleaned_data["description"],
            persons=person_rows,
            anonymous=bool(reporter.cleaned_data["anonymous"]) if reporter else False,
            identity=reporter.identity if reporter else None,
            files=checked,
            links=clean_links,
        ),
        {},
    )
