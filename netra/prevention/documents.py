"""PDFs of prevention: the signed pact, the sheet of paper codes, the event report; and QR codes.

Templates render text that agencies and employees typed (hostile input): Django escapes it, and
WeasyPrint fetches nothing but ``data:`` URIs and Netra's own static files — no ``file://``, no remote
URL — through ``SafeFetcher``.
"""

from __future__ import annotations

from urllib.parse import urlparse

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse

STATIC_BASE = "https://netra.invalid"  # never resolved on a network: mapped to the static finders


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SafeFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlparse(url)
            static = settings.STATIC_URL
            if f"{parts.scheme}://{parts.netloc}" == STATIC_BASE and parts.path.startswith(static):
                name = parts.path[len(static) :]
                found = finders.find(name) if ".." not in name else None
                if found:
                    with open(found, "rb") as f:
                        return URLFetcherResponse(url, f.read(), {"Content-Type": _type(name)})
            raise ValueError(f"refused to fetch {url[:80]!r}")

    return SafeFetcher(allowed_protocols=("data", "https"), allow_redirects=False)


def _type(name: str) -> str:
    return {"css": "text/css", "svg": "image/svg+xml", "png": "image/png"}.get(
        name.rsplit(".", 1)[-1], "application/octet-stream"
    )


def pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, context)
    return HTML(string=html, base_url=STATIC_BASE + "/", url_fetcher=_fetcher()).write_pdf()


def public_url(name: str, *args) -> str:
    return settings.NETRA_PUBLIC_URL.rstrip("/") + reverse(name, args=args)


def qr_svg(url: str, *, scale: int = 4) -> str:
    """An inline SVG data URI (CSP allows ``data:`` images; no file, no request)."""
    return segno.make(url, error="m").svg_data_uri(scale=scale, border=1)
