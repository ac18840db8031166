"""The public transparency pages: the dashboard (the landing page's main content, mounted by
netra/web), the data dictionary and the downloads. No login; every number comes from the published,
already suppressed rows (selectors.py)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import charts, exports, selectors
from .caching import etag_for, mark, not_modified
from .dictionary import DIMENSIONS, MEASURES, dictionary
from .freshness import request_refresh
from .query import read_query
from .selectors import BadQuery, Dashboard, Scope

MAP_MEASURE = "reports"
CACHE_SECONDS = 3600
# The measure each breakdown's chart draws (its table shows every measure that applies).
CHART_MEASURE = {
    "phase": "reports",
    "channel": "reports",
    "violation": "proven",
    "position_class": "proven",
    "agency_kind": "proven",
}


def _resolve(request: HttpRequest):
    """The election and region asked for; on a bad query, the default view with the message."""
    try:
        election, scope = read_query(request.GET)
        return election, scope, None, 200
    except BadQuery as bad:
        fallback = selectors.default_election()
        return fallback, selectors.scope_named(""), bad.message, bad.status


def public_dashboard(
    request: HttpRequest, template: str = "insights/dashboard.html"
) -> HttpResponse:
    election, scope, error, status = _resolve(request)
    if election is None:  # before load_reference: nothing to show yet
        empty = render_to_string("insights/_dashboard.html", {"empty": True}, request=request)
        return render(request, template, {"dashboard_html": empty}, status=status)
    refreshed = selectors.last_refresh(election)
    partial = bool(getattr(request, "htmx", False))
    etag = etag_for(request, refreshed, election.code, scope.code, partial, error, template)
    if error is None and (cached := not_modified(request, etag, refreshed)):
        return cached
    if refreshed is None:
        request_refresh(election.pk)  # a fresh install: the worker fills the figures in
    html = _dashboard_html(request, election, scope, refreshed, error)
    if partial:
        response = HttpResponse(html, status=status)
    else:
        response = render(request, template, {"dashboard_html": html}, status=status)
    mark(response, etag, refreshed, public=False)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _dashboard_html(
    request: HttpRequest, election: Any, scope: Scope, refreshed: Any, error: str | None
) -> str:
    """The dashboard fragment, rendered once per refresh, region, language and page (the figures
    change only when a refresh publishes new ones; the fragment holds nothing per person)."""
    parts = (election.pk, scope.code, refreshed, get_language(), request.path, error)
    key = "insights:dashboard:" + hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    html = cache.get(key)
    if html is None:
        context = dashboard_context(election, scope)
        context["error"] = error
        html = render_to_string("insights/_dashboard.html", context, request=request)
        cache.set(key, str(html), timeout=CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - our own template's output


def _link(election: str, region: str) -> str:
    query = {"election": election}
    if region:
        query["region"] = region
    return "?" + urlencode(query)


def dashboard_context(election: Any, scope: Scope) -> dict[str, Any]:
    board = selectors.dashboard(election, scope)
    words = dictionary()
    return {
        "board": board,
        "words": words,
        "measures": [words.measures[m] for m in MEASURES],
        "headline": [(words.measures[m], board.headline.get(m)) for m in MEASURES],
        "elections": selectors.elections(),
        "provinces": selectors.provinces(),
        "province": scope.code.split(".")[0] if scope.code else "",
        "regencies": selectors.regencies_of(scope.code.split(".")[0]) if scope.code else [],
        "breadcrumbs": _breadcrumbs(election.code, scope),
        "map": _map(election, scope, board),
        "breakdowns": [_chart(b) for b in board.breakdowns],
        "children_chart": _children_chart(board),
        "trend": _trend(),
        "threshold": settings.NETRA_INSIGHTS_MIN_CELL,
        "downloads": [
            (fmt, label, reverse("insights:export") + _download_query(election.code, scope, fmt))
            for fmt, label in exports.FORMATS.items()
        ],
        "dimensions_order": DIMENSIONS,
    }


def _download_query(election: str, scope: Scope, fmt: str) -> str:
    query = {"election": election, "format": fmt}
    if scope.code:
        query["region"] = scope.code
    return "?" + urlencode(query)


def _breadcrumbs(election: str, scope: Scope) -> list[tuple[str, str]]:
    crumbs = [(_("Indonesia"), _link(election, ""))]
    if scope.level in ("province", "regency"):
        province = scope.code.split(".")[0]
        crumbs.append((selectors.region_name(province), _link(election, province)))
    if scope.level == "regency":
        crumbs.append((scope.name, _link(election, scope.code)))
    return crumbs


def _map(election: Any, scope: Scope, board: Dashboard) -> dict[str, Any]:
    if scope.is_national:
        national = board
    else:
        national = selectors.dashboard(election, selectors.scope_named(""))
    values = {row.code: row.values.get(MAP_MEASURE) for row in national.children}
    names = dict(selectors.provinces())
    href = _link(election.code, "__code__")
    tiles, width, height = charts.tile_map(values, names, href)
    return {
        "tiles": tiles,
        "width": width,
        "height": height,
        "tile": charts.TILE,
        "legend": charts.legend(values),
        "measure": dictionary().measures[MAP_MEASURE],
        "current": scope.code.split(".")[0],
        "rows": national.children,
    }


def _chart(breakdown: selectors.Breakdown) -> dict[str, Any]:
    measure = CHART_MEASURE[breakdown.dimension]
    items = [
        (row.code if breakdown.dimension == "violation" else row.label, row.values.get(measure))
        for row in breakdown.rows
    ]
    bars, height = charts.bars(items)
    return {
        "breakdown": breakdown,
        "bars": bars,
        "height": height,
        "measure": dictionary().measures[measure],
        "measures": [dictionary().measures[m] for m in breakdown.measures],
    }


def _children_chart(board: Dashboard) -> dict[str, Any]:
    items = [(row.label, row.values.get(MAP_MEASURE)) for row in board.children]
    bars, height = charts.bars(items)
    return {"bars": bars, "height": height, "measure": dictionary().measures[MAP_MEASURE]}


TREND_CHARTS = ("reports", "proven")


def _trend() -> dict[str, Any]:
    """Per election, Netra's national counts with the reference figures beside them (numbered
    notes give each one's source), and a chart for the measures most sources report."""
    by_measure = selectors.trend()
    words = dictionary()
    notes: list[Any] = []
    rows = []
    for i, election in enumerate(selectors.elections()):
        cells = []
        for m in MEASURES:
            point = by_measure[m][i]
            refs = []
            for figure in point.references:
                notes.append(figure)
                refs.append((len(notes), figure))
            cells.append({"recorded": point.recorded, "refreshed": point.refreshed, "refs": refs})
        rows.append({"election": election, "cells": cells})
    charts_out = []
    for m in TREND_CHARTS:
        items: list[tuple[str, int | None]] = []
        for p in by_measure[m]:
            items.append((f"{p.election.name} · Netra", p.recorded if p.refreshed else 0))
            items += [(f"{p.election.name} · {_('reference')}", f.value) for f in p.references]
        bars, height = charts.bars(items, row_height=24)
        charts_out.append({"measure": words.measures[m], "bars": bars, "height": height})
    return {"rows": rows, "notes": notes, "charts": charts_out}


def data_dictionary(request: HttpRequest) -> HttpResponse:
    words = dictionary()
    return render(
        request,
        "insights/dictionary.html",
        {
            "words": words,
            "measures": [words.measures[m] for m in MEASURES],
            "dimensions": [words.dimensions[d] for d in ("region", *DIMENSIONS)],
            "figures": selectors.reference_figures(),
            "threshold": settings.NETRA_INSIGHTS_MIN_CELL,
            "formats": exports.FORMATS,
            "columns": exports.COLUMNS,
        },
    )


def export(request: HttpRequest) -> HttpResponse:
    fmt = request.GET.get("format", "csv")
    if fmt not in exports.FORMATS or len(request.GET.getlist("format")) > 1:
        return _refuse(
            request,
            _("There is no download in the format “%(format)s”. Choose one of: %(formats)s.")
            % {"format": fmt[:20], "formats": ", ".join(exports.FORMATS)},
            400,
        )
    try:
        election, scope = read_query(request.GET)
    except BadQuery as bad:
        return _refuse(request, bad.message, bad.status)
    refreshed = selectors.last_refresh(election)
    etag = etag_for(request, refreshed, "export", fmt, election.code, scope.code)
    if cached := not_modified(request, etag, refreshed):
        return cached
    response = exports.respond(fmt, election, scope)
    return mark(response, etag, refreshed, public=True)


def _refuse(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(request, "insights/refused.html", {"message": message}, status=status)
