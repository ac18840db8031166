"""Each entry carries the hash of the one before it; the whole trail verifies after many appends."""

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netra.audit.chain import GENESIS, canonical_json, entry_hash
from netra.audit.models import AuditEntry
from netra.audit.services import record
from netra.audit.verify import verify_chain

from .conftest import target, write


def stored_hash_holds(entry: AuditEntry) -> bool:
    """Recompute the hash from the row as the database gives it back."""
    row = AuditEntry.objects.values().get(pk=entry.pk)
    content: dict[str, Any] = {k: v for k, v in row.items() if k not in ("id", "hash")}
    return entry_hash(**content) == row["hash"]


def test_entries_are_numbered_without_gaps_and_linked(db):
    entries = write(4)
    assert [e.seq for e in entries] == [1, 2, 3, 4]
    assert entries[0].prev_hash == GENESIS
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
    assert len({e.hash for e in entries}) == 4
    assert [e.at for e in entries] == sorted(e.at for e in entries)


def test_the_chain_verifies_after_many_records_read_in_small_chunks(db):
    entries = write(240, actor_note="ok")
    seen: list[int] = []
    report = verify_chain(chunk=17, progress=seen.append)
    assert report.intact
    assert (report.verified, report.head_seq, report.head_hash) == (240, 240, entries[-1].hash)
    assert seen[-1] == 240 and len(seen) == 15


def test_an_empty_trail_verifies(db):
    assert verify_chain() == verify_chain().__class__(0, 0, GENESIS, None)


def test_the_hash_covers_every_field(db):
    entry = record(action="case.decided", target=target(7), summary="s", outcome="terbukti")
    fields: dict[str, Any] = {
        "seq": entry.seq,
        "at": entry.at,
        "actor_id": None,
        "actor_label": "public",
        "action": "case.decided",
        "target_type": "tests.thing",
        "target_id": "7",
        "summary": "s",
        "data": {"outcome": "terbukti"},
        "prev_hash": entry.prev_hash,
    }
    assert entry_hash(**fields) == entry.hash
    changed: dict[str, Any] = {
        "seq": 2,
        "at": entry.at + dt.timedelta(microseconds=1),
        "actor_id": 1,
        "actor_label": "x",
        "action": "case.closed",
        "target_type": "cases.case",
        "target_id": "8",
        "summary": "t",
        "data": {"outcome": "tidak terbukti"},
        "prev_hash": "f" * 64,
    }
    for name, value in changed.items():
        assert entry_hash(**{**fields, name: value}) != entry.hash, name


@pytest.mark.parametrize(
    ("a", "b"), [(1e16, 10**16), (1.5e300, 15 * 10**299), (-0.0, 0.0), (1e-07, 0.0000001)]
)
def test_numbers_hash_as_postgresql_jsonb_gives_them_back(a, b):
    assert canonical_json({"n": a}) == canonical_json({"n": b})


def test_canonical_json_sorts_keys_and_refuses_what_json_cannot_hold():
    assert canonical_json({"b": [1, "é"], "a": None, 2: True}) == (
        '{"2":true,"a":null,"b":[1,"\\u00e9"]}'
    )
    with pytest.raises(TypeError, match="must be JSON"):
        canonical_json({"when": dt.date(2024, 11, 27)})


# What a service may put in ``data``: JSON that both databases store (PostgreSQL refuses NUL in
# text and non-finite numbers).
text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=12)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(text, children, max_size=4),
    max_leaves=12,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.dictionaries(text, json_values, max_size=5), summary=text)
def test_any_json_data_still_hashes_the_same_once_stored(db, data, summary):
    entry = record(action="test.any", target=target(1), summary=summary, **{"payload": data})
    assert stored_hash_holds(entry), json.dumps(data)
