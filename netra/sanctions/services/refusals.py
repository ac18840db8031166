"""What a refused request to the sanction stage raises: a message for the person (in the page's
language), a 4xx status, and nothing written (raised before or inside the one transaction).

They are case handling's ``CaseError`` (netra/cases/workflow.py), so a page or API operation of
stage 4 answers a refusal from a case step it triggers (closing the case) the same way."""

from __future__ import annotations

from django.utils.translation import gettext as _

from netra.cases.workflow import CaseError
from netra.lib.input_guard import unsafe_text


class Refused(CaseError):
    """Bad input (400): shown to the user as is."""


class Conflict(Refused):
    """The step does not fit the file's state (409): a second decree, a block twice."""

    status_code = 409


class NotYours(Refused):
    """Another authority's or agency's file, or not the right role (403)."""

    status_code = 403


def required_text(
    value: str | None, what: str, *, limit: int = 4000, multiline: bool = True
) -> str:
    """``value`` stripped, or ``Refused``: empty, too long, or holding control or bidi characters
    (the input guard refuses NUL everywhere; these are refused field by field)."""
    value = (value or "").strip()
    if not value:
        raise Refused(_("Please give %(what)s.") % {"what": what})
    if len(value) > limit:
        raise Refused(
            _("%(what)s is too long: at most %(n)d characters.") % {"what": what, "n": limit}
        )
    if unsafe_text(value, multiline=multiline):
        raise Refused(_("%(what)s holds characters that cannot be used.") % {"what": what})
    return value
