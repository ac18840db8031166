"""Small-cell suppression for the public aggregates, proof against subtraction from totals.

Every published number is a *cell*; a *relation* says that one published cell is the sum of others
(a province = its kabupaten/kota; a region's total = its cells by phase, by channel, ...). The public
sees all cells of all regions, so anyone can combine relations: a cell hidden in one table must not
come back as "total minus the others" in any table or any combination of tables.

1. **Primary suppression**: a cell with 0 < n < threshold is hidden. Zeros are shown (a true zero
   names nobody).
2. **Complementary suppression, one relation at a time**: in every relation with a hidden cell, at
   least two terms are hidden (so no hidden cell is "total minus the rest", complements included);
   where a primary cell is a part and the total is shown, the hidden parts add up to at least the
   threshold (else the subtraction would still give a small number). The extra cell is the shown
   part with the smallest positive count, else a zero part, else the total.
3. **Audit over all relations together**: the hidden cells are the unknowns of a linear system (one
   equation per relation). A primary cell is disclosed exactly when its unit vector lies in the row
   space of that system; the audit finds such cells by Gaussian elimination (modulo a 61-bit prime) and
   hides one more cell in a relation of each, until none is disclosed.

Hidden primary and complementary cells look the same to the public. What remains possible is bounding
a hidden cell by inequalities (counts are never negative); rule 2 keeps such bounds at least as wide
as the threshold within one relation. docs/insights.md explains the choice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

Key = Hashable
PRIME = 2**61 - 1


@dataclass(frozen=True)
class Relation:
    """``total`` = sum of ``parts`` (all cells published)."""

    total: Key
    parts: tuple[Key, ...]

    @property
    def terms(self) -> tuple[Key, ...]:
        return (self.total, *self.parts)


@dataclass
class Suppression:
    hidden: set[Key]
    primary: set[Key]
    rounds: int = 0
    audit_rounds: int = 0
    by_key: dict[Key, list[Relation]] = field(default_factory=dict, repr=False)


def suppress(
    values: Mapping[Key, int], relations: Sequence[Relation], threshold: int
) -> Suppression:
    """The cells to hide so that no cell with 0 < n < ``threshold`` can be read or recovered."""
    primary = {k for k, v in values.items() if 0 < v < threshold}
    hidden = set(primary)
    by_key: dict[Key, list[Relation]] = defaultdict(list)
    for rel in relations:
        for key in rel.terms:
            by_key[key].append(rel)
    result = Suppression(hidden=hidden, primary=primary, by_key=by_key)
    if not primary:
        return result
    _protect_each_relation(values, by_key, result, threshold)
    while disclosed := audit(relations, hidden, primary):
        result.audit_rounds += 1
        for key in sorted(disclosed, key=repr):
            extra = _nearest_complement(values, by_key, hidden, key)
            if extra is None:  # nothing shown is linked to it, yet it is disclosed: a bug
                raise RuntimeError(f"cannot protect cell {key!r}")
            hidden.add(extra)
        _protect_each_relation(values, by_key, result, threshold)
    return result


def _unsafe(
    rel: Relation, values: Mapping[Key, int], hidden: set[Key], primary: set[Key], threshold: int
) -> bool:
    hidden_terms = [t for t in rel.terms if t in hidden]
    if len(hidden_terms) == 1:
        return True
    if rel.total not in hidden and any(t in primary for t in rel.parts):
        hidden_sum = sum(values.get(t, 0) for t in rel.parts if t in hidden)
        return hidden_sum < threshold
    return False


def _protect_each_relation(
    values: Mapping[Key, int],
    by_key: Mapping[Key, list[Relation]],
    result: Suppression,
    threshold: int,
) -> None:
    hidden, primary = result.hidden, result.primary
    pending = {id(r): r for key in hidden for r in by_key.get(key, ())}
    while pending:
        result.rounds += 1
        batch = sorted(pending.values(), key=lambda r: repr(r.total))
        pending = {}
        for rel in batch:
            while _unsafe(rel, values, hidden, primary, threshold):
                # A small part needs company with weight (a count); anything else only needs
                # a second unknown, and a zero is the cheapest one to hide.
                needs_mass = rel.total not in hidden and any(t in primary for t in rel.parts)
                extra = _complement(
                    values, [rel], hidden, prefer_parts=True, zeros_first=not needs_mass
                )
                if extra is None:
                    break
                hidden.add(extra)
                for other in by_key.get(extra, ()):
                    pending[id(other)] = other


def _complement(
    values: Mapping[Key, int],
    relations: Iterable[Relation],
    hidden: set[Key],
    *,
    prefer_parts: bool,
    zeros_first: bool = False,
) -> Key | None:
    """The shown cell whose hiding costs least: a part with the smallest positive count, then a
    zero part (zeros first when ``zeros_first``), then a total."""
    best: tuple[tuple[int, int, int, str], Key] | None = None
    for rel in relations:
        for key in rel.terms:
            if key in hidden:
                continue
            value = values.get(key, 0)
            is_total = int(prefer_parts and key == rel.total)
            zero_rank = int(value != 0) if zeros_first else int(value == 0)
            rank = (is_total, zero_rank, value, repr(key))
            if best is None or rank < best[0]:
                best = (rank, key)
    return None if best is None else best[1]


def _nearest_complement(
    values: Mapping[Key, int],
    by_key: Mapping[Key, list[Relation]],
    hidden: set[Key],
    key: Key,
) -> Key | None:
    """A shown cell in a relation of ``key``; if all their terms are hidden already, in a relation
    of those hidden terms, and so on outwards (the disclosure runs through them)."""
    seen_keys: set[Key] = {key}
    seen_relations: set[int] = set()
    layer = [key]
    while layer:
        relations = [r for k in layer for r in by_key.get(k, ()) if id(r) not in seen_relations]
        seen_relations.update(id(r) for r in relations)
        extra = _complement(values, relations, hidden, prefer_parts=True)
        if extra is not None:
            return extra
        layer = [t for r in relations for t in r.terms if t not in seen_keys]
        seen_keys.update(layer)
    return None


# --- The audit: which hidden cells a reader can compute exactly from everything published ---------


def audit(relations: Iterable[Relation], hidden: set[Key], targets: set[Key]) -> set[Key]:
    """The cells of ``targets`` (all hidden) that the published cells determine exactly: those
    whose unit vector is a combination of the relations, restricted to the hidden cells."""
    index: dict[Key, int] = {}
    pivots: dict[int, dict[int, int]] = {}
    for rel in relations:
        row: dict[int, int] = {}
        for key, coef in ((rel.total, 1), *((p, PRIME - 1) for p in rel.parts)):
            if key in hidden:
                col = index.setdefault(key, len(index))
                row[col] = (row.get(col, 0) + coef) % PRIME
        row = {c: v for c, v in row.items() if v}
        if row:
            _insert(pivots, row)
    disclosed = set()
    for key in targets:
        if key in index and not _reduce(pivots, {index[key]: 1}):
            disclosed.add(key)
    return disclosed


def _reduce(pivots: Mapping[int, dict[int, int]], row: dict[int, int]) -> dict[int, int]:
    """``row`` minus the pivot rows, until its lowest column has no pivot (or nothing is left)."""
    row = dict(row)
    while row:
        col = min(row)
        pivot = pivots.get(col)
        if pivot is None:
            return row
        factor = row[col]
        for c, v in pivot.items():
            new = (row.get(c, 0) - factor * v) % PRIME
            if new:
                row[c] = new
            else:
                row.pop(c, None)
    return row


def _insert(pivots: dict[int, dict[int, int]], row: dict[int, int]) -> None:
    row = _reduce(pivots, row)
    if row:
        col = min(row)
        inverse = pow(row[col], PRIME - 2, PRIME)
        pivots[col] = {c: v * inverse % PRIME for c, v in row.items()}
