"""The public open-data API of the transparency page: the same published (suppressed) figures as the
page and the downloads, as JSON. No authentication. Errors have one shape, ``{"detail": "..."}``,
except request validation (422), which lists the fields."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status

from . import exports, selectors
from .caching import etag_for, mark
from .dictionary import DIMENSIONS, MEASURES, TOTAL, dictionary
from .query import read_query
from .selectors import BadQuery

router = Router(tags=["insights"])

ELECTION_EXAMPLE, REGION_EXAMPLE = "pilkada-2024", "64"


class ErrorOut(Schema):
    detail: str = Field(examples=["Tidak ada pemilihan dengan kode “pilkada-2099”."])


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]] = Field(
        examples=[[{"type": "less_than_equal", "loc": ["query", "page_size"], "msg": "…"}]]
    )


ERRORS: dict[int, Any] = {400: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}


class MetaOut(Schema):
    election: str = Field(examples=[ELECTION_EXAMPLE])
    election_name: str
    region_code: str = Field(examples=[REGION_EXAMPLE], description="'' for Indonesia")
    region_name: str
    generated_at: dt.datetime | None = Field(description="When the data was read; null: not yet")
    licence: str = Field(examples=["CC-BY-4.0"])
    licence_name: str
    licence_url: str
    attribution: str
    suppression_threshold: int = Field(examples=[5])
    note: str
    dictionary_version: str


class RowOut(Schema):
    region_code: str
    region_name: str
    measure: str = Field(examples=["proven"])
    measure_label: str
    dimension: str = Field(examples=["phase"])
    value: str = Field(examples=["campaign"])
    value_label: str
    count: int | None = Field(description="null when hidden (suppressed)")
    suppressed: bool


class FiguresOut(Schema):
    meta: MetaOut
    rows: list[RowOut]


class PageOut(Schema):
    meta: MetaOut
    count: int = Field(description="Rows matching, over all pages")
    page: int
    pages: int
    items: list[RowOut]


class PageIn(Schema):
    election: str = Field("", max_length=40, examples=[ELECTION_EXAMPLE])
    region: str = Field("", max_length=13, examples=[REGION_EXAMPLE])
    measure: Literal["", *MEASURES] = Field("", examples=["proven"])  # type: ignore[valid-type]
    dimension: Literal["", TOTAL, "region", *DIMENSIONS] = Field(  # type: ignore[valid-type]
        "", examples=["phase"]
    )
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(100, ge=1, le=500)


class ScopeIn(Schema):
    election: str = Field("", max_length=40, examples=[ELECTION_EXAMPLE])
    region: str = Field("", max_length=13, examples=[REGION_EXAMPLE])


def _figures(request: HttpRequest):
    election, scope = read_query(request.GET)
    found, generated_at = exports.rows(election, scope)
    info = exports.meta(election, scope, generated_at)
    return election, scope, [exports._flat(r, info) for r in found], info, generated_at


def _cached(request: HttpRequest, response: HttpResponse, generated_at: Any, *key: Any) -> None:
    mark(response, etag_for(request, generated_at, "api", *key), generated_at, public=True)


@router.get(
    "/insights/figures", response={200: FiguresOut, **ERRORS}, summary="Public figures of a region"
)
def figures(request: HttpRequest, response: HttpResponse, params: Query[ScopeIn]):
    """Every published number of one election in one region (Indonesia when `region` is empty):
    the totals, the regions below it, and each breakdown. Hidden (suppressed) numbers are `null`.

    Example: `GET /api/v1/insights/figures?election=pilkada-2024&region=64`.

    - **200**: the figures (all zero for a region where nothing was recorded).
    - **400**: a repeated parameter, or a kecamatan (figures stop at the kabupaten/kota).
    - **404**: no election or region with that code.
    - **422**: a parameter too long.
    """
    try:
        election, scope, rows, info, generated_at = _figures(request)
    except BadQuery as bad:
        return Status(bad.status, {"detail": bad.message})
    _cached(request, response, generated_at, election.code, scope.code)
    return {"meta": info, "rows": rows}


@router.get("/insights/rows", response={200: PageOut, **ERRORS}, summary="Public figures, paged")
def rows(request: HttpRequest, response: HttpResponse, params: Query[PageIn]):
    """The rows of `/insights/figures`, optionally only one measure or breakdown, a page at a time.
    A page past the end is empty (with `count` and `pages` telling how many there are).

    Example: `GET /api/v1/insights/rows?election=pilkada-2024&region=64&dimension=phase&page=1`.

    - **200**: one page of rows.
    - **400** / **404**: as for `/insights/figures`.
    - **422**: `page` not 1–10000, `page_size` not 1–500, an unknown `measure` or `dimension`.
    """
    try:
        election, scope, found, info, generated_at = _figures(request)
    except BadQuery as bad:
        return Status(bad.status, {"detail": bad.message})
    if params.measure:
        found = [r for r in found if r["measure"] == params.measure]
    if params.dimension:
        found = [r for r in found if r["dimension"] == params.dimension]
    start = (params.page - 1) * params.page_size
    _cached(request, response, generated_at, election.code, scope.code, params.model_dump_json())
    return {
        "meta": info,
        "count": len(found),
        "page": params.page,
        "pages": max(1, math.ceil(len(found) / params.page_size)),
        "items": found[start : start + params.page_size],
    }


class ReferenceOut(Schema):
    code: str
    election: str = Field(alias="election.code")
    measure: str
    value: int
    counts_id: str
    counts_en: str
    source: str
    url: str
    stated_on: dt.date | None
    confidence: str
    note: str


class TrendPointOut(Schema):
    election: str = Field(examples=[ELECTION_EXAMPLE])
    election_name: str
    recorded: dict[str, int | None] = Field(description="Netra's national counts; null: hidden")
    refreshed: bool
    references: list[ReferenceOut]


@router.get("/insights/trend", response=list[TrendPointOut], summary="Across elections")
def trend(request: HttpRequest):
    """Netra's national counts per election, with the reference figures institutions stated in
    public for earlier elections (not Netra's data; each with its source)."""
    by_measure = selectors.trend()
    out = []
    for i, election in enumerate(selectors.elections()):
        points = {m: by_measure[m][i] for m in MEASURES}
        out.append(
            {
                "election": election.code,
                "election_name": election.name,
                "recorded": {m: p.recorded for m, p in points.items()},
                "refreshed": any(p.refreshed for p in points.values()),
                "references": [f for p in points.values() for f in p.references],
            }
        )
    return out


class LabelOut(Schema):
    code: str
    label_id: str
    label_en: str
    definition_id: str
    definition_en: str


class DictionaryOut(Schema):
    version: str
    licence: str
    licence_url: str
    suppression_threshold: int
    measures: list[LabelOut]
    dimensions: list[LabelOut]


@router.get("/insights/dictionary", response=DictionaryOut, summary="What each number counts")
def data_dictionary(request: HttpRequest):
    from django.conf import settings

    words = dictionary()
    return {
        "version": words.version,
        "licence": words.licence,
        "licence_url": words.licence_url,
        "suppression_threshold": settings.NETRA_INSIGHTS_MIN_CELL,
        "measures": [vars(m) | {"code": c} for c, m in words.measures.items()],
        "dimensions": [vars(d) | {"code": c} for c, d in words.dimensions.items()],
    }
