"""What a refused request to the sanction stage raises: a message for the person (in the page's
language), a 4xx status, and nothing written (raised before or inside the one transaction)."""

from __future__ import annotations


class Refused(Exception):
    """Bad input (400): shown to the user as is."""

    status_code = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Conflict(Refused):
    """The recommendation is not in a state that allows this step (409), e.g. a second decree."""

    status_code = 409
