"""The words of the public aggregates: measures, dimensions and their values, in Bahasa Indonesia and
English, read from ``data/dictionary.toml`` (one source for the page, the downloads, the API and the
data dictionary page)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import get_language

DATA = Path(__file__).resolve().parent / "data"

MEASURES = ("reports", "cases", "proven", "recommendations", "sanctions")
# Dimensions within one region, in the page's order; "total" is the measure itself (value "all").
DIMENSIONS = ("phase", "channel", "violation", "position_class", "agency_kind")
TOTAL, ALL = "total", "all"


def in_language(id_text: str, en_text: str) -> str:
    """The Indonesian text unless English is active (Bahasa Indonesia first)."""
    return en_text if (get_language() or "id").startswith("en") else id_text


@dataclass(frozen=True)
class Label:
    label_id: str
    label_en: str
    definition_id: str = ""
    definition_en: str = ""

    @property
    def label(self) -> str:
        return in_language(self.label_id, self.label_en)

    @property
    def definition(self) -> str:
        return in_language(self.definition_id, self.definition_en)


@dataclass(frozen=True)
class Measure(Label):
    code: str = ""
    unit: str = ""
    dimensions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dimension(Label):
    code: str = ""
    values: dict[str, Label] = field(default_factory=dict)

    def value_label(self, value: str) -> str:
        found = self.values.get(value)
        return found.label if found else value


@dataclass(frozen=True)
class Dictionary:
    version: str
    licence: str
    licence_name: str
    licence_url: str
    attribution_id: str
    attribution_en: str
    measures: dict[str, Measure]
    dimensions: dict[str, Dimension]
    social_media_domains: tuple[str, ...]

    @property
    def attribution(self) -> str:
        return in_language(self.attribution_id, self.attribution_en)

    def applies(self, measure: str, dimension: str) -> bool:
        return dimension == TOTAL or dimension in self.measures[measure].dimensions


def _label(raw: dict[str, Any]) -> dict[str, str]:
    keys = ("label_id", "label_en", "definition_id", "definition_en")
    return {k: raw.get(k, "") for k in keys}


@cache
def dictionary() -> Dictionary:
    raw = tomllib.loads((DATA / "dictionary.toml").read_text(encoding="utf-8"))
    measures = {
        code: Measure(code=code, unit=m["unit"], dimensions=tuple(m["dimensions"]), **_label(m))
        for code, m in sorted(raw["measures"].items(), key=lambda kv: kv[1]["order"])
    }
    dimensions = {
        code: Dimension(
            code=code,
            values={v: Label(**_label(lab)) for v, lab in d.get("values", {}).items()},
            **_label(d),
        )
        for code, d in raw["dimensions"].items()
    }
    assert tuple(measures) == MEASURES, "dictionary.toml must list the measures in MEASURES"
    return Dictionary(
        version=raw["version"],
        licence=raw["licence"],
        licence_name=raw["licence_name"],
        licence_url=raw["licence_url"],
        attribution_id=raw["attribution_id"],
        attribution_en=raw["attribution_en"],
        measures=measures,
        dimensions=dimensions,
        social_media_domains=tuple(raw["dimensions"]["channel"]["social_media_domains"]),
    )


def social_media_regex() -> str:
    """A case-insensitive regular expression for links whose host is a social-media platform (or a
    subdomain of one). The host ends at ``/ ? # :`` or the end; ``@`` may not appear before it, so
    ``https://facebook.com@example.org/`` (user info, host example.org) is not social media."""
    hosts = "|".join(re.escape(d) for d in dictionary().social_media_domains)
    return rf"^https?://([^/?#@]*\.)?({hosts})(:[0-9]+)?([/?#]|$)"


@dataclass(frozen=True)
class Tile:
    code: str
    col: int
    row: int
    abbr: str


@cache
def tiles() -> tuple[int, int, dict[str, Tile]]:
    raw = tomllib.loads((DATA / "tilemap.toml").read_text(encoding="utf-8"))
    found = {code: Tile(code=code, **spec) for code, spec in raw["provinces"].items()}
    return raw["columns"], raw["rows"], found
