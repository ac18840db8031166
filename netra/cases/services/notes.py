"""Internal notes: officers only, never shown to a reporter or outside Bawaslu."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.audit.services import record

from ..models import Case, CaseNote
from .base import locked, required


def add_note(*, case: Case, actor: Any, body: str) -> CaseNote:
    body = required(body, _("the note"))
    with transaction.atomic():
        case = locked(case, actor)
        note = CaseNote.objects.create(case=case, author=actor, at=timezone.now(), body=body)
        record(actor=actor, action="case.note", target=case, summary=f"{case.code}: note")
    return note
