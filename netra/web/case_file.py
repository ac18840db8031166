"""The evidence list in the civil-service authority's case file (netra/sanctions/hooks.py): sanctions
may not import reports, so the top layer joins them.

Issue 16 asks for "the case file they need (decision per person, violation types, minutes, evidence
list, letters; never the reporter's identity)". The authority gets the LIST (kind, file name or
link, size, SHA-256, the day it was received), not the files: an original photo keeps its EXIF
(where the reporter stood, their device), a screenshot often shows the reporter's own account, and
the retention rules of netra/reports were set for Bawaslu's handling only. The SHA-256 lets the
authority verify any copy Bawaslu sends it through official channels. Downloads for the authority
would need a stripped copy of every kind of file first; the list is what the issue asks for.
"""

from __future__ import annotations

from typing import Any

from netra.reports.models import Evidence
from netra.reports.selectors import evidence_list
from netra.sanctions.hooks import EvidenceRow
from netra.sanctions.permissions_authority import is_analyst


def authority_evidence(user: Any, case: Any) -> list[EvidenceRow]:
    """The case's evidence rows for an analyst of the authority (the case page has already checked
    that the case is their authority's); nothing for anyone else."""
    if not is_analyst(user):
        return []
    return [
        EvidenceRow(
            kind=item.kind,
            kind_label=str(Evidence.Kind(item.kind).label),
            name=item.url if item.kind == Evidence.Kind.LINK else item.original_name,
            content_type=item.content_type,
            size=item.size,
            sha256=item.sha256,
            received_at=item.submitted_at,
            removed=item.removed_at is not None,
        )
        for item in evidence_list(case)
    ]
