"""The prevention API: the guide in, answers out; signing and check-in with the same refusals as the
pages; the staff API's documented examples work on the demo world."""

import pytest
from django.db import transaction
from django.test import Client

from netra.accounts.models import User
from netra.demo.builder import DemoWorld
from netra.prevention import api_staff, codes
from netra.prevention.auth import issue_token
from netra.prevention.models import PactSignature

from .conftest import employee, give_code, make_event, make_pact

pytestmark = pytest.mark.django_db


def test_the_guide_search_returns_verdict_codes_articles_and_dispute(client):
    body = client.get("/api/v1/guide/search", {"q": "pose jempol sm cabup kena ga"}).json()
    assert body["answered"] and body["guide_version"] == "panduan-2024-1"
    first = body["answers"][0]
    assert first["key"] == "pose-jari" and first["verdict"] == "tidak_boleh"
    assert first["catalogue_codes"] == ["KE-05", "DS-07"] and first["articles"]
    assert first["disputed"] is False
    campaign = client.get("/api/v1/guide/search", {"q": "hadir kampanye"}).json()["answers"][0]
    assert campaign["disputed"] is True and campaign["dispute"]
    none = client.get("/api/v1/guide/search", {"q": "resep rendang"}).json()
    assert none["answered"] is False and none["answers"] == [] and "Bawaslu" in none["advice"]
    assert client.get("/api/v1/guide/search", {"q": "x" * 301}).status_code == 422


def test_signing_and_checking_in_through_the_api(client, admin):
    person = employee()
    pact = make_pact(admin)
    give_code(pact, person)
    url = f"/api/v1/pacts/{pact.code}/signatures"
    wrong = client.post(
        url, {"nip": person.nip, "code": "NOPE2345"}, content_type="application/json"
    )
    assert wrong.status_code == 400 and "detail" in wrong.json()
    ok = client.post(url, {"nip": person.nip, "code": "ABCD2345"}, content_type="application/json")
    assert ok.status_code == 201 and ok.json()["verify_url"].endswith("/")
    again = client.post(
        url, {"nip": person.nip, "code": "ABCD2345"}, content_type="application/json"
    )
    assert again.status_code == 409 and PactSignature.objects.count() == 1
    event = make_event(admin)
    checkin = f"/api/v1/events/{event.code}/check-ins"
    body = {"nip": person.nip, "method": "door", "token": codes.qr_token(event.door_secret)}
    assert client.post(checkin, body, content_type="application/json").status_code == 201
    assert client.post(checkin, body, content_type="application/json").status_code == 409
    counts = client.get("/api/v1/prevention/counts").json()
    assert counts["signatures"] == 1 and counts["attendances"] == 1


def test_the_staff_api_needs_a_token_and_scopes(client, admin):
    assert client.get("/api/v1/prevention/pacts").status_code == 401
    token, _row = issue_token(user=admin, name="t")
    employee()
    make_pact(admin)
    staff = Client(headers={"Authorization": f"Bearer {token}"})
    rows = staff.get("/api/v1/prevention/pacts").json()
    assert len(rows) == 1 and rows[0]["required"] == 1 and "close" in rows[0]["allowed_actions"]


def test_the_documented_staff_examples_work_on_the_demo_world():
    DemoWorld(seed=2024, employees=800, cases=5).build()
    token, _row = issue_token(user=User.objects.get(username="admin.samarinda"), name="docs")
    client = Client(headers={"Authorization": f"Bearer {token}"})
    paths = client.get("/api/openapi.json").json()["paths"]
    calls = [("/api/v1/prevention/pacts", api_staff.PACT_EXAMPLE, 201),
             ("/api/v1/prevention/events", api_staff.EVENT_EXAMPLE, 201)]  # fmt: skip
    calls += [
        (f"/api/v1/prevention/pacts/{c}/actions", b, 200)
        for c, b in api_staff.PACT_ACTION_EXAMPLES.items()
    ]
    calls += [
        (f"/api/v1/prevention/events/{c}/actions", b, 200)
        for c, b in api_staff.EVENT_ACTION_EXAMPLES.items()
    ]
    assert "/api/v1/prevention/pacts/{code}/actions" in paths
    for path, body, status in calls:
        savepoint = transaction.savepoint_create()
        response = client.post(path, body, content_type="application/json")
        transaction.savepoint_rollback(savepoint)
        assert response.status_code == status, (path, response.json())
    assert client.get("/api/v1/prevention/pacts/smd-penguatan").json()["status"] == "open"
    assert client.get("/api/v1/prevention/events/smd-aula24").json()["attendance"]


def test_the_signing_example_works_on_the_default_demo_world():
    """The public signing example names a pact, an employee and a paper code of the world that
    `bin/run` builds (build_demo's defaults)."""
    from netra.prevention.api import SIGN_EXAMPLE, SIGN_EXAMPLE_PACT

    DemoWorld(seed=2024, employees=4000, cases=5).build()
    client = Client()
    documented = client.get("/api/openapi.json").json()["paths"]
    body = documented["/api/v1/pacts/{code}/signatures"]["post"]["requestBody"]
    assert body["content"]["application/json"]["example"] == SIGN_EXAMPLE
    url = f"/api/v1/pacts/{SIGN_EXAMPLE_PACT}/signatures"
    response = client.post(url, SIGN_EXAMPLE, content_type="application/json")
    assert response.status_code == 201, response.content
