"""Who may act on a report's confidential parts: built on case handling's scoping.

An officer handling the case replies to the reporter, downloads evidence and may ask to see an
identified reporter's identity; a second officer of the requester's office or a higher one, who
handles the case too, decides on that request (four eyes, every step audited).
"""

from __future__ import annotations

from typing import Any

from netra.accounts.permissions import office_covers
from netra.cases.permissions import can_handle_case

__all__ = ["can_decide_reveal", "can_handle_case"]


def can_decide_reveal(officer: Any, reveal: Any) -> bool:
    """A second officer, handling the case, of the requester's office or a higher one."""
    return (
        officer.pk != reveal.requested_by_id
        and can_handle_case(officer, reveal.report.case)
        and office_covers(officer, reveal.requested_by)
    )
