"""Every request example of the sanctions API (and the public allowed-sanction rule) works on the
demo world of `bin/run`, sent as the demo user who would send it: ``bkn.analis`` for the
authority's operations, ``ppk.samarinda`` for the PPK's. netra/web/tests/test_api_examples.py
leaves /api/v1/sanctions/ to this test (another role than its Bawaslu token); the targets come from
netra/demo/api_examples_sanctions.py, which fits them to each example's body."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from netra.accounts.models import User
from netra.accounts.tokens import issue_token
from netra.demo import api_examples_sanctions as finders
from netra.demo.builder import DemoWorld
from netra.demo.stage_four import DEMO_PDF

pytestmark = pytest.mark.django_db

SANCTIONS = "/api/v1/sanctions/"
RULE = "/api/v1/catalogue/allowed-sanctions"


def _examples(content: dict[str, Any]) -> dict[str, Any]:
    if "example" in content:
        return {"example": content["example"]}
    return {name: example["value"] for name, example in content.get("examples", {}).items()}


def _send(client: Client, path: str, media: str, body: dict[str, Any]) -> Any:
    """The example as a client sends it, rolled back afterwards: the next example finds the world
    as it was built. A multipart example (the decree) carries a small PDF as its scan."""
    savepoint = transaction.savepoint_create()
    try:
        if media == "multipart/form-data":
            scan = SimpleUploadedFile("sk-hukuman-disiplin.pdf", DEMO_PDF, "application/pdf")
            return client.post(path, {**body, "decree_scan": scan})
        return client.post(path, json.dumps(body), content_type=media)
    finally:
        transaction.savepoint_rollback(savepoint)


def _client(username: str | None) -> Client:
    if username is None:
        return Client(headers={"Accept-Language": "en"})
    token, _row = issue_token(user=User.objects.get(username=username), name="docs")
    return Client(headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"})


def _operations(paths: dict[str, Any]):
    for template, methods in paths.items():
        if not (template.startswith(SANCTIONS) or template == RULE):
            continue
        for method, operation in methods.items():
            for media, content in operation.get("requestBody", {}).get("content", {}).items():
                yield method, template, media, content


def test_every_sanctions_example_works_on_the_demo_world(settings):
    settings.NETRA_RATELIMIT_ENABLED = False
    DemoWorld(seed=2024, employees=4000, cases=400).build()  # build_demo's defaults
    clients = {name: _client(name) for name in (finders.AUTHORITY_USER, finders.PPK_USER, None)}
    paths = clients[None].get("/api/openapi.json").json()["paths"]
    tried: list[str] = []
    for method, template, media, content in _operations(paths):
        examples = _examples(content)
        assert examples, f"{method.upper()} {template} {media}: no example"
        for name, body in examples.items():
            username, path = (
                (None, template) if template == RULE else finders.target(template, body)
            )
            response = _send(clients[username], path, media, body)
            assert response.status_code == 200, (template, name, path, response.content[:300])
            tried.append(f"{template.rsplit('/', 1)[-1]}:{name}")
    assert sorted(tried) == sorted(
        [
            "allowed-sanctions:pns_pelaksana_repeat",
            "allowed-sanctions:pppk_attributes",
            "allowed-sanctions:village_head",
            "recommendation:heavy_discipline",
            "recommendation:level_only",
            "block:block",
            "escalation:today",
            "escalation:addressed",
            "contest-answer:maintain",
            "contest-answer:withdraw",
            "sanction:as_recommended",
            "contest:contest",
        ]
    )

    # The finders read the example: a block dated before every due date has no target.
    block = f"{SANCTIONS}authority/recommendations/{{rec_id}}/block"
    with pytest.raises(LookupError, match="no overdue recommendation"):
        finders.target(block, {"blocked_on": "2020-01-01", "letter_number": "B-1"})
    with pytest.raises(LookupError, match="add one to FINDERS"):
        finders.target(f"{SANCTIONS}nowhere", {})
