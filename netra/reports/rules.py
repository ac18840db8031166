"""The rules that decide what a report is: the reporting window and laporan versus informasi awal.

The windows are rows of the shared rules table (``reference.DeadlineRule`` with step
``report_window``: P1 for Pemilu, K1 for Pilkada, loaded from ``netra/reference/data/deadlines.toml``
with their legal basis), and working days come from the same calendar as every other deadline
(``netra/reference/calendar.py``: the ``holidays`` package plus the ``HolidayOverride`` table). This
module only classifies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from netra.cases.models import Origin
from netra.reference.calendar import add_days, deadline_rules, is_working_day
from netra.reference.models import DayUnit

__all__ = ["add_days", "classify", "is_working_day", "of_report", "reporting_window"]

WORKING_DAY, CALENDAR_DAY = DayUnit.WORKING_DAY.value, DayUnit.CALENDAR_DAY.value
REPORT_WINDOW_STEP = "report_window"


@dataclass(frozen=True)
class Window:
    election_kind: str
    days: int
    unit: str
    legal_basis: str
    confidence: str
    code: str = ""

    def last_day(self, start: dt.date) -> dt.date:
        return add_days(start, self.days, self.unit)

    def is_open(self, start: dt.date, on: dt.date) -> bool:
        return on <= self.last_day(start)


def reporting_window(election_kind: str, on: dt.date | None = None) -> Window:
    """The window in force for ``election_kind`` (on ``on``, if rows carry effective dates)."""
    rules = [
        r
        for r in deadline_rules()
        if r.step == REPORT_WINDOW_STEP and r.election_kind == election_kind and r.value is not None
    ]
    # Newest first; a rule without a start date is the oldest.
    rules.sort(key=lambda r: r.effective_from or dt.date.min, reverse=True)
    for rule in rules:
        if on is None or rule.in_force_on(on):
            assert rule.value is not None
            return Window(
                election_kind, rule.value, rule.unit, rule.legal_basis, rule.confidence, rule.code
            )
    raise LookupError(f"No reporting window for {election_kind!r}: run load_reference")


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


def of_report(report: Any) -> Classification:
    """The classification stored on a report, with its window, to explain it again."""
    window = reporting_window(report.election.kind)
    reasons = tuple(report.kind_reasons)
    return Classification(
        report.kind, reasons, window, window.last_day(report.known_on), "late" not in reasons
    )
