"""HTML to PDF with WeasyPrint, treating the HTML as hostile.

Letter templates are edited by admins and the text inside them comes from reporters and officers, so
the HTML may ask for anything: ``<link rel="attachment" href="file:///…/identity.key">`` would embed
the key that decrypts every reporter's identity into the PDF, and ``<img src="http://…">`` would make
the server fetch an arbitrary address (server-side request forgery). WeasyPrint's default fetcher
does both. ``render_pdf`` uses a fetcher that serves ``data:`` URLs (our QR codes) and the project's
own static files, and refuses every other URL; WeasyPrint then leaves the resource out.
"""

from __future__ import annotations

import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative URLs in a document resolve against this made-up origin; only its static path is served.
BASE_URL = "https://netra.invalid/"


class RefusedURL(ValueError):
    """A document asked for a resource that is not one of the project's own static files."""


class ProjectAssetsFetcher(URLFetcher):
    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data", "https"), allow_redirects=False)

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        static = urlsplit(BASE_URL)._replace(path=settings.STATIC_URL).geturl()
        if not url.startswith(static) or parts.query or ".." in parts.path:
            raise RefusedURL(f"Refused to fetch {url[:200]!r}: not a project static file")
        found = finders.find(unquote(parts.path.removeprefix(settings.STATIC_URL)))
        if not found or isinstance(found, list):
            raise RefusedURL(f"No static file at {url[:200]!r}")
        content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
        with open(found, "rb") as f:
            body = f.read()
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def render_pdf(html: str) -> bytes:
    """The PDF of ``html``: no file, no network, only data: URLs and the project's static files."""
    return HTML(string=html, base_url=BASE_URL, url_fetcher=ProjectAssetsFetcher()).write_pdf()
