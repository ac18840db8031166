"""Following a report by receipt code and talking to the officer, without an account."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from netra.accounts.tests.factories import bawaslu
from netra.reports import services
from netra.reports.api import MESSAGE_EXAMPLE
from netra.reports.models import Message, Report

from .conftest import jpeg, payload, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def receipt(client):
    response = client.post(
        "/api/v1/reports", json.dumps(payload()), content_type="application/json"
    )
    return response.json()["receipt"]


def send(client, receipt, body, **headers):
    return client.post(
        f"/api/v1/reports/{receipt}/messages",
        json.dumps(body),
        content_type="application/json",
        headers=headers,
    )


def test_the_reporter_sees_the_timeline_and_the_officers_reply(client, receipt):
    report = Report.objects.get()
    services.post_officer_reply(
        bawaslu("officer", "64.72"), report, body="Thank you, <b>noted</b>."
    )
    body = client.get(f"/api/v1/reports/{receipt}").json()
    assert body["status"] == "received" and body["kind"] == "laporan"
    assert [e["status"] for e in body["timeline"]] == ["received"]
    assert body["messages"][0]["side"] == "officer"
    assert body["messages"][0]["body"] == "Thank you, <b>noted</b>."
    assert "officer" not in json.dumps(body["messages"][0]).replace('"officer"', "")


def test_the_code_may_be_typed_with_spaces(client, receipt):
    spaced = " ".join(receipt[i : i + 4] for i in range(0, 16, 4))
    assert client.get(f"/api/v1/reports/{spaced}").status_code == 200


def test_the_documented_message_example_is_accepted(client, receipt):
    response = send(client, receipt, MESSAGE_EXAMPLE)
    assert response.status_code == 201
    assert response.json()["attachments"][0]["url"] == MESSAGE_EXAMPLE["links"][0]


def test_a_message_with_a_photo_adds_evidence_to_the_report(client, receipt):
    response = client.post(
        f"/api/v1/reports/{receipt}/messages",
        {
            "payload": json.dumps({"body": "one more"}),
            "files": [SimpleUploadedFile("c.jpg", jpeg())],
        },
    )
    assert response.status_code == 201, response.content
    message = Message.objects.get()
    assert message.evidence.get().report_id == message.report_id


def test_a_retried_message_is_stored_once(client, receipt):
    send(client, receipt, {"body": "hello"}, **{"Idempotency-Key": "m1"})
    send(client, receipt, {"body": "hello"}, **{"Idempotency-Key": "m1"})
    assert Message.objects.count() == 1


def test_unknown_receipt_is_404_after_the_same_single_lookup(client, receipt):
    with CaptureQueriesContext(connection) as known:
        assert client.get(f"/api/v1/reports/{receipt}").status_code == 200
    other = "0000000000000000" if receipt != "0000000000000000" else "1111111111111111"
    with CaptureQueriesContext(connection) as unknown:
        assert client.get(f"/api/v1/reports/{other}").status_code == 404
    with CaptureQueriesContext(connection) as malformed:
        assert client.get("/api/v1/reports/12345").status_code == 404
    first = known.captured_queries[0]["sql"]
    assert "receipt_digest" in first
    # Unknown and malformed codes run exactly the query a known code starts with, and nothing else.
    assert [q["sql"].split("WHERE")[0] for q in unknown.captured_queries] == [
        first.split("WHERE")[0]
    ]
    assert len(malformed.captured_queries) == 1


def test_messages_to_an_unknown_receipt_store_nothing(client, settings, receipt):
    before = snapshot(settings.MEDIA_ROOT)
    assert send(client, "9" * 16, {"body": "hi"}).status_code in (404,)
    assert snapshot(settings.MEDIA_ROOT) == before


@pytest.mark.parametrize(
    "body, field",
    [
        ({"body": ""}, "body"),
        ({"body": "<script>x</script>"}, "body"),
        ({"body": "x", "links": ["ftp://x"]}, "links"),
        ({"body": "x" * 5001}, "body"),
        ({"text": "x"}, "text"),
    ],
)
def test_bad_messages_are_rejected_and_store_nothing(client, settings, receipt, body, field):
    before = snapshot(settings.MEDIA_ROOT)
    response = send(client, receipt, body)
    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert snapshot(settings.MEDIA_ROOT) == before


def test_a_bad_file_in_a_message_stores_nothing(client, settings, receipt):
    before = snapshot(settings.MEDIA_ROOT)
    response = client.post(
        f"/api/v1/reports/{receipt}/messages",
        {
            "payload": json.dumps({"body": "see"}),
            "files": [SimpleUploadedFile("x.jpg", b"#!/bin/sh")],
        },
    )
    assert response.status_code == 422
    assert snapshot(settings.MEDIA_ROOT) == before


def test_the_receipt_pdf(client, receipt):
    response = client.get(f"/api/v1/reports/{receipt}/receipt.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("language", "detail"),
    [
        ("id", "Tidak ada laporan dengan kode tanda terima ini."),
        ("en", "No report has this receipt code."),
    ],
)
def test_the_404_message_follows_the_request_language(client, language, detail):
    response = client.get("/api/v1/reports/" + "9" * 16, headers={"Accept-Language": language})
    assert response.json()["detail"] == detail
