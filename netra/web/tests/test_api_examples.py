"""Every request body in /api/openapi.json carries an example, and the demo world of `bin/run`
accepts each one (public and staff operations alike), as documented."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from netra.accounts.models import User
from netra.accounts.tokens import issue_token
from netra.cases import api as cases_api
from netra.demo.builder import DemoWorld
from netra.reports.api_follow import DEMO_RECEIPT

pytestmark = pytest.mark.django_db

# Operations whose examples need another role than the Bawaslu token below (an agency admin, the
# authority, a PPK): their own app's test replays them on the same demo world with that role.
REPLAYED_BY_THEIR_APP = (
    "/api/v1/prevention/",  # netra/prevention/tests/test_api.py
    "/api/v1/pacts/",
    "/api/v1/events/",
    "/api/v1/sanctions/",  # netra/sanctions/tests/test_api_examples_demo.py
)


def _examples(content: dict[str, Any]) -> dict[str, Any]:
    if "example" in content:
        return {"example": content["example"]}
    return {name: example["value"] for name, example in content.get("examples", {}).items()}


def _path(template: str, example_name: str) -> str:
    return template.replace("{code}", cases_api.DEMO_CASES.get(example_name, "")).replace(
        "{receipt}", DEMO_RECEIPT.replace(" ", "")
    )


def _send(client: Client, path: str, media: str, body: dict[str, Any]) -> Any:
    savepoint = transaction.savepoint_create()
    try:
        if media == "multipart/form-data":
            return client.post(path, body)
        return client.post(path, json.dumps(body), content_type=media)
    finally:
        transaction.savepoint_rollback(savepoint)


def test_every_documented_request_body_example_works_on_the_demo_world(settings):
    settings.NETRA_RATELIMIT_ENABLED = False
    DemoWorld(seed=2024, employees=4000, cases=400).build()  # build_demo's defaults
    token, _row = issue_token(user=User.objects.get(username="bawaslu.kaltim"), name="docs")
    client = Client(headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"})
    paths = client.get("/api/openapi.json").json()["paths"]
    tried = 0
    for template, methods in paths.items():
        for method, operation in methods.items():
            if "requestBody" not in operation:
                continue
            for media, content in operation["requestBody"]["content"].items():
                examples = _examples(content)
                assert examples, f"{method.upper()} {template} {media}: no example"
                if template.startswith(REPLAYED_BY_THEIR_APP):
                    continue
                for name, body in examples.items():
                    response = _send(client, _path(template, name), media, body)
                    assert 200 <= response.status_code < 300, (template, media, name, response)
                    tried += 1
    assert tried >= 20
