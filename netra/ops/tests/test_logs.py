"""Structured logs never carry receipt codes, reporters' identities or evidence names (issue 19)."""

from __future__ import annotations

import json
import logging

from hypothesis import given, settings
from hypothesis import strategies as st

from netra.ops.logs import JsonFormatter, ScrubSensitive, TextFormatter, scrub

SECRETS = [
    "1234567890123456",  # a receipt code
    "1234 5678 9012 3456",  # as read aloud
    "6472015003900001",  # a NIK
    "siti@example.org",
    "081234567890",
    "+62 812 3456 7890",
]


def emit(msg, *args, formatter=None, **extra):
    record = logging.LogRecord("netra.test", logging.WARNING, __file__, 1, msg, args, None)
    for key, value in extra.items():
        setattr(record, key, value)
    ScrubSensitive().filter(record)
    return (formatter or JsonFormatter()).format(record)


def test_a_receipt_in_an_api_path_is_removed_whatever_it_looks_like():
    for path in ("/api/v1/reports/1234567890123456", "/api/v1/reports/12-34/messages"):
        line = json.loads(emit("Not Found: %s", path))
        assert line["message"].startswith("Not Found: /api/v1/reports/[redacted]")
        assert "1234" not in line["message"]


def test_codes_niks_emails_and_phones_are_removed_from_messages_and_arguments():
    for secret in SECRETS:
        assert secret not in emit(f"reporter said {secret}")
        assert secret not in emit("reporter said %s", secret)
        assert secret not in emit("%(x)s", {"x": secret})


def test_query_strings_are_removed():
    assert "siti" not in emit('"GET /report/?name=siti HTTP/1.1" 200')


def test_sensitive_extra_fields_and_evidence_names_are_dropped():
    line = json.loads(
        emit("evidence stored", original_name="rapat camat.jpg", nik="6472015003900001", files=2)
    )
    assert line["original_name"] == line["nik"] == "[redacted]"
    assert line["files"] == 2


def test_gunicorns_access_log_arguments_are_scrubbed():
    atoms = {"r": "GET /api/v1/reports/1234567890123456?x=1 HTTP/1.1", "s": "200"}
    line = json.loads(emit('"%(r)s" %(s)s', atoms))
    assert line["message"] == '"GET /api/v1/reports/[redacted]?[redacted] HTTP/1.1" 200'


def test_exceptions_are_scrubbed_in_both_formats():
    try:
        raise ValueError("bad receipt 1234567890123456")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", (), sys.exc_info())
    ScrubSensitive().filter(record)
    for formatter in (JsonFormatter(), TextFormatter()):
        assert "1234567890123456" not in formatter.format(record)


@settings(deadline=None)  # the machine may be busy; the property, not the speed, is tested
@given(st.text(alphabet="0123456789", min_size=16, max_size=16), st.sampled_from([" ", "-", ""]))
def test_any_sixteen_digits_are_removed(code, sep):
    grouped = sep.join(code[i : i + 4] for i in range(0, 16, 4))
    assert code not in scrub(f"code {grouped} end") and grouped not in scrub(f"x {grouped}")
