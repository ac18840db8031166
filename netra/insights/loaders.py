"""Loads the reference figures of earlier elections (data/reference_figures.toml) into
``ReferenceFigure``: idempotent, keyed by ``code``. Run by ``load_reference`` through the
``reference_loaded`` signal (apps.py)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from django.db import transaction

from netra.reference.models import Election

from .models import ReferenceFigure

FIGURES = Path(__file__).resolve().parent / "data" / "reference_figures.toml"
FIELDS = ("measure", "value", "counts_id", "counts_en", "source", "url", "confidence", "note")


def load_reference_figures(path: Path = FIGURES) -> int:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    elections = {e.code: e for e in Election.objects.all()}
    loaded = 0
    with transaction.atomic():
        for row in raw.get("figure", []):
            election = elections.get(row["election"])
            if election is None:
                raise ValueError(
                    f"{path.name}: unknown election {row['election']!r} ({row['code']})"
                )
            if row["measure"] not in ReferenceFigure.Measure.values:
                raise ValueError(f"{path.name}: unknown measure {row['measure']!r} ({row['code']})")
            defaults = {name: row.get(name, "") for name in FIELDS}
            defaults["election"] = election
            defaults["stated_on"] = row.get("stated_on")
            ReferenceFigure.objects.update_or_create(code=row["code"], defaults=defaults)
            loaded += 1
    return loaded
