"""Idempotency keys: a retried submission gets the first one's answer back — and nobody else's.

A key is scoped to the client that sent it and to the resource it is about: the stored digest is an
HMAC of (purpose, resource, client, key), so the same key from another browser or device, or on
another report's thread, is simply a different key. Under one scope, the request's own digest is
compared on every path (HTML form and API alike): the same key with a different body is refused
(409) and nothing of the first request is shown.

The client is the browser's CSRF cookie on the HTML forms (the key was generated into that
browser's form) and the client address on the API (as for the rate limits).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.http import HttpRequest

from .ratelimit import client_id
from .receipts import keyed_digest

if TYPE_CHECKING:
    from .evidence import CheckedFile
    from .validation import ValidReport


class IdempotencyConflict(Exception):
    """The key was used within the replay window, by this client, for a different request."""


def browser_client(request: HttpRequest) -> str:
    """The browser behind an HTML form: its CSRF cookie, else its address."""
    cookie = request.META.get("CSRF_COOKIE", "")
    return keyed_digest("browser", cookie)[:24] if cookie else client_id(request)


def report_key(*, client: str, key: str) -> str:
    return keyed_digest("report", f"{client}\x00{key}")


def message_key(*, report_id: int, client: str, key: str) -> str:
    return keyed_digest("message", f"{report_id}\x00{client}\x00{key}")


def _files(files: Iterable[CheckedFile]) -> list[str]:
    return [f.sha256 for f in files]


def report_digest(data: ValidReport) -> str:
    """What the report says, whatever path it came by: every field the service stores."""
    canonical = {
        "election": data.election.code,
        "incident_date": data.incident_date.isoformat(),
        "known_on": data.known_on.isoformat(),
        "region": data.region.code,
        "description": data.description,
        "persons": [
            {k: (v.code if hasattr(v, "code") else v) for k, v in sorted(p.items())}
            for p in data.persons
        ],
        "identity": data.identity,
        "files": _files(data.files),
        "links": list(data.links),
    }
    return hashlib.sha256(json.dumps(canonical, sort_keys=True, default=str).encode()).hexdigest()


def message_digest(*, body: str, files: Iterable[CheckedFile], links: Iterable[str]) -> str:
    canonical = {"body": body, "files": _files(files), "links": list(links)}
    return hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest()
