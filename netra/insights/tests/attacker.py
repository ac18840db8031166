"""An attacker who sees only what is published: every shown number and every relation between
numbers (a region is the sum of its sub-regions, a total the sum of a breakdown). Written apart from
``suppression.audit`` (exact fractions, full reduced row echelon form) so the tests check the
suppression against an independent solver."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from fractions import Fraction

Key = Hashable


def recover(
    shown: Mapping[Key, int], hidden: Iterable[Key], relations: Iterable[tuple[Key, list[Key]]]
) -> dict[Key, Fraction]:
    """Every hidden cell whose value follows from the published cells and relations, with it."""
    hidden = sorted(set(hidden), key=repr)
    col = {k: i for i, k in enumerate(hidden)}
    rows: list[list[Fraction]] = []
    for total, parts in relations:
        row = [Fraction(0)] * (len(hidden) + 1)
        for key, sign in ((total, 1), *((p, -1) for p in parts)):
            if key in col:
                row[col[key]] += sign
            else:
                row[-1] -= sign * shown.get(key, 0)
        if any(row[:-1]):
            rows.append(row)
    pivots = _rref(rows, len(hidden))
    found = {}
    for r, c in pivots:
        if not any(rows[r][j] for j in range(len(hidden)) if j != c):
            found[hidden[c]] = rows[r][-1]
    return found


def _rref(rows: list[list[Fraction]], ncols: int) -> list[tuple[int, int]]:
    pivots, r = [], 0
    for c in range(ncols):
        pick = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
        if pick is None:
            continue
        rows[r], rows[pick] = rows[pick], rows[r]
        lead = rows[r][c]
        rows[r] = [v / lead for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][c] != 0:
                factor = rows[i][c]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots.append((r, c))
        r += 1
    return pivots
