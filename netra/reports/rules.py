"""The rules that decide what a report is: the reporting window and laporan versus informasi awal.

The numbers live in ``data/reporting_rules.toml`` with their legal basis; this module only counts.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import holidays
from django.utils.translation import gettext_lazy as _

from netra.cases.models import Origin

RULES_FILE = Path(__file__).resolve().parent / "data" / "reporting_rules.toml"
WORKING_DAY, CALENDAR_DAY = "working_day", "calendar_day"


@dataclass(frozen=True)
class Window:
    election_kind: str
    days: int
    unit: str
    starts_from: str
    legal_basis: str
    confidence: str
    note: str = ""

    def last_day(self, start: dt.date) -> dt.date:
        return add_days(start, self.days, self.unit)

    def is_open(self, start: dt.date, on: dt.date) -> bool:
        return on <= self.last_day(start)


@dataclass(frozen=True)
class FirstDeadline(Window):
    origin: str = "public"
    what: str = ""


@cache
def _rules() -> dict:
    with RULES_FILE.open("rb") as f:
        return tomllib.load(f)


@cache
def reporting_window(election_kind: str) -> Window:
    for row in _rules()["window"]:
        if row["election_kind"] == election_kind:
            return Window(**row)
    raise LookupError(f"No reporting window for {election_kind!r} in {RULES_FILE.name}")


@cache
def first_deadline(election_kind: str, origin: str) -> FirstDeadline | None:
    origin = "temuan" if origin == Origin.TEMUAN else "public"
    for row in _rules()["first_deadline"]:
        if row["election_kind"] == election_kind and row["origin"] == origin:
            return FirstDeadline(**row)
    return None


@cache
def _holiday_calendar() -> holidays.HolidayBase:
    # National holidays and election days (public) plus cuti bersama (government): calendar.md §0.
    return holidays.country_holidays("ID", categories=("public", "government"))


@cache
def _overrides() -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    table = _rules().get("holidays", {})
    extra = frozenset(dt.date.fromisoformat(str(d)) for d in table.get("extra", []))
    removed = frozenset(dt.date.fromisoformat(str(d)) for d in table.get("removed", []))
    return extra, removed


def is_working_day(day: dt.date) -> bool:
    if day.weekday() >= 5:
        return False
    extra, removed = _overrides()
    if day in extra:
        return False
    return day in removed or day not in _holiday_calendar()


def add_days(start: dt.date, days: int, unit: str) -> dt.date:
    """The ``days``-th day after ``start``, counting calendar days or working days."""
    if unit == CALENDAR_DAY:
        return start + dt.timedelta(days=days)
    if unit != WORKING_DAY:
        raise ValueError(f"Unknown day unit {unit!r}")
    day, counted = start, 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


# Why a report is informasi awal rather than laporan: code → explanation for the reporter.
KIND_REASONS = {
    "anonymous": _(
        "You chose to report anonymously. A laporan needs the reporter's identity "
        "(formal requirements, Perbawaslu 7/2022)."
    ),
    "identity_incomplete": _(
        "A laporan needs your full name, NIK, address and a phone number or e-mail address."
    ),
    "late": _(
        "The event became known longer ago than the law allows for a laporan: the window closed on "
        "%(last_day)s (%(days)d %(unit)s, %(basis)s)."
    ),
    "identified": _(
        "You gave your identity and every formal requirement, within the reporting window."
    ),
    "temuan": _("Recorded by a supervisor from their own patrol (temuan)."),
}

UNIT_LABELS = {WORKING_DAY: _("working days"), CALENDAR_DAY: _("calendar days")}


@dataclass(frozen=True)
class Classification:
    kind: str
    reasons: tuple[str, ...]
    window: Window
    last_day: dt.date
    on_time: bool

    @property
    def is_laporan(self) -> bool:
        return self.kind == Origin.LAPORAN

    def explanations(self) -> list[str]:
        """The reasons, in words for the reporter."""
        out = []
        for code in self.reasons:
            text = str(KIND_REASONS[code])
            if code == "late":
                text = text % {
                    "last_day": self.last_day.strftime("%d-%m-%Y"),
                    "days": self.window.days,
                    "unit": UNIT_LABELS[self.window.unit],
                    "basis": self.window.legal_basis,
                }
            out.append(text)
        return out


IDENTITY_REQUIRED = ("name", "nik", "address")


def identity_complete(identity: dict[str, str] | None) -> bool:
    if not identity:
        return False
    return all(identity.get(f) for f in IDENTITY_REQUIRED) and bool(
        identity.get("phone") or identity.get("email")
    )


def classify(
    *,
    election_kind: str,
    known_on: dt.date,
    anonymous: bool,
    identity: dict[str, str] | None,
    today: dt.date,
) -> Classification:
    """An identified, complete report within the window is a laporan; anything else is informasi
    awal, which supervisors may take up as a temuan (Perbawaslu 7/2022)."""
    window = reporting_window(election_kind)
    last_day = window.last_day(known_on)
    on_time = today <= last_day
    reasons = []
    if anonymous:
        reasons.append("anonymous")
    elif not identity_complete(identity):
        reasons.append("identity_incomplete")
    if not on_time:
        reasons.append("late")
    kind = Origin.INFORMASI_AWAL if reasons else Origin.LAPORAN
    return Classification(kind, tuple(reasons or ["identified"]), window, last_day, on_time)
