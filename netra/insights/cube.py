"""From one election's counts per leaf region to every published cell and every relation between
cells, for the suppression (suppression.py).

Scopes: ``""`` (Indonesia), each province (``64``), each kabupaten/kota (``64.72``). A leaf that only
names a province (an incident recorded without its kabupaten/kota) becomes the province's pseudo-child
``64.00`` ("not broken down"), so that a province is always exactly the sum of its children.

A cell key is ``(measure, dimension, value, scope)``; the total of a measure is dimension ``total``,
value ``all``. Relations: a region's cell = the sum of its children's cells (for every measure,
dimension and value); a region's total = the sum of a breakdown that partitions it (phase, channel,
position class, agency type; violation type only where nobody has two types, since only then does
it add up).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, cast

from .counting import Counts
from .dictionary import ALL, TOTAL, dictionary
from .suppression import Key, Relation

NATIONAL = ""
UNSPECIFIED = "00"
PARTITIONS = ("phase", "channel", "position_class", "agency_kind")


def leaf_scope(leaf: str) -> str:
    """The kabupaten/kota scope of a leaf region code (``64`` alone → ``64.00``)."""
    return leaf if "." in leaf else f"{leaf[:2]}.{UNSPECIFIED}"


def parent_of(scope: str) -> str | None:
    if scope == NATIONAL:
        return None
    return scope.split(".")[0] if "." in scope else NATIONAL


@dataclass
class Cube:
    values: dict[Key, int] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    # Scope → its children that have any count (provinces: every one of the 38 appears as a scope).
    children: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    series: set[tuple[str, str, str]] = field(default_factory=set)

    def scopes(self) -> set[str]:
        return {NATIONAL} | set(self.children) | {c for cs in self.children.values() for c in cs}


def build_cube(counts: Counts, provinces: list[str]) -> Cube:
    cube = Cube()
    cube.children[NATIONAL].update(provinces)
    for series, by_leaf in counts.cells.items():
        for leaf, n in by_leaf.items():
            if not n:
                continue
            scope = leaf_scope(leaf)
            province = scope.split(".")[0]
            cube.children[NATIONAL].add(province)
            cube.children[province].add(scope)
            for target in (scope, province, NATIONAL):
                key = (*series, target)
                cube.values[key] = cube.values.get(key, 0) + n
            cube.series.add(series)
    _zeros(cube)
    _hierarchy(cube)
    _partitions(cube)
    return cube


def _zeros(cube: Cube) -> None:
    """Every value of every breakdown, zero included, in each region that has figures: a zero can
    then be hidden instead of a count (the cheapest second unknown in a relation)."""
    words = dictionary()
    codes = {v for (m, d, v) in cube.series if d == "violation"}
    active = {key[3] for key in cube.values}  # type: ignore[index]
    for measure, spec in words.measures.items():
        for dimension in spec.dimensions:
            if dimension == "region":
                continue
            domain = codes if dimension == "violation" else set(words.dimensions[dimension].values)
            for value in domain:
                if dimension == "violation" and value == "none":
                    continue
                cube.series.add((measure, dimension, value))
                for scope in active:
                    cube.values.setdefault((measure, dimension, value, scope), 0)


def _hierarchy(cube: Cube) -> None:
    for series in sorted(cube.series):
        for parent, kids in sorted(cube.children.items()):
            total = (*series, parent)
            parts = tuple((*series, kid) for kid in sorted(kids) if (*series, kid) in cube.values)
            if total in cube.values or parts:
                cube.relations.append(Relation(total, parts))


def _partitions(cube: Cube) -> None:
    by_scope: dict[tuple[str, str, str], list[Any]] = defaultdict(list)
    for key in cube.values:
        m, d, _v, s = cast(tuple[str, str, str, str], key)
        if d != TOTAL:
            by_scope[(m, d, s)].append(key)
    for (measure, dimension, scope), keys in sorted(by_scope.items()):
        total = (measure, TOTAL, ALL, scope)
        parts = tuple(sorted(keys, key=repr))
        adds_up = sum(cube.values[k] for k in parts) == cube.values.get(total, 0)
        if dimension in PARTITIONS or (dimension == "violation" and adds_up):
            cube.relations.append(Relation(total, parts))
