# mypy: disable-error-code="index, misc"
"""Small cells stay hidden, and no subtraction from totals brings them back (suppression.py)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from netra.insights.suppression import Relation, audit, suppress

from .attacker import recover

K = 5


def _publish(values, relations):
    result = suppress(values, relations, K)
    shown = {k: v for k, v in values.items() if k not in result.hidden}
    return result, shown


def _attack(values, relations, result):
    shown = {k: v for k, v in values.items() if k not in result.hidden}
    return recover(shown, result.hidden, [(r.total, list(r.parts)) for r in relations])


def test_one_small_cell_takes_a_second_cell_with_it_so_the_total_does_not_give_it_away():
    values = {"T": 13, "a": 12, "b": 1}
    relations = [Relation("T", ("a", "b"))]
    result, shown = _publish(values, relations)
    assert result.hidden == {"a", "b"}
    assert shown == {"T": 13}
    assert _attack(values, relations, result) == {}


def test_hidden_parts_together_reach_the_threshold():
    # 1 and 2 hidden alone: "total minus the rest" = 3, so each is at most 3. A third cell goes too.
    values = {"T": 53, "a": 1, "b": 2, "c": 20, "d": 30}
    relations = [Relation("T", ("a", "b", "c", "d"))]
    result, _shown = _publish(values, relations)
    assert result.hidden == {"a", "b", "c"}


def test_a_small_total_is_hidden_with_its_parts():
    values = {"T": 3, "a": 3, "b": 0}
    result, shown = _publish(values, [Relation("T", ("a", "b"))])
    assert "T" in result.hidden and "a" in result.hidden
    assert shown["b"] == 0  # a true zero names nobody


def test_region_hierarchy_one_region_at_a_time():
    # National = provinces; province A = its kabupaten/kota. Reading each region alone and adding
    # up must not give the small kabupaten back.
    values = {"ID": 40, "A": 21, "B": 19, "A1": 20, "A2": 1, "B1": 10, "B2": 9}
    relations = [
        Relation("ID", ("A", "B")),
        Relation("A", ("A1", "A2")),
        Relation("B", ("B1", "B2")),
    ]
    result, _shown = _publish(values, relations)
    assert "A2" in result.hidden
    assert "A2" not in _attack(values, relations, result)


def test_the_audit_catches_what_single_relations_miss():
    # A 2x3 table with row and column totals. Hiding a1 (small) and its row/column partners
    # one relation at a time leaves a pattern the whole system can still solve; the audit must
    # add cells until it cannot.
    rows, cols = ("r1", "r2"), ("c1", "c2", "c3")
    cells = {("r1", "c1"): 2, ("r1", "c2"): 40, ("r1", "c3"): 7, ("r2", "c1"): 30}
    cells |= {("r2", "c2"): 8, ("r2", "c3"): 50}
    values = dict(cells)
    relations = []
    for r in rows:
        values[(r, "*")] = sum(cells[(r, c)] for c in cols)
        relations.append(Relation((r, "*"), tuple((r, c) for c in cols)))
    for c in cols:
        values[("*", c)] = sum(cells[(r, c)] for r in rows)
        relations.append(Relation(("*", c), tuple((r, c) for r in rows)))
    values[("*", "*")] = sum(cells.values())
    relations.append(Relation(("*", "*"), tuple((r, "*") for r in rows)))
    relations.append(Relation(("*", "*"), tuple(("*", c) for c in cols)))
    result, _shown = _publish(values, relations)
    assert ("r1", "c1") in result.hidden
    assert ("r1", "c1") not in _attack(values, relations, result)
    assert not audit(relations, result.hidden, result.primary)


def test_bridge_between_two_protected_blocks_is_found_by_the_audit():
    # Two 2x2 blocks of hidden cells joined by one hidden cell (a "bridge"): every row and column
    # has two hidden cells, yet the bridge is the difference of sums. The audit sees it.
    values, relations = {}, []
    grid = {
        (0, 0): 1, (0, 1): 9, (1, 0): 9, (1, 1): 9,
        (2, 2): 1, (2, 3): 9, (3, 2): 9, (3, 3): 9,
        (1, 2): 3,
    }  # fmt: skip
    for r, c in itertools.product(range(4), range(4)):
        values[(r, c)] = grid.get((r, c), 0)
    for r in range(4):
        values[(r, "*")] = sum(values[(r, c)] for c in range(4))
        relations.append(Relation((r, "*"), tuple((r, c) for c in range(4))))
    for c in range(4):
        values[("*", c)] = sum(values[(r, c)] for r in range(4))
        relations.append(Relation(("*", c), tuple((r, c) for r in range(4))))
    result, _shown = _publish(values, relations)
    found = _attack(values, relations, result)
    assert not set(found) & result.primary


@st.composite
def hierarchical_tables(draw):
    """Provinces × kabupaten/kota × a breakdown of three values, with every margin published."""
    n_prov = draw(st.integers(1, 3))
    n_reg = draw(st.integers(1, 3))
    count = st.one_of(st.integers(0, 6), st.integers(0, 40))
    leaf = {
        (p, r, v): draw(count) for p in range(n_prov) for r in range(n_reg) for v in ("x", "y", "z")
    }
    values, relations = dict(leaf), []
    scopes = [("ID",)] + [(p,) for p in range(n_prov)]
    children = {("ID",): [(p,) for p in range(n_prov)]}
    for p in range(n_prov):
        children[(p,)] = [(p, r) for r in range(n_reg)]
    for v in ("x", "y", "z", "*"):
        for p in range(n_prov):
            for r in range(n_reg):
                if v == "*":
                    values[(p, r, "*")] = sum(leaf[(p, r, w)] for w in "xyz")
            values[(p, "*", v)] = sum(values[(p, r, v)] for r in range(n_reg))
            relations.append(Relation((p, "*", v), tuple((p, r, v) for r in range(n_reg))))
        values[("ID", v)] = sum(values[(p, "*", v)] for p in range(n_prov))
        relations.append(Relation(("ID", v), tuple((p, "*", v) for p in range(n_prov))))
    for p in range(n_prov):
        for r in range(n_reg):
            relations.append(Relation((p, r, "*"), tuple((p, r, w) for w in "xyz")))
        relations.append(Relation((p, "*", "*"), tuple((p, "*", w) for w in "xyz")))
    relations.append(Relation(("ID", "*"), tuple(("ID", w) for w in "xyz")))
    del scopes, children
    return values, relations


@settings(max_examples=150, deadline=None)
@given(hierarchical_tables())
def test_no_small_cell_is_shown_or_recoverable_from_any_combination_of_totals(table):
    values, relations = table
    result, shown = _publish(values, relations)
    assert not [k for k, v in shown.items() if 0 < v < K]
    recovered = _attack(values, relations, result)
    assert not set(recovered) & result.primary, recovered
    for rel in relations:
        hidden = [t for t in rel.terms if t in result.hidden]
        if any(t in result.primary for t in rel.terms):
            assert len(hidden) >= 2
            if rel.total not in result.hidden:
                assert sum(values[t] for t in rel.parts if t in result.hidden) >= K
