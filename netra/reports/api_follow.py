"""Following a report by its receipt code, and the thread with the handling officer (public API).

The code is the reporter's only key, so it travels in the request body: a URL ends up in access logs,
proxy logs and browser history. ``POST /reports/lookup``, ``/reports/messages`` and
``/reports/receipt.pdf`` take it in the body; the older operations with the code in the path
(``/reports/{receipt}...``) keep working for existing clients and are marked deprecated.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import BaseModel, ConfigDict

from . import ratelimit, receipts, selectors, services
from .api import (
    MESSAGE_EXAMPLE,
    MESSAGE_KEY_REUSED,
    NOT_FOUND,
    ErrorOut,
    FieldErrorsOut,
    MessageIn,
    _body_doc,
    _idempotency_key,
    _inline,
    _invalid,
    _limited,
    _parse,
)
from .forms import no_markup
from .idempotency import IdempotencyConflict
from .models import Evidence, Message, Report
from .validation import evidence_errors

router = Router(tags=["reports"])

# The first receipt of the demo world that `bin/run` builds (and prints): the examples work there.
DEMO_RECEIPT = "3673 7549 3296 9162"
RECEIPT_FIELD = Field(
    min_length=1,
    max_length=40,
    description="The 16-digit receipt code; spaces and dashes between the groups are fine",
)


class LookupIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    receipt: str = RECEIPT_FIELD


class ReceiptMessageIn(MessageIn):
    receipt: str = RECEIPT_FIELD


LOOKUP_EXAMPLE: dict[str, Any] = {"receipt": DEMO_RECEIPT}
RECEIPT_MESSAGE_EXAMPLE: dict[str, Any] = {"receipt": DEMO_RECEIPT, **MESSAGE_EXAMPLE}


class TimelineStepOut(Schema):
    at: dt.datetime
    status: str
    label: str
    note: str = Field(
        "",
        description="What the step means for the reporter, in public words: why a report was not "
        "registered, that it joined another case, the outcome (never the names of persons not "
        "found guilty)",
    )


class AttachmentOut(Schema):
    kind: str
    url: str = ""
    name: str = ""
    size: int | None = None
    sha256: str = ""


class MessageOut(Schema):
    at: dt.datetime
    side: str = Field(examples=["officer"], description="reporter or officer")
    body: str
    attachments: list[AttachmentOut]


class ReportStatusOut(Schema):
    kind: str
    status: str
    status_label: str
    election: str
    submitted_at: dt.datetime
    timeline: list[TimelineStepOut]
    messages: list[MessageOut]


def _lookup_doc() -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": _inline(LookupIn.model_json_schema()),
                    "example": LOOKUP_EXAMPLE,
                }
            },
        }
    }


_PDF = {
    "200": {
        "description": "The receipt",
        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
    }
}
STATUS_ANSWERS = {200: ReportStatusOut, 400: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut}
MESSAGE_ANSWERS = {
    201: MessageOut,
    400: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: FieldErrorsOut,
}


# --- With the code in the body ------------------------------------------------------------------


@router.post(
    "/reports/lookup",
    response={**STATUS_ANSWERS, 429: ErrorOut},
    summary="Follow a report by its receipt code",
    openapi_extra=_lookup_doc(),
)
def lookup(request: HttpRequest, response: HttpResponse):
    """The status timeline and the messages with the officer. The code goes in the body so that it
    stays out of access logs. Unknown codes give 404 after the same single lookup by HMAC as known
    ones."""
    if limited := _limited(request, response, "lookup"):
        return limited
    payload, problem = _parse(request, LookupIn)
    if problem:
        return problem
    assert isinstance(payload, LookupIn)
    return _status(response, payload.receipt)


@router.post(
    "/reports/messages",
    response={**MESSAGE_ANSWERS, 429: ErrorOut},
    summary="Send a message or more evidence to the officer",
    openapi_extra=_body_doc(ReceiptMessageIn, RECEIPT_MESSAGE_EXAMPLE, "message"),
)
def send_message(request: HttpRequest, response: HttpResponse):
    """Adds a message, files (multipart) or links to the thread of the report whose `receipt` is in
    the body. The officer sees the reporter's pseudonym only."""
    if limited := _limited(request, response, "message"):
        return limited
    key, problem = _idempotency_key(request)
    if problem:
        return problem
    payload, problem = _parse(request, ReceiptMessageIn)
    if problem:
        return problem
    assert isinstance(payload, ReceiptMessageIn)
    report = services.find_by_receipt(payload.receipt)
    if report is None:
        return Status(404, {"detail": str(NOT_FOUND)})
    return _post(request, report, payload, key)


@router.post(
    "/reports/receipt.pdf",
    response={400: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut, 429: ErrorOut},
    summary="The receipt (tanda terima) as a PDF",
    openapi_extra={**_lookup_doc(), "responses": _PDF},
)
def receipt_pdf(request: HttpRequest, response: HttpResponse):
    if limited := _limited(request, response, "lookup"):
        return limited
    payload, problem = _parse(request, LookupIn)
    if problem:
        return problem
    assert isinstance(payload, LookupIn)
    return _pdf(payload.receipt)


# --- Deprecated: the code in the path -----------------------------------------------------------


@router.get(
    "/reports/{receipt}",
    response={**STATUS_ANSWERS, 429: ErrorOut},
    summary="Follow a report (deprecated: use POST /reports/lookup)",
    deprecated=True,
    operation_id="netra_reports_api_report_status",
)
def report_status(request: HttpRequest, response: HttpResponse, receipt: str):
    """As `POST /reports/lookup`, but the code in the URL ends up in access logs."""
    if limited := _limited(request, response, "lookup"):
        return limited
    return _status(response, receipt)


@router.post(
    "/reports/{receipt}/messages",
    response={**MESSAGE_ANSWERS, 429: ErrorOut},
    summary="Send a message (deprecated: use POST /reports/messages)",
    openapi_extra=_body_doc(MessageIn, MESSAGE_EXAMPLE, "message"),
    deprecated=True,
    operation_id="netra_reports_api_post_message",
)
def post_message(request: HttpRequest, response: HttpResponse, receipt: str):
    """As `POST /reports/messages`, but the code in the URL ends up in access logs."""
    if limited := _limited(request, response, "message"):
        return limited
    key, problem = _idempotency_key(request)
    if problem:
        return problem
    report = services.find_by_receipt(receipt)
    if report is None:
        return Status(404, {"detail": str(NOT_FOUND)})
    payload, problem = _parse(request, MessageIn)
    if problem:
        return problem
    assert isinstance(payload, MessageIn)
    return _post(request, report, payload, key)


@router.get(
    "/reports/{receipt}/receipt.pdf",
    response={400: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    summary="The receipt as a PDF (deprecated: use POST /reports/receipt.pdf)",
    openapi_extra={"responses": _PDF},
    deprecated=True,
    operation_id="netra_reports_api_receipt_pdf",
)
def receipt_pdf_by_path(request: HttpRequest, response: HttpResponse, receipt: str):
    if limited := _limited(request, response, "lookup"):
        return limited
    return _pdf(receipt)


# --- Shared -------------------------------------------------------------------------------------


def _status(response: HttpResponse, receipt: str) -> Status:
    report = services.find_by_receipt(receipt)
    if report is None:
        return Status(404, {"detail": str(NOT_FOUND)})
    response["Cache-Control"] = "no-store"
    return Status(200, _status_out(report))


def _attachments(evidence: list[Evidence]) -> list[dict[str, Any]]:
    return [
        {
            "kind": ev.kind,
            "url": ev.url,
            "name": ev.original_name,
            "size": ev.size,
            "sha256": ev.sha256,
        }
        for ev in evidence
    ]


def _message_out(message: Message) -> dict[str, Any]:
    return {
        "at": message.sent_at,
        "side": message.side,
        "body": message.body,
        "attachments": _attachments(list(message.evidence.all())),
    }


def _status_out(report: Report) -> dict[str, Any]:
    return {
        "kind": report.kind,
        "status": report.case.status,
        "status_label": str(report.case.get_status_display()),
        "election": report.election.code,
        "submitted_at": report.submitted_at,
        "timeline": [
            {"at": e.at, "status": e.status, "label": e.label, "note": e.note}
            for e in selectors.reporter_timeline(report)
        ],
        "messages": [_message_out(m) for m in selectors.reporter_thread(report)],
    }


def _post(request: HttpRequest, report: Report, payload: MessageIn, key: str) -> Status:
    errors: dict[str, list[str]] = {}
    try:
        no_markup(payload.body)
    except Exception as exc:  # ValidationError with a translated message
        errors["body"] = list(getattr(exc, "messages", [str(exc)]))
    checked, links, evidence_errs = evidence_errors(request.FILES.getlist("files"), payload.links)
    errors.update(evidence_errs)
    if not errors and not (payload.body.strip() or checked or links):
        errors["body"] = [_("Write a message or add evidence.")]
    if errors:
        return _invalid(errors)
    try:
        message = services.post_reporter_message(
            report,
            body=payload.body.strip(),
            files=checked,
            links=links,
            idempotency_key=key,
            client=ratelimit.client_id(request),
        )
    except IdempotencyConflict:
        return Status(409, {"detail": str(MESSAGE_KEY_REUSED)})
    return Status(201, _message_out(message))


def _pdf(receipt: str) -> HttpResponse | Status:
    report = services.find_by_receipt(receipt)
    if report is None:
        return Status(404, {"detail": str(NOT_FOUND)})
    from .receipt_pdf import render_receipt

    pdf = HttpResponse(
        render_receipt(report, receipts.normalize(receipt) or ""), content_type="application/pdf"
    )
    pdf["Content-Disposition"] = 'attachment; filename="tanda-terima-netra.pdf"'
    pdf["Cache-Control"] = "no-store"
    return pdf
