"""Characters that are never text, found before they reach a view, a form or the database.

PostgreSQL refuses NUL in text (the request would end in a 500), lone surrogates cannot be encoded
as UTF-8 by either database driver, and control characters have no business in an address.
``netra.web.middleware.InputGuardMiddleware`` runs these checks on every request, in one place, so no
field has to remember them; ``unsafe_text`` serves the per-field checks of free text
(``netra.reports.checks``), where bidi overrides and terminal escapes would mislead a reader.

A leaf module: it imports no Netra app, so every layer may use it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import BadRequest
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

# Never in a path or a query string: C0 controls, DEL and C1 controls.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# Never in any text: NUL (PostgreSQL refuses it) and lone surrogates (not encodable as UTF-8).
_NOT_TEXT = re.compile("[\x00\ud800-\udfff]")
# Free text: C0 and C1 controls except tab and line breaks, DEL, and the bidi embeddings,
# overrides and isolates (U+202A-U+202E, U+2066-U+2069) that make text read other than it is stored.
_UNSAFE_MULTILINE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

NOT_TEXT_MESSAGE = _(
    "The request contains a NUL character or another character that is not text. "
    "Remove it and send again."
)
CONTROL_IN_ADDRESS_MESSAGE = _(
    "The address contains a control character, which is never part of a Netra address."
)
UNREADABLE_BODY_MESSAGE = _("The request body could not be read.")


class InputRejected(BadRequest):
    """Raised by views for malformed input the person should be told about (answered with 400)."""

    def __init__(self, message: Any) -> None:
        super().__init__(message)
        self.message = message


def unsafe_text(value: str, *, multiline: bool = True) -> str | None:
    """The first character a person should not type into ``value``, or None."""
    match = (_UNSAFE_MULTILINE if multiline else _UNSAFE_LINE).search(value or "")
    return match.group() if match else None


def _not_text(values: Iterable[str]) -> bool:
    return any(_NOT_TEXT.search(v) for v in values)


def json_has_not_text(raw: bytes | str) -> bool:
    """Whether a JSON document holds NUL or a lone surrogate in any key or string (cheap when not)."""
    probe = raw.encode(errors="surrogatepass") if isinstance(raw, str) else raw
    if b"\x00" in probe:
        return True
    lowered = probe.lower()
    if b"\\u0000" not in lowered and b"\\ud" not in lowered:
        return False
    try:
        document = json.loads(raw)
    except ValueError:
        return False  # not JSON: the view answers that
    return _walk(document)


def _walk(node: Any) -> bool:
    if isinstance(node, str):
        return bool(_NOT_TEXT.search(node))
    if isinstance(node, dict):
        return any(_walk(k) or _walk(v) for k, v in node.items())
    if isinstance(node, list):
        return any(_walk(v) for v in node)
    return False


def _is_json(content_type: str) -> bool:
    return content_type == "application/json" or content_type.endswith("+json")


def problem_with(request: HttpRequest) -> Any | None:
    """The message for the first thing in ``request`` that is not text, or None.

    Reads the path, the query string, form fields and file names, and JSON bodies (including a
    JSON form field such as the API's multipart ``payload``); never the contents of uploaded files,
    which are binary.
    """
    if _CONTROL.search(request.path):
        return CONTROL_IN_ADDRESS_MESSAGE
    for key, values in request.GET.lists():
        if _CONTROL.search(key) or any(_CONTROL.search(v) for v in values):
            return CONTROL_IN_ADDRESS_MESSAGE
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    content_type = request.content_type or ""
    if _is_json(content_type):
        return NOT_TEXT_MESSAGE if json_has_not_text(request.body) else None
    if content_type not in ("multipart/form-data", "application/x-www-form-urlencoded"):
        return None
    for key, values in request.POST.lists():
        if _not_text([key, *values]):
            return NOT_TEXT_MESSAGE
        if any(v.startswith(("{", "[")) and json_has_not_text(v) for v in values):
            return NOT_TEXT_MESSAGE
    for key, files in request.FILES.lists():
        if _CONTROL.search(key) or any(_CONTROL.search(f.name or "") for f in files):
            return NOT_TEXT_MESSAGE
    return None
