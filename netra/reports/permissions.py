"""Who may decide on revealing a reporter: built on accounts.permissions, which stays the one place
for jurisdiction. (Kept here rather than appended there while that file is being edited by others.)
"""

from __future__ import annotations

from typing import Any

from netra.accounts.permissions import can_handle_case


def office_covers(upper: Any, lower: Any) -> bool:
    """``upper``'s Bawaslu office is ``lower``'s or above it (RI > province > kabupaten/kota)."""
    if upper.region_id is None:
        return True
    if lower.region_id is None:
        return False
    return lower.region_id == upper.region_id or lower.region_id.startswith(upper.region_id + ".")


def can_decide_reveal(officer: Any, reveal: Any) -> bool:
    """A second officer, handling the case, of the requester's office or a higher one."""
    return (
        officer.pk != reveal.requested_by_id
        and can_handle_case(officer, reveal.report.case)
        and office_covers(officer, reveal.requested_by)
    )
