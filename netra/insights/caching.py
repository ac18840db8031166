"""HTTP caching of the public figures: they change only when a refresh publishes new ones, so the
refresh time is the Last-Modified of every page, download and API answer built from them."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language


def etag_for(request: HttpRequest, refreshed: dt.datetime | None, *parts: object) -> str:
    user = getattr(request, "user", None)
    who = user.pk if user is not None and user.is_authenticated else 0
    key = "|".join(
        str(p)
        for p in (refreshed and refreshed.isoformat(), get_language(), who, *parts)
        + (settings.NETRA_INSIGHTS_MIN_CELL, settings.STATIC_URL)
    )
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def not_modified(
    request: HttpRequest, etag: str, refreshed: dt.datetime | None
) -> HttpResponse | None:
    last = int(refreshed.timestamp()) if refreshed else None
    return get_conditional_response(request, etag=etag, last_modified=last)


def mark(
    response: HttpResponse, etag: str, refreshed: dt.datetime | None, *, public: bool
) -> HttpResponse:
    """Validators and cache rules: pages carry a session/CSRF token, so private and revalidated;
    downloads and API answers are the same for everyone (per language), so public for a minute."""
    response["ETag"] = etag
    if refreshed:
        response["Last-Modified"] = http_date(refreshed.timestamp())
    if public:
        patch_cache_control(response, public=True, max_age=60)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response
