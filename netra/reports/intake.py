"""The API's report validation: the ninja/pydantic schema has already checked shapes and types; this
applies the same domain checks as the HTML forms (checks.py) with as few queries as possible (one
for the election, one for every region code including the NIK's district, one for the agencies).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from netra.cases.models import PersonCategory
from netra.reference.selectors import election_by_code
from netra.registry.selectors import active_agencies_by_code

from . import checks
from .validation import Errors, ValidReport, evidence_errors

if TYPE_CHECKING:
    from netra.reference.models import Election

    from .api import ReportIn

_CATEGORIES = set(PersonCategory.values)


class _Check:
    """Collects the messages per field, in the API's error shape (``persons[0].nip``)."""

    def __init__(self) -> None:
        self.errors: Errors = {}

    def add(self, key: str, message: str) -> None:
        if message:
            self.errors.setdefault(key, []).append(str(message))

    def incident(self, payload: ReportIn) -> Election | None:
        election = election_by_code(payload.election)
        if election is None:
            self.add(
                "election",
                _("Select a valid choice. That choice is not one of the available choices."),
            )
        self.add("incident_date", checks.incident_date(payload.incident_date))
        if election is not None and "incident_date" not in self.errors:
            self.add(*checks.election_stages(election, payload.incident_date))
        self.add("known_on", checks.known_on(payload.known_on, payload.incident_date))
        self.add("description", checks.plain_text(payload.description))
        if not payload.description.strip():
            self.add("description", _("This field is required."))
        return election

    def persons(self, payload: ReportIn) -> list[dict[str, Any]]:
        agencies = active_agencies_by_code({p.agency for p in payload.persons if p.agency})
        persons = []
        for i, p in enumerate(payload.persons):
            key = f"persons[{i}]"
            self.add(
                f"{key}.name",
                checks.plain_text(p.name, multiline=False)
                or ("" if p.name.strip() else _("This field is required.")),
            )
            self.add(f"{key}.position_title", checks.plain_text(p.position_title, multiline=False))
            nip, message = checks.nip(p.nip)
            self.add(f"{key}.nip", message)
            if p.agency and p.agency not in agencies:
                self.add(
                    f"{key}.agency", _("Unknown agency code %(code)s.") % {"code": p.agency[:30]}
                )
            if p.category not in _CATEGORIES:
                self.add(
                    f"{key}.category", _("Unknown status %(value)s.") % {"value": p.category[:15]}
                )
            persons.append(
                {
                    "name": p.name.strip(),
                    "nip": nip,
                    "position_title": p.position_title.strip(),
                    "agency": agencies.get(p.agency),
                    "category": p.category,
                }
            )
        return persons

    def identity(self, reporter: Any, known_districts: list[str]) -> dict[str, str]:
        self.add("reporter.name", checks.plain_text(reporter.name, multiline=False))
        self.add("reporter.address", checks.plain_text(reporter.address))
        nik, message = checks.nik(reporter.nik, known_districts=known_districts)
        self.add("reporter.nik", message)
        phone, message = checks.phone(reporter.phone)
        self.add("reporter.phone", message)
        self.add("reporter.email", checks.email(reporter.email))
        return {
            "name": reporter.name.strip(),
            "nik": nik,
            "address": reporter.address.strip(),
            "phone": phone,
            "email": reporter.email.strip(),
        }


def validate_api_report(
    payload: ReportIn, uploads: list[UploadedFile]
) -> tuple[ValidReport | None, Errors]:
    check = _Check()
    election = check.incident(payload)
    reporter = None if payload.anonymous else payload.reporter
    codes = {f: getattr(payload, f) for f in checks.PLACE_FIELDS}
    nik_district = checks.nik_district(reporter.nik) if reporter else ""
    found = checks.fetch_regions([*codes.values(), nik_district])
    regions, place_errors = checks.place(codes, found)
    for name, message in place_errors.items():
        check.add(name, message)
    persons = check.persons(payload)
    identity = None
    if reporter is not None:
        identity = check.identity(reporter, [c for c in found if c == nik_district])
    if check.errors:
        return None, check.errors
    checked, links, evidence_errs = evidence_errors(uploads, payload.links)
    if evidence_errs:
        return None, evidence_errs
    place = checks.most_precise(regions)
    if place is None:  # no province given: the schema asks for one, this keeps it so
        return None, {"province": [_("This field is required.")]}
    assert election is not None
    report = ValidReport(
        election=election,
        incident_date=payload.incident_date,
        known_on=payload.known_on,
        region=place,
        description=payload.description.strip(),
        persons=persons,
        anonymous=identity is None,
        identity=identity,
        files=checked,
        links=links,
    )
    return report, {}
