"""Reads over reference data (public: no user scoping needed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Max, Min, QuerySet

from .models import CatalogueVersion, Election, ElectionPhase, Region
from .snapshots import Snapshot

# Loaded by load_reference and changed only by a new release of the reference data.
_REGIONS = Snapshot(
    lambda: {r.code: r for r in Region.objects.order_by()}, watch=(Region,), max_age=3600
)
_ELECTIONS = Snapshot(
    lambda: {e.code: e for e in Election.objects.order_by()}, watch=(Election,), max_age=60
)


def _load_periods() -> dict[str, tuple[dt.date, dt.date]]:
    rows = ElectionPhase.objects.values("election__code").annotate(
        first=Min("starts_on"), last=Max("ends_on")
    )
    return {r["election__code"]: (r["first"], r["last"]) for r in rows.order_by()}


# Changed by load_reference and reference.services.add_election (both send signals or clear).
_PERIODS = Snapshot(_load_periods, watch=(Election, ElectionPhase), max_age=60)


def election_period(code: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of an election's stages (tahapan), from its phases; None if it has
    none."""
    return _PERIODS.get().get(code)


def elections_under_way(day: dt.date) -> list[Election]:
    """The elections whose stages include ``day`` (elections overlap: there can be several)."""
    every = _ELECTIONS.get()
    codes = [code for code, (first, last) in _PERIODS.get().items() if first <= day <= last]
    return sorted((every[c] for c in codes if c in every), key=lambda e: e.voting_date)


def regions_by_code(codes: Iterable[str]) -> dict[str, Region]:
    """The known regions among ``codes`` (the public form checks every submission's place)."""
    every = _REGIONS.get()
    return {c: every[c] for c in codes if c in every}


def election_by_code(code: str) -> Election | None:
    return _ELECTIONS.get().get(code)


def regions(*, parent: str | None = None, level: str | None = None) -> QuerySet[Region]:
    qs = Region.objects.all()
    if parent is not None:
        qs = qs.filter(parent_id=parent)
    elif level is None:
        qs = qs.filter(level=Region.Level.PROVINCE)
    if level is not None:
        qs = qs.filter(level=level)
    return qs.order_by("code")


def phases_on(day: dt.date) -> list[ElectionPhase]:
    """Every election phase that covers ``day`` (elections overlap, so there can be several)."""
    return list(
        ElectionPhase.objects.filter(starts_on__lte=day, ends_on__gte=day)
        .select_related("election")
        .order_by("election__voting_date")
    )


def elections_with_phases() -> QuerySet[Election]:
    return Election.objects.prefetch_related("phases").order_by("voting_date")


def catalogue(code: str | None = None) -> CatalogueVersion | None:
    qs = CatalogueVersion.objects.prefetch_related("violations__allowed_sanctions")
    if code:
        return qs.filter(code=code).first()
    return qs.filter(effective_from__lte=dt.date.today()).order_by("-effective_from").first()
