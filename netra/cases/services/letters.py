"""Letters of a case: numbered, rendered from their template, kept frozen, verifiable by QR code."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.audit.services import record

from .. import documents
from ..models import Case, Clarification, DocumentKind, IssuedDocument
from ..workflow import CaseError
from .base import locked


def issue_document(
    *, case: Case, actor: Any, kind: str, clarification_id: int | None = None
) -> IssuedDocument:
    """Number, render and keep a letter of the case; its QR code leads to ``/verify/<token>/``."""
    if kind not in DocumentKind.values:
        raise CaseError(_("Unknown document type."))
    with transaction.atomic():
        case = locked(case, actor)
        hearing = None
        if kind in documents.PER_HEARING:
            hearing = (
                Clarification.objects.filter(case=case, pk=clarification_id).first()
                if clarification_id
                else None
            )
            if hearing is None or kind not in documents.hearing_kinds(hearing):
                raise CaseError(_("This document needs a clarification hearing of the case."))
        elif kind not in documents.available_kinds(case):
            raise CaseError(_("This document cannot be issued for the case as it stands."))
        issued_on = timezone.localdate()
        token = documents.new_token()
        number = documents.next_number(kind, case, issued_on.year)
        html = documents.render_html(
            kind=kind,
            case=case,
            number=number,
            issued_on=issued_on,
            token=token,
            hearing=hearing,
            signatory=documents.signatory_of(actor),
        )
        document = IssuedDocument.objects.create(
            case=case,
            kind=kind,
            number=number,
            issued_on=issued_on,
            issuing_office=documents.office_name(case.jurisdiction_code),
            token=token,
            html=html,
            sha256=documents.digest(html),
            issued_by=actor,
            issued_at=timezone.now(),
            clarification=hearing,
        )
        record(
            actor=actor,
            action="case.document_issued",
            target=case,
            summary=f"{case.code}: {kind} {number}",
            number=number,
        )
    return document
