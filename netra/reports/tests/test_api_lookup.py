"""The receipt code travels in the request body, never in a URL (access logs keep URLs)."""

from __future__ import annotations

import json
import re

import pytest

from netra.reports.models import Message, Report

from .conftest import payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def receipt(client):
    response = client.post(
        "/api/v1/reports", json.dumps(payload()), content_type="application/json"
    )
    return response.json()["receipt"]


def post(client, path, body, **headers):
    return client.post(path, json.dumps(body), content_type="application/json", headers=headers)


def test_lookup_with_the_code_in_the_body(client, receipt):
    spaced = " ".join(receipt[i : i + 4] for i in range(0, 16, 4))
    response = post(client, "/api/v1/reports/lookup", {"receipt": spaced})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert response.json()["status"] == "received"
    assert [e["status"] for e in response.json()["timeline"]] == ["received"]
    assert post(client, "/api/v1/reports/lookup", {"receipt": "9" * 16}).status_code == 404
    missing = post(client, "/api/v1/reports/lookup", {}, **{"Accept-Language": "en"})
    assert missing.status_code == 422
    assert missing.json()["errors"] == {"receipt": ["This field is required."]}


def test_messages_and_the_pdf_with_the_code_in_the_body(client, receipt):
    sent = post(client, "/api/v1/reports/messages", {"receipt": receipt, "body": "More photos."})
    assert sent.status_code == 201 and sent.json()["body"] == "More photos."
    assert Message.objects.get().report == Report.objects.get()
    unknown = post(client, "/api/v1/reports/messages", {"receipt": "9" * 16, "body": "x"})
    assert unknown.status_code == 404
    pdf = post(client, "/api/v1/reports/receipt.pdf", {"receipt": receipt})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf).startswith(b"%PDF")


def test_the_old_operations_with_the_code_in_the_path_still_work_and_are_deprecated(
    client, receipt
):
    assert client.get(f"/api/v1/reports/{receipt}").status_code == 200
    doc = client.get("/api/openapi.json").json()["paths"]
    assert doc["/api/v1/reports/{receipt}"]["get"]["deprecated"] is True
    assert doc["/api/v1/reports/{receipt}/messages"]["post"]["deprecated"] is True
    assert doc["/api/v1/reports/{receipt}/receipt.pdf"]["get"]["deprecated"] is True
    for path in ("/api/v1/reports/lookup", "/api/v1/reports/messages"):
        operation = doc[path]["post"]
        assert not operation.get("deprecated")
        body = operation["requestBody"]["content"]["application/json"]
        assert "receipt" in body["schema"]["required"] and body["example"]["receipt"]
        assert not [p for p in operation.get("parameters", []) if p["in"] == "path"]


def test_no_example_hands_out_a_fixed_idempotency_key(client):
    doc = client.get("/api/openapi.json").json()["paths"]
    keys = [
        parameter
        for methods in doc.values()
        for operation in methods.values()
        for parameter in operation.get("parameters", [])
        if parameter["name"] == "Idempotency-Key"
    ]
    assert len(keys) == 3  # submit, and both ways of sending a message
    for parameter in keys:
        assert "example" not in parameter and "examples" not in parameter
        assert "fresh random UUID" in parameter["description"]


def test_the_follow_pages_never_put_the_code_in_a_url(client, receipt):
    page = client.post("/report/follow/", {"receipt": receipt}).content.decode()
    assert receipt[:4] in page  # the code is shown to its owner
    urls = re.findall(r'(?:href|action|src|hx-get|hx-post)="([^"]*)"', page)
    assert urls and not [u for u in urls if re.search(r"\d{4}", u)]
    assert not re.findall(r'<form(?![^>]*method="post")', page)
