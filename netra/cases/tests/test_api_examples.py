"""Every request example of the case-handling API is accepted by the demo world of `bin/run`."""

from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from netra.accounts.models import User
from netra.accounts.tokens import issue_token
from netra.cases import api
from netra.demo.builder import DemoWorld

pytestmark = pytest.mark.django_db

ENDPOINTS: list[tuple[str, dict[str, dict[str, Any]]]] = [
    ("transitions", api.TRANSITION_EXAMPLES),
    ("decision", api.DECISION_EXAMPLES),
    ("hand-over", api.HAND_OVER_EXAMPLES),
    ("merge", api.MERGE_EXAMPLES),
    ("split", api.SPLIT_EXAMPLES),
]


def test_the_documented_examples_work_on_the_demo_world():
    DemoWorld(seed=2024, employees=4000, cases=400).build()  # build_demo's defaults
    token, _row = issue_token(user=User.objects.get(username="bawaslu.kaltim"), name="docs")
    client = Client(headers={"Authorization": f"Bearer {token}"})
    documented = client.get("/api/openapi.json").json()["paths"]
    for endpoint, examples in ENDPOINTS:
        for name, body in examples.items():
            path = f"/api/v1/handling/cases/{api.DEMO_CASES[name]}/{endpoint}"
            template = f"/api/v1/handling/cases/{{code}}/{endpoint}"
            shown = documented[template]["post"]["requestBody"]["content"]["application/json"]
            assert shown["examples"][name]["value"] == body
            savepoint = transaction.savepoint_create()
            response = client.post(path, body, content_type="application/json")
            transaction.savepoint_rollback(savepoint)
            assert response.status_code == 200, (name, response.json())
