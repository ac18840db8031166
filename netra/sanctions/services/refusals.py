"""What a refused request to the sanction stage raises: a message for the person (in the page's
language), a 4xx status, and nothing written (raised before or inside the one transaction).

They are case handling's ``CaseError`` (netra/cases/workflow.py), so a page or API operation of
stage 4 answers a refusal from a case step it triggers (closing the case) the same way."""

from __future__ import annotations

from netra.cases.workflow import CaseError


class Refused(CaseError):
    """Bad input (400): shown to the user as is."""


class Conflict(Refused):
    """The step does not fit the file's state (409): a second decree, a block twice."""

    status_code = 409


class NotYours(Refused):
    """Another authority's or agency's file, or not the right role (403)."""

    status_code = 403
