"""The hash chain over the audit trail: each entry stores the hash of the one before it and its own.

An entry's hash is SHA-256 over a canonical text of its fields and the previous entry's hash, so
changing, removing or reordering any entry breaks every link after it (see ``verify.verify_chain``).
The canonical text is JSON with sorted keys, ASCII escapes and numbers as they read back: the same
``data`` hashes the same whether it comes from Python, from PostgreSQL's ``jsonb`` (which gives
``1e+16`` back as ``10000000000000000``) or from SQLite's text column. Changing this format breaks
every stored hash: add a new ``v`` instead, and teach the verifier both.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import connections
from django.utils import timezone

if TYPE_CHECKING:
    from .models import AuditEntry

FORMAT_VERSION = 1
GENESIS = "0" * 64  # the "previous hash" of the first entry

# One fixed key for pg_advisory_xact_lock, the first 8 bytes of sha256("netra.audit.chain") read as
# a signed bigint, so it does not collide with another application's small integer keys.
CHAIN_LOCK = int.from_bytes(hashlib.sha256(b"netra.audit.chain").digest()[:8], "big", signed=True)


def canonical_json(value: Any) -> str:
    """One text per JSON value: sorted keys, no spaces, ASCII escapes, numbers as stored."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, list | tuple):
        return "[" + ",".join(canonical_json(item) for item in value) + "]"
    if isinstance(value, dict):
        # Keys as json.dumps writes them: 1 -> "1", True -> "true", None -> "null".
        items = sorted((k if isinstance(k, str) else json.dumps(k), v) for k, v in value.items())
        return "{" + ",".join(f"{json.dumps(k)}:{canonical_json(v)}" for k, v in items) + "}"
    raise TypeError(f"Audit data must be JSON: {type(value).__name__} is not.")


def _number(value: int | float) -> str:
    """A number as it reads back from either database.

    PostgreSQL's ``jsonb`` keeps a number's decimal text but never an exponent: Python writes
    1e16 and up as ``1e+16``, which comes back as the integer 10000000000000000, and 1e-07 comes
    back as 0.0000001, the same float. So an integral float that Python writes with a positive
    exponent is written as that integer; ``jsonb`` also has no negative zero.
    """
    if isinstance(value, int):
        return str(value)
    text = repr(value)
    if "e+" in text:
        return str(int(Decimal(text)))
    return "0.0" if value == 0 else text


def _instant(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(
    *,
    seq: int,
    at: dt.datetime,
    actor_id: int | None,
    actor_label: str,
    action: str,
    target_type: str,
    target_id: str,
    summary: str,
    data: Any,
    prev_hash: str,
) -> str:
    """The SHA-256 (hex) of one entry's canonical form, which includes the previous entry's hash."""
    fields = {
        "v": FORMAT_VERSION,
        "seq": seq,
        "at": _instant(at),
        "actor": actor_id,
        "actor_label": actor_label,
        "action": action,
        "target_type": target_type,
        "target_id": target_id,
        "summary": summary,
        "data": data,
        "prev_hash": prev_hash,
    }
    return hashlib.sha256(canonical_json(fields).encode("ascii")).hexdigest()


# One round trip takes the lock and reads the head. In READ COMMITTED a statement's snapshot is
# taken when it starts, so a plain "lock, then read" in one statement could read the head from
# before the lock's previous holder committed. A VOLATILE function takes a fresh snapshot for each
# statement inside it: the read runs after the lock is granted and sees the committed head.
POSTGRESQL_HEAD_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_chain_head(lock_key bigint)
RETURNS TABLE (head_seq bigint, head_hash varchar) LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(lock_key);
    RETURN QUERY SELECT e.seq, e.hash FROM audit_auditentry e ORDER BY e.seq DESC LIMIT 1;
END
$$
"""


def link(entry: AuditEntry, *, using: str) -> None:
    """Give ``entry`` the next sequence number, its time, the head's hash and its own hash.

    Call inside the transaction that inserts the entry. On PostgreSQL a transaction-scoped advisory
    lock makes concurrent appends take turns: the second waits until the first commits, then reads
    the new head (``audit_chain_head``, installed by migration 0003). The lock is held until the
    caller's transaction ends: record the audit entry last in a service's transaction. SQLite needs
    no lock: its transactions are IMMEDIATE (settings.py), so a writer holds the database from
    BEGIN. The unique ``seq`` is the backstop: a writer that skipped the lock could not fork the
    chain, only fail.
    """
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT head_seq, head_hash FROM audit_chain_head(%s)", [CHAIN_LOCK])
            head = cursor.fetchone()
    else:
        with connection.cursor() as cursor:  # raw: the ORM would double the cost of an append
            cursor.execute("SELECT seq, hash FROM audit_auditentry ORDER BY seq DESC LIMIT 1")
            head = cursor.fetchone()
    previous_seq, previous_hash = head or (0, GENESIS)
    entry.seq = previous_seq + 1
    entry.prev_hash = previous_hash
    entry.at = timezone.now()  # taken under the lock: on one clock, times follow the chain order
    entry.hash = entry_hash(
        seq=entry.seq,
        at=entry.at,
        actor_id=entry.actor_id,
        actor_label=entry.actor_label,
        action=entry.action,
        target_type=entry.target_type,
        target_id=entry.target_id,
        summary=entry.summary,
        data=entry.data,
        prev_hash=entry.prev_hash,
    )
