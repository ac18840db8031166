"""NIP (civil-servant number) and NIK (population number): validation and parsing.

Plain functions that raise ``IdentifierError`` with a specific, translated message, plus Django
validator and form-field adapters, so the registry import, the public report form and the API share
one set of rules.

NIP, 18 digits: two kinds of number share the form (``Nip.kind`` says which).
  NIP PNS (PP 11/2017 on PNS management; Perka BKN 43/2007): ``YYYYMMDD`` birth date, ``YYYYMM``
  appointment (TMT CPNS), ``G`` gender (1 male, 2 female), ``NNN`` serial. Example:
  ``198503122010011002``.
  NI PPPK (nomor induk PPPK, PP 49/2018): ``YYYYMMDD`` birth date, ``YYYY`` year of appointment,
  then ``2`` and a digit 1-9 where a NIP PNS has the month (issued numbers read ``21``), then
  gender and serial as above. Example: ``199103222022212004``. Sources differ on what the two
  digits mean (a fixed PPPK code "21", or "2" for PPPK and the count of work agreements); no
  regulation text was read, so docs/registry.md keeps both readings and the parts are read
  leniently: 21 to 29.
NIK, 16 digits (UU 24/2013 on population administration, Pasal 64):
  ``PPRRDD`` province, regency/city and district (kecamatan) codes, ``DDMMYY`` birth date with 40
  added to the day for women, ``NNNN`` serial (never ``0000``). Example: ``6472015003900001``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

NIP_LENGTH = 18
NIK_LENGTH = 16
MIN_APPOINTMENT_AGE = 18  # PP 11/2017 Pasal 23(1)a: at least 18 to apply as a CPNS.
# PP 49/2018 Pasal 16 huruf a: at least 20 to apply as a PPPK. Only the year is in the number, so
# the check is by year: the 20th birthday falls in the year of birth + 20, no earlier.
PPPK_MIN_AGE = 20
# PPPK exist since PP 49/2018 (November 2018); the first selection was held in February 2019.
PPPK_FIRST_YEAR = 2019
MALE, FEMALE = "male", "female"
# The kind of number, named as the registry names the employee types (reference.EmployeeType).
PNS, PPPK = "pns", "pppk"


class IdentifierError(ValueError):
    """An invalid NIP or NIK; ``message`` is translated and says what is wrong. ``code`` is stable."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True, slots=True)
class Nip:
    value: str
    kind: str  # PNS: a NIP PNS; PPPK: an NI PPPK
    birth_date: dt.date
    appointment_year: int
    # NIP PNS: the first day of the TMT month. NI PPPK: None, the number holds only the year.
    appointed_on: dt.date | None
    gender: str
    serial: int
    pppk_code: str = ""  # NI PPPK: digits 13-14 as written ("21"); "" for a NIP PNS

    def __str__(self) -> str:
        return self.value

    @property
    def is_pppk(self) -> bool:
        return self.kind == PPPK


def is_pppk_code(digits: str) -> bool:
    """Whether digits 13-14 of an 18-digit number are an NI PPPK's ("21" to "29")."""
    return digits[0] == "2" and "1" <= digits[1] <= "9"


@dataclass(frozen=True, slots=True)
class Nik:
    value: str
    province_code: str  # "64"
    regency_code: str  # "64.72"
    district_code: str  # "64.72.01", Kemendagri's dotted form
    birth_date: dt.date
    gender: str
    serial: int

    def __str__(self) -> str:
        return self.value


def _digits(value: object, length: int, label: str) -> str:
    text = str(value or "").strip().replace(" ", "").replace(".", "")
    if not text:
        raise IdentifierError(_("%(label)s is empty.") % {"label": label}, "empty")
    if not text.isascii() or not text.isdigit():
        raise IdentifierError(
            _("%(label)s may contain digits only.") % {"label": label}, "not_digits"
        )
    if len(text) != length:
        raise IdentifierError(
            _("%(label)s must have %(length)d digits, not %(count)d.")
            % {"label": label, "length": length, "count": len(text)},
            "length",
        )
    return text


@lru_cache(maxsize=65536)
def _date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None if it does not exist (cached: an import sees the same dates again and again)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _add_years(day: dt.date, years: int) -> dt.date:
    # 29 February + 18 years falls on 1 March in a common year.
    return _date(day.year + years, day.month, day.day) or dt.date(day.year + years, 3, 1)


def parse_nip(value: object, *, today: dt.date | None = None) -> Nip:
    """Check an 18-digit NIP PNS or NI PPPK and return its parts; raise ``IdentifierError`` saying
    what is wrong."""
    nip = _digits(value, NIP_LENGTH, "NIP")
    today = today or dt.date.today()
    birth = _date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    if birth is None or birth.year < 1900:
        raise IdentifierError(
            _("The birth date in the NIP (%(date)s) does not exist.")
            % {"date": f"{nip[0:4]}-{nip[4:6]}-{nip[6:8]}"},
            "birth_date",
        )
    if birth > today:
        raise IdentifierError(_("The birth date in the NIP is in the future."), "birth_future")
    if is_pppk_code(nip[12:14]):
        _check_pppk_year(int(nip[8:12]), birth, today)
        kind, appointed, code = PPPK, None, nip[12:14]
    else:
        appointed = _appointment_month(nip, birth, today)
        kind, code = PNS, ""
    gender = {"1": MALE, "2": FEMALE}.get(nip[14])
    if gender is None:
        raise IdentifierError(
            _("The gender digit of the NIP (15th digit) must be 1 or 2, not %(digit)s.")
            % {"digit": nip[14]},
            "gender",
        )
    return Nip(nip, kind, birth, int(nip[8:12]), appointed, gender, int(nip[15:18]), code)


def _appointment_month(nip: str, birth: dt.date, today: dt.date) -> dt.date:
    """The TMT month of a NIP PNS (its first day), checked."""
    month = f"{nip[8:12]}-{nip[12:14]}"
    appointed = _date(int(nip[8:12]), int(nip[12:14]), 1)
    if appointed is None:
        raise IdentifierError(
            _(
                "The appointment month in the NIP (%(month)s) does not exist "
                "(an NI PPPK has 21 in its place)."
            )
            % {"month": month},
            "appointment_date",
        )
    if appointed > today.replace(day=1):
        raise IdentifierError(
            _("The appointment month in the NIP (%(month)s) is in the future.") % {"month": month},
            "appointment_future",
        )
    if appointed < _add_years(birth, MIN_APPOINTMENT_AGE).replace(day=1):
        raise IdentifierError(
            _("The NIP says the employee was appointed before the age of %(age)d.")
            % {"age": MIN_APPOINTMENT_AGE},
            "appointment_age",
        )
    return appointed


def _check_pppk_year(year: int, birth: dt.date, today: dt.date) -> None:
    """The year of appointment of an NI PPPK."""
    if year < PPPK_FIRST_YEAR:
        raise IdentifierError(
            _(
                "The NI PPPK says the employee was appointed in %(year)d, before the first PPPK "
                "were appointed (%(first)d, PP 49/2018)."
            )
            % {"year": year, "first": PPPK_FIRST_YEAR},
            "pppk_year",
        )
    if year > today.year:
        raise IdentifierError(
            _("The appointment year in the NI PPPK (%(year)d) is in the future.") % {"year": year},
            "appointment_future",
        )
    if year < birth.year + PPPK_MIN_AGE:
        raise IdentifierError(
            _("The NIP says the employee was appointed before the age of %(age)d.")
            % {"age": PPPK_MIN_AGE},
            "appointment_age",
        )


class NipScreen:
    """Whether a NIP, as 18 plain digits, passes every rule of ``parse_nip`` — fast, for imports.

    Millions of NIPs share a few thousand birth dates, so the date rules are worked out once per
    birth date; months and years are then compared as ``YYYYMM`` and ``YYYY`` strings. No message:
    a NIP that does not pass goes through ``parse_nip`` to learn why (or, written with spaces or
    dots, to be cleaned). Pinned to ``parse_nip`` by tests.
    """

    def __init__(self, today: dt.date | None = None) -> None:
        self.today = today or dt.date.today()
        self._this_month = f"{self.today:%Y%m}"
        self._this_year = f"{self.today:%Y}"
        # Birth date (YYYYMMDD) → the earliest appointment month of a NIP PNS (YYYYMM) and the
        # earliest year of an NI PPPK (YYYY); ("", "") if the birth date is invalid.
        self._earliest: dict[str, tuple[str, str]] = {}

    def passes(self, nip: str) -> bool:
        if len(nip) != NIP_LENGTH or not nip.isdigit() or not nip.isascii():
            return False
        earliest = self._earliest.get(nip[:8])
        if earliest is None:
            earliest = self._earliest[nip[:8]] = self._earliest_appointment(nip[:8])
        if nip[14] not in ("1", "2"):  # the gender digit
            return False
        month = nip[12:14]
        if "01" <= month <= "12":
            # NIP PNS: not before the earliest month allowed (so not before 1918), not after
            # the current one.
            return bool(earliest[0]) and earliest[0] <= nip[8:14] <= self._this_month
        if is_pppk_code(month):
            return bool(earliest[1]) and earliest[1] <= nip[8:12] <= self._this_year
        return False

    def _earliest_appointment(self, birth_digits: str) -> tuple[str, str]:
        birth = _date(int(birth_digits[0:4]), int(birth_digits[4:6]), int(birth_digits[6:8]))
        if birth is None or birth.year < 1900 or birth > self.today:
            return "", ""
        pppk_year = max(birth.year + PPPK_MIN_AGE, PPPK_FIRST_YEAR)
        return f"{_add_years(birth, MIN_APPOINTMENT_AGE):%Y%m}", f"{pppk_year:04d}"


def _known_district(code: str) -> bool:
    from netra.reference.models import Region

    return Region.objects.filter(code=code, level=Region.Level.DISTRICT).exists()


def parse_nik(
    value: object,
    *,
    today: dt.date | None = None,
    district_exists: Callable[[str], bool] | None = _known_district,
) -> Nik:
    """Check a 16-digit NIK and return its parts; raise ``IdentifierError`` saying what is wrong.

    ``district_exists`` checks the region code against the Kemendagri districts (pass None to skip,
    e.g. where the reference data is not loaded).
    """
    nik = _digits(value, NIK_LENGTH, "NIK")
    today = today or dt.date.today()
    province, regency = nik[0:2], f"{nik[0:2]}.{nik[2:4]}"
    district = f"{regency}.{nik[4:6]}"
    if district_exists is not None and not district_exists(district):
        raise IdentifierError(
            _("The region code of the NIK (%(code)s) is not a known district (kecamatan).")
            % {"code": district},
            "region",
        )
    day, month, year2 = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    gender = MALE
    if day > 40:  # UU 24/2013 numbering: women's birth day is written plus 40.
        day, gender = day - 40, FEMALE
    # Two-digit year: the latest century that does not put the birth in the future.
    year = 2000 + year2
    candidate = _date(year, month, day)
    if candidate is not None and candidate > today:
        year -= 100
    birth = _date(year, month, day)
    if birth is None or day == 0:
        raise IdentifierError(
            _("The birth date in the NIK (%(date)s) does not exist.")
            % {"date": f"{nik[6:8]}-{nik[8:10]}-{nik[10:12]}"},
            "birth_date",
        )
    serial = int(nik[12:16])
    if serial == 0:
        raise IdentifierError(_("The serial number of the NIK cannot be 0000."), "serial")
    return Nik(nik, province, regency, district, birth, gender, serial)


# Django adapters -------------------------------------------------------------------------------


def validate_nip(value: object) -> None:
    try:
        parse_nip(value)
    except IdentifierError as exc:
        raise ValidationError(exc.message, code=f"nip_{exc.code}") from exc


def validate_nik(value: object) -> None:
    try:
        parse_nik(value)
    except IdentifierError as exc:
        raise ValidationError(exc.message, code=f"nik_{exc.code}") from exc


class NipField(forms.CharField):
    """A form field that cleans to the 18-digit NIP string (spaces and dots removed)."""

    default_error_messages = {"required": gettext_lazy("Enter the NIP.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        try:
            return parse_nip(value).value
        except IdentifierError as exc:
            raise ValidationError(exc.message, code=f"nip_{exc.code}") from exc


class NikField(forms.CharField):
    """A form field that cleans to the 16-digit NIK string (spaces and dots removed)."""

    default_error_messages = {"required": gettext_lazy("Enter the NIK.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        try:
            return parse_nik(value).value
        except IdentifierError as exc:
            raise ValidationError(exc.message, code=f"nik_{exc.code}") from exc
