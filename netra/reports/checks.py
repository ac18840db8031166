"""The domain checks on report input, as plain functions: the HTML forms (forms.py) and the API's
schema validation (intake.py) both call these, so both refuse the same things in the same words.
Each returns a translated message, or "" when the value is fine.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, RegexValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netra.lib.input_guard import unsafe_text
from netra.reference.models import Election, Region
from netra.reference.selectors import election_period, elections_under_way, regions_by_code
from netra.registry.identifiers import IdentifierError, parse_nik, parse_nip

EARLIEST_INCIDENT = dt.date(2019, 1, 1)  # the first election Netra covers is Pemilu 2019
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>")
_SEPARATORS = re.compile(r"[\s.\-]")
_PHONE_SEPARATORS = re.compile(r"[\s\-()]")
_PHONE = re.compile(r"^(\+62|62|0)[2-9][0-9]{6,12}$")
_email = EmailValidator()

MARKUP_MESSAGE = gettext_lazy("Please write plain text without HTML tags such as <script> or <b>.")
PHONE_MESSAGE = gettext_lazy(
    "Enter an Indonesian phone number, e.g. 0812 3456 7890 or +62 812 3456 7890."
)
UNSAFE_CHARACTER_MESSAGE = gettext_lazy(
    "Remove the invisible control or text-direction character (%(character)s): it can make the "
    "text read differently from what was written."
)
LINE_BREAK_MESSAGE = gettext_lazy("Write this on one line, without tabs or line breaks.")
phone_validator = RegexValidator(_PHONE, PHONE_MESSAGE, code="phone")


def markup(value: str) -> str:
    """Reports are plain text; markup is refused (and everything is shown escaped anyway)."""
    return str(MARKUP_MESSAGE) if value and _MARKUP.search(value) else ""


def unsafe_characters(value: str, *, multiline: bool = True) -> str:
    """Bidi overrides (U+202E shows "gpj.exe" as "exe.jpg") and control characters (ESC) make
    a text read other than it is stored. Tabs and line breaks only where several lines are allowed."""
    character = unsafe_text(value, multiline=multiline)
    if character is None:
        return ""
    if character in "\t\n\r":
        return str(LINE_BREAK_MESSAGE)
    return str(UNSAFE_CHARACTER_MESSAGE % {"character": f"U+{ord(character):04X}"})


def plain_text(value: str, *, multiline: bool = True) -> str:
    """Every check free text goes through: no markup, no hidden or direction-changing characters."""
    return markup(value) or unsafe_characters(value, multiline=multiline)


def digits(value: str) -> str:
    return _SEPARATORS.sub("", value or "")


def incident_date(day: dt.date) -> str:
    if day > timezone.localdate():
        return _("The date cannot be in the future.")
    if day < EARLIEST_INCIDENT:
        return _("Netra covers elections from 2019 on: the date cannot be before 1 January 2019.")
    return ""


def _dmy(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


def election_stages(election: Election, day: dt.date) -> tuple[str, str]:
    """(field, message) if the election was not under way on ``day``; ("", "") if it was.

    The election decides the law a report is handled under (UU 7/2017 or UU 10/2016), its
    reporting window and its deadlines, and Bawaslu handles election violations during an
    election's stages (tahapan). So a report is never filed under an election that was not under
    way: the reporter is told which one was, or that none Netra knows of was
    (docs/reporting.md, "Elections").
    """
    period = election_period(election.code)
    if period is not None and period[0] <= day <= period[1]:
        return "", ""
    if others := elections_under_way(day):
        return "election", _(
            "%(election)s was not under way on %(date)s. Under way that day: %(others)s. "
            "Choose the election the report is about."
        ) % {
            "election": election.name,
            "date": _dmy(day),
            "others": ", ".join(e.name for e in others),
        }
    return "incident_date", _(
        "No election that Netra knows of was under way on %(date)s, so Netra cannot take this "
        "report: Bawaslu handles election violations during an election's stages (tahapan). If "
        "an election is under way that Netra does not list yet, report to the nearest Bawaslu "
        "office directly. A civil servant's conduct outside an election can be reported to their "
        "agency or to BKN."
    ) % {"date": _dmy(day)}


def known_on(day: dt.date, incident: dt.date | None) -> str:
    if day > timezone.localdate():
        return _("The date cannot be in the future.")
    if day < EARLIEST_INCIDENT:
        return _("The date cannot be before 1 January 2019.")
    if incident and day < incident:
        return _("You cannot have learnt of it before it happened.")
    return ""


def nip(value: str) -> tuple[str, str]:
    """(normalized NIP, message)."""
    clean = digits(value)
    if not clean:
        return "", ""
    try:
        parse_nip(clean)
    except IdentifierError as exc:
        return clean, exc.message
    return clean, ""


def nik(value: str, known_districts: Iterable[str] | None = None) -> tuple[str, str]:
    """(normalized NIK, message). ``known_districts`` saves the lookup when already fetched."""
    clean = digits(value)
    if not clean:
        return "", ""
    try:
        if known_districts is None:
            parse_nik(clean)
        else:
            districts = set(known_districts)
            parse_nik(clean, district_exists=districts.__contains__)
    except IdentifierError as exc:
        return clean, exc.message
    return clean, ""


def nik_district(value: str) -> str:
    """The district code a NIK names (``64.72.01``), to fetch it with the other regions."""
    clean = digits(value)
    return f"{clean[0:2]}.{clean[2:4]}.{clean[4:6]}" if len(clean) >= 6 else ""


def phone(value: str) -> tuple[str, str]:
    clean = _PHONE_SEPARATORS.sub("", value or "")
    if clean and not _PHONE.match(clean):
        return clean, str(PHONE_MESSAGE)
    return clean, ""


def email(value: str) -> str:
    if not value:
        return ""
    try:
        _email(value)
    except ValidationError:
        return _("Enter a valid email address.")
    return ""


PLACE_FIELDS = ("province", "regency", "district")
_LEVELS = {
    "province": (Region.Level.PROVINCE, None),
    "regency": (Region.Level.REGENCY, "province"),
    "district": (Region.Level.DISTRICT, "regency"),
}


def fetch_regions(codes: Iterable[str]) -> dict[str, Region]:
    return regions_by_code(c for c in codes if c)


def place(
    codes: dict[str, str], found: dict[str, Region]
) -> tuple[dict[str, Region], dict[str, str]]:
    """Province → regency → district: each known, of its level, inside the one above."""
    regions: dict[str, Region] = {}
    errors: dict[str, str] = {}
    for name in PLACE_FIELDS:
        code = codes.get(name) or ""
        if not code:
            continue
        level, parent_field = _LEVELS[name]
        region = found.get(code)
        if region is None or region.level != level:
            errors[name] = _("Unknown region code %(code)s.") % {"code": code[:13]}
            continue
        if parent_field is None:
            regions[name] = region
            continue
        parent = codes.get(parent_field) or ""
        if not parent:
            errors[name] = _("Choose the level above first.")
        elif region.parent_id != parent:
            message = {
                "regency": _("%(name)s is not in the chosen province."),
                "district": _("%(name)s is not in the chosen regency or city."),
            }[name]
            errors[name] = message % {"name": region.name}
        else:
            regions[name] = region
    return regions, errors


def most_precise(regions: dict[str, Region]) -> Region | None:
    for name in ("district", "regency", "province"):
        if name in regions:
            return regions[name]
    return None
