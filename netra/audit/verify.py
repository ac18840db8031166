"""Check the audit chain from the first entry to the last, and name the first entry that breaks it.

Reads in ``seq`` order, a chunk at a time by key (``seq > last``), so millions of entries take
constant memory and no long-lived cursor. Callers: ``manage.py verify_audit_chain``, and any code
that must prove the trail intact (a backup restored, a migration run).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .chain import GENESIS, entry_hash
from .models import AuditEntry

CHUNK = 5000
_FIELDS = (
    "id",
    "seq",
    "at",
    "actor_id",
    "actor_label",
    "action",
    "target_type",
    "target_id",
    "summary",
    "data",
    "prev_hash",
    "hash",
)


@dataclass(frozen=True)
class Break:
    """The first entry at which the chain no longer holds, and why."""

    seq: int
    id: int
    action: str
    at: dt.datetime
    reason: str

    def __str__(self) -> str:
        where = f"id {self.id}, {self.action}, {self.at.isoformat()}"
        return f"entry seq {self.seq} ({where}): {self.reason}"


@dataclass(frozen=True)
class ChainReport:
    verified: int  # entries found intact, from seq 1, before any break
    head_seq: int  # the last intact entry (0 when the trail is empty)
    head_hash: str
    broken: Break | None

    @property
    def intact(self) -> bool:
        return self.broken is None


def _fault(row: dict[str, Any], expected_seq: int, prev_hash: str) -> str:
    if row["seq"] != expected_seq:
        gap = range(expected_seq, row["seq"])
        return f"expected seq {expected_seq}: " + (
            f"entry {gap[0]} is missing"
            if len(gap) == 1
            else f"entries {gap[0]}-{gap[-1]} are missing"
        )
    if row["prev_hash"] != prev_hash:
        return f"it does not link to entry {expected_seq - 1} (an entry before it was changed)"
    content = {k: v for k, v in row.items() if k not in ("id", "hash")}
    if entry_hash(**content) != row["hash"]:
        return "its content does not match its hash (it was changed)"
    return ""


def verify_chain(
    *,
    using: str = "default",
    chunk: int = CHUNK,
    progress: Callable[[int], None] | None = None,
) -> ChainReport:
    """Walk the whole chain; stop at the first broken entry. ``progress(n)`` after each chunk."""
    entries = AuditEntry.objects.using(using).order_by("seq").values(*_FIELDS)
    count, prev_hash, last_seq = 0, GENESIS, 0
    while rows := list(entries.filter(seq__gt=last_seq)[:chunk]):
        for row in rows:
            if reason := _fault(row, count + 1, prev_hash):
                broken = Break(row["seq"], row["id"], row["action"], row["at"], reason)
                return ChainReport(count, count, prev_hash, broken)
            count, prev_hash = count + 1, row["hash"]
        last_seq = rows[-1]["seq"]
        if progress:
            progress(count)
    return ChainReport(count, count, prev_hash, None)


def holds_head(seq: int, hash_: str, *, using: str = "default") -> bool:
    """Whether the entry ``seq`` still has the hash an operator recorded for it earlier.

    With ``verify_chain`` intact, this proves nothing before ``seq`` was rewritten or cut off since
    the head was recorded: the one thing the chain cannot show on its own (docs/audit.md).
    """
    return AuditEntry.objects.using(using).filter(seq=seq, hash=hash_).exists()
