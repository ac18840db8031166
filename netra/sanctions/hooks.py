"""What a higher layer adds to the authority's case file without sanctions importing it.

The case file of the civil-service authority lists the evidence (issue 16: "the case file they need
(decision per person, violation types, minutes, evidence list, letters; never the reporter's
identity)"), but the evidence belongs to ``netra.reports``, a layer sanctions may not import. The top
layer (``netra.web``'s ``AppConfig.ready``) registers a provider; the case page asks it here. A
provider gets the acting user and the case and answers the rows below: plain values, chosen so that
nothing identifying the reporter (name, contact, receipt, message text, photo position) can pass.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class EvidenceRow:
    kind: str  # "file" or "link"
    kind_label: str
    name: str  # the file's name as uploaded, or the link's address
    content_type: str
    size: int | None
    sha256: str
    received_at: dt.datetime
    removed: bool  # the retention job removed the file; its hash and size stay on record


EvidenceProvider = Callable[[Any, Any], "list[EvidenceRow]"]
_evidence: list[EvidenceProvider] = []


def provide_case_evidence(provider: EvidenceProvider) -> None:
    if provider not in _evidence:
        _evidence.append(provider)


def case_evidence(user: Any, case: Any) -> list[EvidenceRow] | None:
    """The evidence rows of ``case`` for ``user``; None when no layer provides them."""
    if not _evidence:
        return None
    return [row for provider in _evidence for row in provider(user, case)]
