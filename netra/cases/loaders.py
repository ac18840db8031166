"""Case handling's own data, loaded in the ``load_reference`` run (``reference_loaded`` signal, see
apps.py): the letter templates (``data/documents/*.html``). The deadline rules are reference data
(``netra/reference/data/deadlines.toml``)."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from .models import DocumentKind, DocumentTemplate

DOCUMENTS_DIR = Path(__file__).resolve().parent / "data" / "documents"


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
