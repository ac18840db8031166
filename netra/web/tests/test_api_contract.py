"""Schemathesis over every operation of /api/openapi.json: no server error, and no answer that the
document does not describe (status, content type, body schema), with generated valid and invalid
input, NUL bytes included.

Bounded for CI: a fixed number of examples per operation (``NETRA_CONTRACT_EXAMPLES`` for a deeper
run by hand), derandomized with a fixed seed, no deadline, no example database. Staff operations get a Bearer token (cases) and a session (registry)
of the Bawaslu officer of Kota Samarinda, who handles the one case there is.
"""

from __future__ import annotations

import json
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from netra.accounts.tests import factories
from netra.accounts.tokens import issue_token
from netra.cases.models import Case
from netra.reports import receipts
from netra.reports.models import Report
from netra.wsgi import application

EXAMPLES_PER_OPERATION = int(os.environ.get("NETRA_CONTRACT_EXAMPLES", "25"))
# Half of the generated case codes and receipt codes name the case and the report that exist, so the
# workflow steps and the thread are exercised too, not only their 404s.
CASE_CODE = "NTR-CONTRACT-1"
RECEIPT = "4821093375016628"
KNOWN = {"probability": 0.5}

CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": 14,
        "generation": {
            "max-examples": EXAMPLES_PER_OPERATION,
            "deterministic": True,
            "database": "none",
        },
        # Stateful links need a live, persistent server; each operation here runs on its own.
        "phases": {"stateful": {"enabled": False}},
        # "Valid by the schema" is not "acceptable": an unknown agency code is a documented 400, a
        # control character in a query a documented 400. Every answer must still be documented.
        "checks": {"positive_data_acceptance": {"enabled": False}},
        "dictionaries": {"cases": {"values": [CASE_CODE]}, "receipts": {"values": [RECEIPT]}},
        "parameters": {
            "path.code": {"dictionary": "cases", **KNOWN},
            "path.receipt": {"dictionary": "receipts", **KNOWN},
            "body.receipt": {"dictionary": "receipts", **KNOWN},
        },
    }
)

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application, config=CONFIG)


@pytest.fixture
def staff(db, settings):
    """What a staff client carries: a token for the case API, a session for the registry API."""
    settings.NETRA_RATELIMIT_ENABLED = False  # 429 is documented, but it would hide everything else
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    officer = factories.bawaslu("bawaslu.samarinda", "64.72")
    token, _row = issue_token(user=officer, name="contract")
    browser = Client()
    browser.force_login(officer)
    _file_a_report()
    # The WSGI handler closes connections at each request's start and end: inside the test's
    # transaction it must not (Django's test client does the same around each of its requests, and
    # reconnects them afterwards: hence after the set-up's requests).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield {
        "headers": {"Authorization": f"Bearer {token}"},
        "cookies": {"sessionid": browser.cookies["sessionid"].value},
    }
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _file_a_report() -> None:
    """A report (and its case, handled by Bawaslu Kota Samarinda) under the codes above."""
    from netra.demo.election import demo_election
    from netra.reports.tests.conftest import payload

    body = payload(election=demo_election().code)  # an election under way today
    response = Client().post("/api/v1/reports", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    report = Report.objects.get()
    Report.objects.filter(pk=report.pk).update(receipt_digest=receipts.digest(RECEIPT))
    Case.objects.filter(pk=report.case_id).update(code=CASE_CODE)


@schema.parametrize()
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_operation_keeps_its_contract(case, staff):
    if case.operation.schema.is_security_param_negated(case):
        case.call_and_validate()  # the credentials are left out on purpose: 401 is the answer
    else:
        case.call_and_validate(headers=staff["headers"], cookies=staff["cookies"])
