"""Who is at the keyboard: an employee typed a NIP (or, staff without one, the agency's staff
number). Shared by signing, check-in and the quiz; every refusal is a translated 4xx message."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from django.utils.translation import gettext as _

from netra.registry.identifiers import IdentifierError, parse_nip
from netra.registry.models import Employee

from ..workflow import PreventionError

MAX_TEXT = 4000


def clean_text(value: object, *, field: str, max_length: int = 200, required: bool = True) -> str:
    """Plain one-line or multi-line text from a person: no NUL or control characters (a central
    middleware is coming; validated here all the same), trimmed, within its length."""
    text = str(value or "").strip()
    bad = [ch for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t"]
    if bad:
        raise PreventionError(
            _("%(field)s contains characters that are not allowed.") % {"field": field}
        )
    if required and not text:
        raise PreventionError(_("%(field)s is required.") % {"field": field})
    if len(text) > max_length:
        raise PreventionError(
            _("%(field)s may have at most %(n)d characters.") % {"field": field, "n": max_length}
        )
    return text


def clean_identifier(value: object) -> str:
    """A NIP as 18 digits, or a staff number as typed; a specific message when a NIP is wrong."""
    text = clean_text(value, field=_("NIP"), max_length=40)
    compact = text.replace(" ", "").replace(".", "")
    if compact.isdigit() and compact.isascii():
        try:
            return parse_nip(compact).value
        except IdentifierError as error:
            raise PreventionError(error.message) from error
    return text


def employee_by_identifier(
    identifier: str, *, agency_ids: Iterable[int] | None = None, fields: tuple[str, ...] = ()
) -> Employee | None:
    """The active employee with this NIP, or this staff number in one of ``agency_ids``."""
    qs = Employee.objects.filter(is_active=True)
    if fields:
        qs = qs.only(*fields)
    if len(identifier) == 18 and identifier.isdigit():
        return qs.filter(nip=identifier).first()
    if agency_ids is None:
        return None
    found = list(qs.filter(agency_id__in=list(agency_ids), staff_number=identifier)[:2])
    return found[0] if len(found) == 1 else None
