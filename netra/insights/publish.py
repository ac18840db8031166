"""Refreshing one election's public figures: count, suppress, write (docs/insights.md).

The refresh reads the election's cases in a few GROUP BY queries (counting.py), builds every cell of
every region and the relations between them (cube.py), hides small cells and their complements
(suppression.py), then replaces the election's ``PublishedScope`` rows in one transaction. Readers
(the page, the downloads, the API) only ever read those rows.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from netra.reference.models import Election, Region

from . import adapters
from .counting import count_election
from .cube import NATIONAL, Cube, build_cube
from .dictionary import ALL, MEASURES, TOTAL
from .models import PublishedScope, Refresh
from .suppression import suppress


def refresh_election(election: Election) -> Refresh:
    started = timezone.now()
    clock = time.perf_counter()
    counts = count_election(election)
    prevention = adapters.public_prevention_counts(election)
    provinces = list(
        Region.objects.filter(level=Region.Level.PROVINCE).values_list("code", flat=True)
    )
    counted = time.perf_counter()
    cube = build_cube(counts, provinces)
    threshold = settings.NETRA_INSIGHTS_MIN_CELL
    result = suppress(cube.values, cube.relations, threshold)
    suppressed = time.perf_counter()
    rows = [
        _scope_row(election, cube, result.hidden, scope, started)
        for scope in sorted(cube.scopes())
        if _published(scope)
    ]
    for row in rows:
        if row.code == NATIONAL:
            row.payload["prevention"] = _small_hidden(prevention, threshold)
    with transaction.atomic():
        PublishedScope.objects.filter(election=election).delete()
        PublishedScope.objects.bulk_create(rows, batch_size=500)
        refresh, _ = Refresh.objects.update_or_create(
            election=election,
            defaults={
                "started_at": started,
                "finished_at": timezone.now(),
                "count_ms": round((counted - clock) * 1000),
                "suppress_ms": round((suppressed - counted) * 1000),
                "write_ms": round((time.perf_counter() - suppressed) * 1000),
                "cells": len(cube.values),
                "hidden": len(result.hidden),
                "threshold": threshold,
            },
        )
    return refresh


def refresh_all() -> list[Refresh]:
    return [refresh_election(e) for e in Election.objects.order_by("voting_date")]


def _published(scope: str) -> bool:
    # The "not broken down" pseudo-region has no page of its own: it is a row of its province.
    return not scope.endswith(".00")


def _small_hidden(counts: dict[str, int], threshold: int) -> dict[str, int | None]:
    return {k: (None if 0 < v < threshold else v) for k, v in counts.items()}


def _shown(cube: Cube, hidden: set, key: tuple) -> int | None:
    return None if key in hidden else cube.values.get(key, 0)


def _scope_row(election: Election, cube: Cube, hidden: set, scope: str, at: Any) -> PublishedScope:
    cells: dict[str, dict[str, dict[str, int | None]]] = {}
    for measure, dimension, value in sorted(cube.series):
        key = (measure, dimension, value, scope)
        if key in cube.values:
            cells.setdefault(measure, {}).setdefault(dimension, {})[value] = _shown(
                cube, hidden, key
            )
    headline = {m: _shown(cube, hidden, (m, TOTAL, ALL, scope)) for m in MEASURES}
    children = {
        child: {m: _shown(cube, hidden, (m, TOTAL, ALL, child)) for m in MEASURES}
        for child in sorted(cube.children.get(scope, ()))
    }
    return PublishedScope(
        election=election,
        code=scope,
        parent_code=scope.split(".")[0] if "." in scope else NATIONAL,
        headline=headline,
        payload={"cells": cells, "children": children},
        generated_at=at,
    )
