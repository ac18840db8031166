"""Idempotency keys are scoped to the client and the resource (issue 14, item 1).

A key once handed out someone else's receipt: the HTML form checked no request digest, and keys
were global, so a second person using a key another client had used in the last day got that
person's receipt and their own report was dropped; a message key reused on another report's thread
returned the first reporter's message. A replay now needs the same client, the same resource and the
same body; the same client with another body gets a 409; another client simply has its own key.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from netra.reports.models import Message, Report

from .conftest import payload
from .test_pages import URL, step_data

pytestmark = pytest.mark.django_db
API = "/api/v1/reports"


def browser(cookie: str) -> Client:
    """A browser of its own: its CSRF cookie tells it apart, as a real one's does."""
    client = Client()
    client.cookies["csrftoken"] = cookie * 32
    return client


def submit_form(client: Client, **changes) -> tuple[int, str]:
    data = step_data(**changes)
    response = client.post(URL, {**data, "step": "4", "action": "submit", "links": ""})
    html = response.content.decode()
    receipt = ""
    if 'data-testid="receipt-code">' in html:
        receipt = html.split('data-testid="receipt-code">')[1].split("<")[0].replace(" ", "")
    return response.status_code, receipt


def test_the_form_key_of_another_browser_files_a_new_report(client):
    status, first = submit_form(browser("a"), idempotency_key="shared-key")
    assert status == 201
    status, second = submit_form(
        browser("b"), idempotency_key="shared-key", description="Another event, another reporter."
    )
    assert status == 201
    assert second and second != first  # never the first reporter's receipt
    assert Report.objects.count() == 2


def test_the_same_browser_gets_its_receipt_back_but_not_for_another_report(client):
    me = browser("c")
    status, first = submit_form(me, idempotency_key="k-77")
    assert status == 201
    assert submit_form(me, idempotency_key="k-77") == (201, first)  # a double click
    status, receipt = submit_form(me, idempotency_key="k-77", description="Something else.")
    assert status == 409 and receipt == ""
    assert Report.objects.count() == 1


def api(client: Client, body: dict, key: str, address: str):
    return client.post(
        API,
        data=json.dumps(body),
        content_type="application/json",
        headers={"Idempotency-Key": key},
        REMOTE_ADDR=address,
    )


def test_an_api_key_is_scoped_to_the_client(client):
    first = api(client, payload(), "same-key", "10.0.0.1")
    assert first.status_code == 201
    replay = api(client, payload(), "same-key", "10.0.0.1")
    assert replay.status_code == 201 and replay["Idempotent-Replayed"] == "true"
    assert replay.json()["receipt"] == first.json()["receipt"]
    other = api(client, payload(), "same-key", "10.0.0.2")
    assert other.status_code == 201 and "Idempotent-Replayed" not in other
    assert other.json()["receipt"] != first.json()["receipt"]
    changed = api(client, payload(description="A different report."), "same-key", "10.0.0.1")
    assert changed.status_code == 409
    assert first.json()["receipt"] not in changed.content.decode()
    assert Report.objects.count() == 2


def message(client: Client, receipt: str, body: str, key: str):
    return client.post(
        "/api/v1/reports/messages",
        data=json.dumps({"receipt": receipt, "body": body}),
        content_type="application/json",
        headers={"Idempotency-Key": key},
        REMOTE_ADDR="10.0.0.9",
    )


def test_a_message_key_on_another_thread_is_another_message(client):
    one = api(client, payload(), "r1", "10.0.0.9").json()["receipt"]
    two = api(client, payload(description="Second report."), "r2", "10.0.0.9").json()["receipt"]
    first = message(client, one, "Private detail for my own officer.", "m-1")
    assert first.status_code == 201
    other = message(client, two, "My own message.", "m-1")
    assert other.status_code == 201
    assert other.json()["body"] == "My own message."
    assert "Private detail" not in other.content.decode()
    assert Message.objects.count() == 2
    # The same thread, the same key, another body: refused, and nothing of the first is shown.
    changed = message(client, one, "Something else.", "m-1")
    assert changed.status_code == 409 and "Private detail" not in changed.content.decode()
    assert message(client, one, "Private detail for my own officer.", "m-1").status_code == 201
    assert Message.objects.count() == 2
