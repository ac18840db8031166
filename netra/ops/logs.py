"""Structured logs that never carry what identifies a reporter.

``JsonFormatter`` writes one JSON object a line (time, level, logger, message, request method and
scrubbed path, exception). ``ScrubSensitive`` runs on every record first, in every format: it
replaces receipt codes in API paths (``/api/v1/reports/<receipt>``), any run of 16 digits (receipt
codes, NIKs; spaces and dashes allowed), e-mail addresses, Indonesian phone numbers and query strings,
and drops known sensitive fields passed in ``extra=`` (names, NIK, contact details, evidence file
names). It works on gunicorn's access log too, whose arguments are a dict.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from typing import Any

REDACTED = "[redacted]"
# Field names never logged, whether in extra= or in a dict argument.
SENSITIVE_FIELDS = frozenset(
    {
        "receipt", "receipt_code", "code", "pretty_code", "identity", "reporter", "name", "nik",
        "address", "phone", "email", "original_name", "filename", "file_name", "evidence_name",
        "sealed_identity", "sealed_receipt", "password", "body", "description",
    }
)  # fmt: skip
_PATTERNS = [
    # The receipt in the API's paths, whatever it looks like (a typo too).
    (re.compile(r"(/api/v\d+/reports/)(?!\s|$)[^/\s?\"']+"), r"\1" + REDACTED),
    # Query strings can carry anything a client typed.
    (re.compile(r"\?[^\s\"']*"), "?" + REDACTED),
    # 16 digits, possibly grouped by spaces, dashes or dots: receipt codes and NIKs.
    (re.compile(r"(?<!\d)\d{4}(?:[ .\-]?\d{4}){3}(?!\d)"), REDACTED),
    (re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"), REDACTED),
    (re.compile(r"(?<![\w+])(?:\+62|62|0)[ \-]?8\d(?:[ \-]?\d){6,11}(?!\d)"), REDACTED),
]
# Attributes every LogRecord has: everything else on a record came from extra=.
_STANDARD = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request"}


def scrub(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _scrub_value(key: str, value: Any) -> Any:
    if key.lower() in SENSITIVE_FIELDS:
        return REDACTED
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {k: _scrub_value(str(k), v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_scrub_value("", v) for v in value)
    return value


class ScrubSensitive(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(str(record.msg)) if isinstance(record.msg, str) else record.msg
        if isinstance(record.args, dict):
            record.args = {k: _scrub_value(str(k), v) for k, v in record.args.items()}
        elif isinstance(record.args, tuple):
            record.args = tuple(
                scrub(a) if isinstance(a, str) else _scrub_value("", a) for a in record.args
            )
        for key in list(vars(record)):
            if key not in _STANDARD:
                setattr(record, key, _scrub_value(key, getattr(record, key)))
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            entry["method"] = request.method
            entry["path"] = scrub(getattr(request, "path", ""))
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry and key != "status_code":
                entry[key] = value if _jsonable(value) else repr(value)
        if record.exc_info:
            entry["exception"] = scrub(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


def _jsonable(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool, type(None), list, dict))


class TextFormatter(logging.Formatter):
    """The plain format for a developer's console, with tracebacks scrubbed like the rest."""

    def formatException(self, ei: Any) -> str:  # noqa: N802 (logging's name)
        return scrub(super().formatException(ei))
