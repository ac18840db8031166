"""Reads of the public figures: one published row per request (plus the small reference tables held
in memory), never the cases. Every number here has already been through the suppression."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from netra.reference.models import Election, Region, ViolationType
from netra.reference.snapshots import Snapshot

from .cube import NATIONAL, UNSPECIFIED
from .dictionary import ALL, DIMENSIONS, MEASURES, TOTAL, dictionary, in_language
from .models import PublishedScope, ReferenceFigure, Refresh

# Regions down to kabupaten/kota: code → (name, level, parent). Reference data, reloaded rarely.
_REGIONS = Snapshot(
    lambda: {
        r.code: (r.name, r.level, r.parent_id or "")
        for r in Region.objects.exclude(level=Region.Level.DISTRICT).order_by("code")
    },
    watch=(Region,),
    max_age=3600,
)
_ELECTIONS = Snapshot(
    lambda: list(Election.objects.order_by("voting_date")), watch=(Election,), max_age=60
)
# The newest title of each violation code (catalogue versions share codes).
_VIOLATIONS = Snapshot(
    lambda: {
        v.code: (v.title_id, v.title_en)
        for v in ViolationType.objects.order_by("version__effective_from", "code")
    },
    watch=(ViolationType,),
    max_age=3600,
)
_FIGURES = Snapshot(
    lambda: list(ReferenceFigure.objects.select_related("election")),
    watch=(ReferenceFigure,),
    max_age=300,
)


class BadQuery(Exception):
    """A query the public pages answer with a message instead of figures (status 400 or 404)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Scope:
    code: str
    name: str
    level: str  # "national", "province", "regency"
    parent: str | None

    @property
    def is_national(self) -> bool:
        return self.code == NATIONAL


def elections() -> list[Election]:
    return _ELECTIONS.get()


def default_election() -> Election | None:
    found = elections()
    return found[-1] if found else None


def election_named(code: str) -> Election:
    for election in elections():
        if election.code == code:
            return election
    raise BadQuery(_("There is no election with the code “%(code)s”.") % {"code": code[:40]}, 404)


def scope_named(code: str) -> Scope:
    """The region ``code`` as a public scope: Indonesia, a province or a kabupaten/kota."""
    if code in ("", "ID", "id"):
        return Scope(NATIONAL, _("Indonesia"), "national", None)
    region = _REGIONS.get().get(code)
    if region is None:
        if code.count(".") >= 2 and code[:5] in _REGIONS.get():
            raise BadQuery(
                _("Figures are published down to the kabupaten/kota, not the kecamatan.")
            )
        raise BadQuery(_("There is no region with the code “%(code)s”.") % {"code": code[:20]}, 404)
    name, level, parent = region
    return Scope(code, name, level, parent)


def region_name(code: str) -> str:
    if code.endswith("." + UNSPECIFIED):
        return _("Not broken down to a kabupaten/kota")
    found = _REGIONS.get().get(code)
    return found[0] if found else code


def provinces() -> list[tuple[str, str]]:
    return [(c, r[0]) for c, r in _REGIONS.get().items() if r[1] == Region.Level.PROVINCE]


def regencies_of(province: str) -> list[tuple[str, str]]:
    return [(c, r[0]) for c, r in _REGIONS.get().items() if r[2] == province and province]


def violation_label(code: str) -> str:
    if code == "none":
        return dictionary().dimensions["violation"].value_label("none")
    found = _VIOLATIONS.get().get(code)
    return f"{code} {in_language(*found)}" if found else code


# --- The dashboard of one election and region ----------------------------------------------------


@dataclass
class Row:
    code: str
    label: str
    values: dict[str, int | None]  # measure → number (None: hidden)

    @property
    def linkable(self) -> bool:
        return not self.code.endswith("." + UNSPECIFIED)


@dataclass
class Breakdown:
    dimension: str
    label: str
    definition: str
    measures: list[str]
    rows: list[Row]


@dataclass
class Dashboard:
    election: Election
    scope: Scope
    generated_at: dt.datetime | None
    headline: dict[str, int | None]
    children: list[Row]
    breakdowns: list[Breakdown]
    prevention: dict[str, int | None] = field(default_factory=dict)

    @property
    def ready(self) -> bool:
        return self.generated_at is not None


def last_refresh(election: Election) -> dt.datetime | None:
    return Refresh.objects.filter(election=election).values_list("started_at", flat=True).first()


def dashboard(election: Election, scope: Scope) -> Dashboard:
    row = PublishedScope.objects.filter(election=election, code=scope.code).first()
    if row is None:
        # No row: nothing has happened in this region (or no refresh yet): every count is zero.
        generated = last_refresh(election)
        payload: dict[str, Any] = {"cells": {}, "children": {}}
        headline: dict[str, int | None] = dict.fromkeys(MEASURES, 0)
    else:
        generated, payload, headline = row.generated_at, row.payload, row.headline
    children = [
        Row(code, region_name(code), values) for code, values in payload["children"].items()
    ]
    if scope.level == "province":
        known = {r.code for r in children}
        zeros = dict.fromkeys(MEASURES, 0)
        children += [Row(c, n, dict(zeros)) for c, n in regencies_of(scope.code) if c not in known]
    children.sort(key=lambda r: r.code)
    return Dashboard(
        election=election,
        scope=scope,
        generated_at=generated,
        headline=headline,
        children=children if scope.level != "regency" else [],
        breakdowns=[_breakdown(payload["cells"], d) for d in DIMENSIONS],
        prevention=payload.get("prevention", {}),
    )


def _breakdown(cells: dict[str, Any], dimension: str) -> Breakdown:
    words = dictionary()
    dim = words.dimensions[dimension]
    measures = [m for m in MEASURES if words.applies(m, dimension)]
    if dimension == "violation":
        codes = sorted({v for m in measures for v in cells.get(m, {}).get(dimension, {})})
        labels = {c: violation_label(c) for c in codes}
    else:
        labels = {code: lab.label for code, lab in dim.values.items()}
        codes = list(labels)
    rows = [
        Row(
            code,
            labels[code],
            {m: cells.get(m, {}).get(dimension, {}).get(code, 0) for m in measures},
        )
        for code in codes
    ]
    return Breakdown(dimension, dim.label, dim.definition, measures, rows)


def total_of(cells: dict[str, Any], measure: str) -> int | None:
    return cells.get(measure, {}).get(TOTAL, {}).get(ALL, 0)


# --- Trends across elections -------------------------------------------------------------------


@dataclass
class TrendPoint:
    election: Election
    recorded: int | None  # Netra's published national count (None: hidden or not refreshed)
    refreshed: bool
    references: list[ReferenceFigure]


def trend() -> dict[str, list[TrendPoint]]:
    """Per measure, per election: Netra's national count beside the reference figures."""
    national = {
        row["election_id"]: row["headline"]
        for row in PublishedScope.objects.filter(code=NATIONAL).values("election_id", "headline")
    }
    figures = _FIGURES.get()
    return {
        measure: [
            TrendPoint(
                election=e,
                recorded=national.get(e.pk, {}).get(measure),
                refreshed=e.pk in national,
                references=[f for f in figures if f.election_id == e.pk and f.measure == measure],
            )
            for e in elections()
        ]
        for measure in MEASURES
    }


def reference_figures() -> list[ReferenceFigure]:
    return _FIGURES.get()
