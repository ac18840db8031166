"""Checking each row of an HR export: a ``CheckedRow``, or a ``RejectedRow`` with every reason.

A tidy, valid row of a CSV file (most rows) takes a quick path of a few microseconds; anything
else the thorough check, which finds every problem. Tests pin the two together.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

from netra.reference.models import EmployeeType

from .identifiers import IdentifierError, NipScreen, parse_nip
from .imports import REQUIRED
from .models import PositionClass
from .names import name_key

EMPLOYEE_TYPES = {
    "pns": EmployeeType.PNS,
    "cpns": EmployeeType.PNS,
    "pppk": EmployeeType.PPPK,
    "p3k": EmployeeType.PPPK,
    "non asn": EmployeeType.NON_ASN,
    "nonasn": EmployeeType.NON_ASN,
    "honorer": EmployeeType.NON_ASN,
    "ppnpn": EmployeeType.NON_ASN,
}
POSITION_CLASSES = {
    "jpt": PositionClass.JPT,
    "jpt utama": PositionClass.JPT,
    "jpt madya": PositionClass.JPT,
    "jpt pratama": PositionClass.JPT,
    "administrator": PositionClass.ADMINISTRATOR,
    "pengawas": PositionClass.PENGAWAS,
    "fungsional": PositionClass.FUNGSIONAL,
    "jabatan fungsional": PositionClass.FUNGSIONAL,
    "pelaksana": PositionClass.PELAKSANA,
    "non asn": PositionClass.NON_ASN,
    "nonasn": PositionClass.NON_ASN,
}
MAX_LENGTHS = {"name": 150, "position_title": 200, "unit": 200, "staff_number": 40}


@dataclass(slots=True)
class CheckedRow:
    line: int
    nip: str | None
    staff_number: str
    name: str
    name_key: str
    employee_type: str
    position_class: str
    position_title: str
    unit: str
    agency_id: int
    region_id: str | None
    # Imported, but worth the agency's attention (docs/registry.md, "Warnings").
    warnings: list[str] | None = None


@dataclass(slots=True)
class RejectedRow:
    line: int
    nip: str
    name: str
    reasons: list[str]


@lru_cache(maxsize=1024)
def _label(value: str) -> str:
    return " ".join(value.replace("_", " ").replace("-", " ").replace("/", " ").lower().split())


# The order of ``RowChecker._at``.
QUICK_COLUMNS = (
    "nip",
    "name",
    "employee_type",
    "position_class",
    "position_title",
    "unit",
    "region_code",
    "agency_code",
    "staff_number",
)


def _remember[T](seen: set[T], key: T) -> bool:
    """Add ``key`` to ``seen``; False if it was there already (one look-up in a set of millions,
    not two)."""
    size = len(seen)
    seen.add(key)
    return len(seen) > size


def _cell(value: Any) -> str:
    if value.__class__ is str:
        value = value.strip()
        if "  " in value or "\t" in value or "\n" in value or "\r" in value:
            value = " ".join(value.split())
        return value
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a NIP typed into a number cell
    return " ".join(str(value).split())


class RowChecker:
    """Turns raw cells into a ``CheckedRow`` or a ``RejectedRow`` with every reason found."""

    def __init__(
        self,
        header: dict[str, int],
        *,
        agency_id: int | None,
        agencies: dict[str, int],
        regions: set[str],
        merged: dict[str, tuple[str, str]] | None = None,
        text_cells: bool = False,
    ) -> None:
        """``text_cells``: every cell is a string (a CSV file), so tidy rows can be checked
        quickly. ``merged``: codes of agencies merged into another (``agencies`` maps them to
        it) → (that agency's code, the region of the old agency), to warn and fill the region."""
        self.header = header
        self.text_cells = text_cells
        self.agency_id = agency_id
        self.agencies = agencies
        self.merged = merged or {}
        self.agency_codes = {pk: c for c, pk in agencies.items() if c not in self.merged}
        self.regions = regions
        self.seen_nips: set[int] = set()
        self.seen_staff: set[tuple[int, str]] = set()
        self.width = max(header.values()) + 1
        self.today = dt.date.today()
        self.nip_screen = NipScreen(self.today)
        # Where each column is in a row (-1: not in the file), for the quick path.
        self._at = tuple(header.get(column, -1) for column in QUICK_COLUMNS)

    def check(self, line: int, cells: list[Any]) -> CheckedRow | RejectedRow | None:
        """The row checked, with every reason it is rejected for; None for a blank line."""
        if self.text_cells and (row := self._check_quickly(line, cells)) and self._first(row):
            return row
        return self._check_thoroughly(line, cells)

    def _first(self, row: CheckedRow) -> bool:
        """Whether the row's NIP (or staff number) is new to the file; remember it."""
        if row.nip:
            return _remember(self.seen_nips, int(row.nip))
        return _remember(self.seen_staff, (row.agency_id, row.staff_number))

    def _check_quickly(self, line: int, cells: list[Any]) -> CheckedRow | None:
        """A tidy, valid row of text cells, in a few microseconds; None: ask ``_check_thoroughly``.

        Most rows of a national file are like that. Returns only what ``_check_thoroughly``
        would return for the row (tests pin the two together), but for duplicates, which are for
        ``check`` to find; anything unusual — a problem, a cell to tidy — is left to the
        thorough check. Long on purpose: the hot loop of a 4.3 M-row import, kept free of calls.
        """
        if len(cells) < self.width:
            return None
        # Empty cells are tidy; the others joined by one space, so a space at either end of a
        # cell shows as two in a row.
        text = " ".join(filter(None, cells))
        if (
            not text.isprintable()  # tabs, line breaks, NUL, other spaces than " "
            or "  " in text
            or text[:1] == " "
            or text[-1:] == " "
            or "\ufffd" in text
        ):
            return None
        nip_at, name_at, type_at, class_at, title_at, unit_at, region_at, agency_at, staff_at = (
            self._at
        )
        name, title = cells[name_at], cells[title_at]
        unit = cells[unit_at] if unit_at >= 0 else ""
        staff = cells[staff_at] if staff_at >= 0 else ""
        if not name or not title or len(name) > 150 or len(title) > 200 or len(unit) > 200:
            return None
        if len(staff) > 40:
            return None
        employee_type = EMPLOYEE_TYPES.get(_label(cells[type_at]))
        position_class = POSITION_CLASSES.get(_label(cells[class_at]))
        if employee_type is None or position_class is None:
            return None
        nip = cells[nip_at] if nip_at >= 0 else ""
        if employee_type == EmployeeType.NON_ASN:
            if position_class != PositionClass.NON_ASN or nip or not staff:
                return None
        elif (
            position_class == PositionClass.NON_ASN
            or not self.nip_screen.passes(nip)
            # An NI PPPK (digit 13 is "2") for a PPPK, a NIP PNS for a PNS; the rest is for the
            # thorough check to refuse or warn about.
            or (nip[12] == "2") != (employee_type == EmployeeType.PPPK)
        ):
            return None
        code = cells[agency_at] if agency_at >= 0 else ""
        if code in self.merged:
            return None  # imported into the agency it was merged into, with a warning
        if self.agency_id is None:
            agency_id = self.agencies.get(code) if code else None
            if agency_id is None:
                return None
        elif code and self.agencies.get(code) != self.agency_id:
            return None
        else:
            agency_id = self.agency_id
        region_id = cells[region_at] if region_at >= 0 else ""
        if region_id and region_id not in self.regions:
            return None
        return CheckedRow(
            line,
            nip or None,
            staff,
            name,
            name_key(name),
            employee_type,
            position_class,
            title,
            unit,
            agency_id,
            region_id or None,
        )

    def _check_thoroughly(self, line: int, cells: list[Any]) -> CheckedRow | RejectedRow | None:
        """Every rule on one row, a message per problem; None for an empty row. Long on purpose:
        the per-row loop of a 4.3 M-row import, where a call per field costs measurable time."""
        if len(cells) < self.width:
            cells = [*cells, *[None] * (self.width - len(cells))]
        v = {col: _cell(cells[pos]) for col, pos in self.header.items()}
        if not any(v.values()):
            return None  # blank line
        reasons: list[str] = []
        for column in REQUIRED:
            if not v[column]:
                reasons.append(_("%(column)s is empty.") % {"column": column})
        for column, limit in MAX_LENGTHS.items():
            if len(v.get(column, "")) > limit:
                reasons.append(
                    _("%(column)s is longer than %(limit)d characters.")
                    % {"column": column, "limit": limit}
                )
        text = "".join(v.values())
        if "\ufffd" in text or "\x00" in text:  # NUL: PostgreSQL stores no such text
            reasons.append(_("The row has characters that are not valid text (save as UTF-8)."))
        employee_type = EMPLOYEE_TYPES.get(_label(v["employee_type"]))
        if v["employee_type"] and employee_type is None:
            reasons.append(
                _("Unknown employee type %(value)s (use PNS, PPPK or non-ASN).")
                % {"value": v["employee_type"]}
            )
        position_class = POSITION_CLASSES.get(_label(v["position_class"]))
        if v["position_class"] and position_class is None:
            reasons.append(
                _(
                    "Unknown position class %(value)s (use JPT, administrator, pengawas, "
                    "fungsional, pelaksana or non-ASN)."
                )
                % {"value": v["position_class"]}
            )
        elif employee_type and position_class:
            is_non_asn = employee_type == EmployeeType.NON_ASN
            if is_non_asn != (position_class == PositionClass.NON_ASN):
                reasons.append(_("Non-ASN staff, and only they, have the position class non-ASN."))
        if "nip" in self.header and isinstance(cells[self.header["nip"]], float):
            # A spreadsheet keeps numbers as doubles: 18 digits do not survive (1.98503E+17).
            reasons.append(
                _(
                    "The NIP was saved as a number and lost its last digits; format the column as text."
                )
            )
            v["nip"] = ""
            employee_type = employee_type or EmployeeType.PNS
        warnings: list[str] = []
        nip = self._nip(
            v.get("nip", ""), employee_type, v.get("staff_number", ""), reasons, warnings
        )
        agency_id = self._agency(v.get("agency_code", ""), reasons)
        region_id = self._region(v, reasons, warnings)
        staff_number = v.get("staff_number", "")
        if not reasons and nip is None and agency_id is not None:
            key = (agency_id, staff_number)
            if key in self.seen_staff:
                reasons.append(_("The staff number appears more than once in the file."))
            self.seen_staff.add(key)
        if reasons or agency_id is None or employee_type is None or position_class is None:
            return RejectedRow(line, v.get("nip", ""), v["name"], reasons)
        if nip is not None:
            self.seen_nips.add(int(nip))  # an int: 4.3 M of them must fit in memory
        return CheckedRow(
            line=line,
            nip=nip,
            staff_number=staff_number,
            name=v["name"],
            name_key=name_key(v["name"]),
            employee_type=employee_type,
            position_class=position_class,
            position_title=v["position_title"],
            unit=v.get("unit", ""),
            agency_id=agency_id,
            region_id=region_id,
            warnings=warnings or None,
        )

    def _nip(
        self,
        raw: str,
        employee_type: str | None,
        staff: str,
        reasons: list[str],
        warnings: list[str],
    ) -> str | None:
        if employee_type == EmployeeType.NON_ASN:
            if raw:
                reasons.append(_("Non-ASN staff have no NIP; leave it empty."))
            elif not staff:
                reasons.append(_("Rows without a NIP need a staff number."))
            return None
        if not raw:
            if employee_type is not None:
                reasons.append(_("PNS and PPPK rows need a NIP."))
            return None
        try:
            parsed = parse_nip(raw, today=self.today)
        except IdentifierError as exc:
            reasons.append(exc.message)
            return None
        self._kind(parsed.is_pppk, employee_type, reasons, warnings)
        nip = parsed.value
        if int(nip) in self.seen_nips:
            reasons.append(_("The NIP appears more than once in the file; the first row is used."))
            return None
        return nip

    def _region(self, v: dict[str, str], reasons: list[str], warnings: list[str]) -> str | None:
        """The row's region; a row of a merged agency is taken by the agency it was merged into,
        with a warning, and the old agency's region where the row gives none."""
        region_id = v.get("region_code") or None
        code = v.get("agency_code", "")
        if code in self.merged:
            into, old_region = self.merged[code]
            warnings.append(
                _(
                    "%(code)s is not an agency of its own: its staff are employees of %(into)s, "
                    "where the row was imported."
                )
                % {"code": code, "into": into}
            )
            region_id = region_id or old_region or None
        if region_id and region_id not in self.regions:
            reasons.append(_("Unknown region code %(code)s.") % {"code": region_id})
        return region_id

    @staticmethod
    def _kind(
        is_pppk: bool, employee_type: str | None, reasons: list[str], warnings: list[str]
    ) -> None:
        """The kind of number against the employee type (docs/registry.md explains the choice)."""
        if employee_type is None:
            return
        if is_pppk and employee_type != EmployeeType.PPPK:
            # Digits 13-14 of "21" are never a month: a PNS never holds such a number.
            reasons.append(
                _(
                    "The NIP is an NI PPPK (21 where a NIP PNS has the appointment month), but "
                    "the row says PNS: correct the employee type or the NIP."
                )
            )
        elif not is_pppk and employee_type == EmployeeType.PPPK:
            # Sources differ on the NI PPPK's form: imported as the file says, but flagged.
            warnings.append(
                _(
                    "The row says PPPK but the NIP has the form of a NIP PNS (an appointment "
                    "month where an NI PPPK has 21); check the employee type and the NIP."
                )
            )

    def _agency(self, code: str, reasons: list[str]) -> int | None:
        if self.agency_id is None:  # a national file: every row names its agency
            if not code:
                reasons.append(_("agency_code is empty."))
                return None
            agency_id = self.agencies.get(code)
            if agency_id is None:
                reasons.append(_("Unknown agency code %(code)s.") % {"code": code})
            return agency_id
        if code and self.agencies.get(code) != self.agency_id:
            reasons.append(
                _("The row belongs to agency %(code)s, not to the agency being imported (%(own)s).")
                % {"code": code, "own": self.agency_codes.get(self.agency_id, "")}
            )
            return None
        return self.agency_id
