"""Idempotent loader for case handling's data, run by ``manage.py load_reference``: the deadline rules
(``data/deadlines.toml``) and the letter templates (``data/documents/*.html``)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from django.db import transaction

from .models import DeadlineRule, DocumentKind, DocumentTemplate, RuleStatus

DATA_DIR = Path(__file__).resolve().parent / "data"
DOCUMENTS_DIR = DATA_DIR / "documents"
RULE_DEFAULTS: dict[str, Any] = {
    "origin": DeadlineRule.Origin.ANY,
    "condition": "",
    "statuses": [],
    "value": None,
    "unit": "",
    "start_event": "",
    "legal_basis": "",
    "sources": [],
    "effective_from": None,
    "effective_to": None,
    "note": "",
}


def read_rules() -> list[dict[str, Any]]:
    with (DATA_DIR / "deadlines.toml").open("rb") as f:
        return [{**RULE_DEFAULTS, **row} for row in tomllib.load(f)["rule"]]


@transaction.atomic
def load_deadline_rules() -> int:
    rows = read_rules()
    for row in rows:
        code = row.pop("code")
        existing = DeadlineRule.objects.filter(code=code).first()
        if existing and existing.status == RuleStatus.NO_STATUTORY_BASIS:
            # A service level is the office's own choice once loaded: keep its value and unit.
            row.pop("value")
            row.pop("unit")
        DeadlineRule.objects.update_or_create(code=code, defaults=row)
    return len(rows)


@transaction.atomic
def seed_document_templates() -> int:
    """Create the missing templates from the files; an edited template is never overwritten."""
    created = 0
    for kind, label in DocumentKind.choices:
        path = DOCUMENTS_DIR / f"{kind}.html"
        _, was_created = DocumentTemplate.objects.get_or_create(
            kind=kind, defaults={"title": str(label), "body": path.read_text(encoding="utf-8")}
        )
        created += was_created
    return created


def load_case_handling() -> int:
    """One step of ``load_reference``: rules and templates; returns the number of rules."""
    count = load_deadline_rules()
    seed_document_templates()
    return count
