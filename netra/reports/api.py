"""Public reporting API: submit a report (JSON or multipart with files), follow it by receipt code,
and exchange messages with the handling officer. No account; rate-limited per client.

The receipt code travels in the request body (``POST /reports/lookup``, ``/reports/messages``,
``/reports/receipt.pdf``), never in a URL, where access logs and proxies would keep it. The older
operations with the code in the path still work and are marked deprecated.

The request bodies are read here rather than by ninja so that one endpoint takes both JSON and
multipart, and so every validation error comes back in one shape with a translated message per field:
``{"detail": "...", "errors": {"persons[0].nip": ["..."]}}``. The same checks as the HTML forms (checks.py) run on it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema, Status
from pydantic import BaseModel, ConfigDict, StrictBool, ValidationError

from . import ratelimit, receipts, rules, services
from .forms import MAX_PERSONS
from .idempotency import IdempotencyConflict
from .intake import validate_api_report
from .models import Report

router = Router(tags=["reports"])

MAX_KEY = 100


# --- Request bodies (documented through openapi_extra; see _body_doc) ---------------------------


class PersonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=150, description="Name as the reporter knows it")
    nip: str = Field("", max_length=30, description="18-digit NIP, if known")
    position_title: str = Field("", max_length=200)
    agency: str = Field("", max_length=30, description="Agency code (reference agencies)")
    category: str = Field(
        "unknown",
        max_length=15,
        description="pns, pppk, non_asn, village_head, village_staff, tni, polri or unknown",
    )


class ReporterIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field("", max_length=150)
    nik: str = Field("", max_length=30, description="16-digit NIK")
    address: str = Field("", max_length=300)
    phone: str = Field("", max_length=20)
    email: str = Field("", max_length=254)


class ReportIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    election: str = Field(max_length=30, description="Election code, e.g. pilkada-2024")
    incident_date: dt.date
    known_on: dt.date = Field(description="When the event became known to the reporter")
    province: str = Field(min_length=1, max_length=13, description="Kemendagri code, e.g. 64")
    regency: str = Field("", max_length=13, description="e.g. 64.72")
    district: str = Field("", max_length=13, description="e.g. 64.72.01")
    description: str = Field(min_length=1, max_length=5000)
    persons: list[PersonIn] = Field(min_length=1, max_length=MAX_PERSONS)
    anonymous: StrictBool = False
    reporter: ReporterIn | None = Field(None, description="Omit (or set anonymous) to stay unknown")
    links: list[str] = Field(default_factory=list, max_length=10)


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    body: str = Field("", max_length=5000)
    links: list[str] = Field(default_factory=list, max_length=10)


REPORT_EXAMPLE: dict[str, Any] = {
    "election": "pilkada-2024",
    "incident_date": "2024-11-20",
    "known_on": "2024-11-21",
    "province": "64",
    "regency": "64.72",
    "district": "64.72.01",
    "description": "A camat asked village heads at an official meeting to vote for candidate pair 2.",
    "persons": [
        {
            "name": "Budi Santoso",
            "nip": "198503122010011002",
            "position_title": "Camat Palaran",
            "agency": "PEMKOT-64.72",
            "category": "pns",
        }
    ],
    "anonymous": False,
    "reporter": {
        "name": "Siti Aminah",
        "nik": "6472015003900001",
        "address": "Jl. Contoh No. 1, Samarinda",
        "phone": "081234567890",
        "email": "siti@example.org",
    },
    "links": ["https://www.facebook.com/example/posts/123"],
}
MESSAGE_EXAMPLE: dict[str, Any] = {
    "body": "The post was deleted this morning; here is a screenshot from another account.",
    "links": ["https://www.instagram.com/p/example"],
}


# --- Responses ----------------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str = Field(examples=["Tidak ada laporan dengan kode tanda terima ini."])


class FieldErrorsOut(Schema):
    detail: str = Field(examples=["Periksa isian berikut."])
    errors: dict[str, list[str]] = Field(
        examples=[{"description": ["Kolom ini harus diisi."], "persons[0].nip": ["..."]}]
    )


class ReasonOut(Schema):
    code: str = Field(examples=["late"])
    text: str


class WindowOut(Schema):
    days: int
    unit: str = Field(examples=["working_day"])
    last_day: dt.date
    on_time: bool
    legal_basis: str


class ReceiptOut(Schema):
    receipt: str = Field(examples=["4821093375016628"], description="Keep it: shown only once")
    receipt_display: str = Field(examples=["4821 0933 7501 6628"])
    kind: str = Field(examples=["laporan"], description="laporan or informasi_awal")
    reasons: list[ReasonOut]
    reporting_window: WindowOut
    submitted_at: dt.datetime


# --- Helpers ------------------------------------------------------------------------------------


def _inline(schema: dict[str, Any]) -> dict[str, Any]:
    """A pydantic JSON schema with its $defs inlined, to embed in the OpenAPI request body."""
    defs = schema.pop("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                return walk(dict(defs[node["$ref"].rsplit("/", 1)[-1]]))
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(schema)


def _body_doc(model: type[BaseModel], example: dict[str, Any], what: str) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": _inline(model.model_json_schema()),
                    "example": example,
                },
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["payload"],
                        "properties": {
                            "payload": {
                                "type": "string",
                                "description": f"The {what} as JSON, as for application/json",
                            },
                            "files": {
                                "type": "array",
                                "items": {"type": "string", "format": "binary"},
                                "description": "Photos, screenshots, PDF or short videos",
                            },
                        },
                    },
                    "example": {"payload": json.dumps(example)},
                },
            },
        },
        "parameters": [
            {
                "in": "header",
                "name": "Idempotency-Key",
                "required": False,
                "description": (
                    "Generate a fresh random UUID for every new submission, and send the same "
                    "one again only when retrying it: the retry then returns the first result."
                ),
                "schema": {"type": "string", "maxLength": MAX_KEY},
            }
        ],
    }


_PYDANTIC_MESSAGES = {
    "missing": gettext_lazy("This field is required."),
    "string_too_short": gettext_lazy("This field is required."),
    "string_too_long": gettext_lazy("Too long."),
    "too_long": gettext_lazy("Too many items."),
    "too_short": gettext_lazy("Give at least one."),
    "extra_forbidden": gettext_lazy("Unknown field."),
    "date_from_datetime_parsing": gettext_lazy("Enter a valid date (YYYY-MM-DD)."),
    "date_parsing": gettext_lazy("Enter a valid date (YYYY-MM-DD)."),
    "date_type": gettext_lazy("Enter a valid date (YYYY-MM-DD)."),
    "bool_type": gettext_lazy("Use true or false."),
    "string_type": gettext_lazy("Enter text."),
    "list_type": gettext_lazy("Enter a list."),
    "model_type": gettext_lazy("Enter an object."),
}


def _field_key(loc: tuple[Any, ...]) -> str:
    key = ""
    for part in loc:
        key += f"[{part}]" if isinstance(part, int) else (f".{part}" if key else str(part))
    return key or "__all__"


def _invalid(errors: dict[str, list[str]]) -> Status:
    return Status(422, {"detail": _("Please check the fields listed."), "errors": errors})


def _parse(request: HttpRequest, model: type[BaseModel]) -> tuple[BaseModel | None, Status | None]:
    """The body as ``model``: JSON, or multipart with a JSON ``payload`` part."""
    if request.content_type == "multipart/form-data":
        raw: str | bytes = request.POST.get("payload", "")
        if not raw:
            return None, Status(400, {"detail": _("The multipart body needs a payload part.")})
        if "files" in request.POST:
            return None, Status(400, {"detail": _("Send each file as a file part named files.")})
    else:
        raw = request.body
    try:
        return model.model_validate_json(raw), None
    except ValidationError as exc:
        if any(e["type"] == "json_invalid" for e in exc.errors()):
            return None, Status(400, {"detail": _("The body is not valid JSON.")})
        errors: dict[str, list[str]] = {}
        for e in exc.errors(include_url=False):
            message = _PYDANTIC_MESSAGES.get(e["type"], e["msg"])
            errors.setdefault(_field_key(e["loc"]), []).append(str(message))
        return None, _invalid(errors)


def _idempotency_key(request: HttpRequest) -> tuple[str, Status | None]:
    key = request.headers.get("Idempotency-Key", "").strip()
    if len(key) > MAX_KEY or not key.isprintable():
        return "", _invalid({"Idempotency-Key": [_("At most 100 printable characters.")]})
    return key, None


def _limited(request: HttpRequest, response: HttpResponse, scope: str) -> Status | None:
    verdict = ratelimit.hit(request, scope)
    if verdict.allowed:
        return None
    response["Retry-After"] = str(verdict.retry_after)
    return Status(429, {"detail": _("Too many requests. Please wait a little and try again.")})


def _receipt_out(
    report: Report, code: str, verdict: rules.Classification | None = None
) -> dict[str, Any]:
    verdict = verdict or rules.of_report(report)
    window = verdict.window
    return {
        "receipt": code,
        "receipt_display": receipts.pretty(code),
        "kind": report.kind,
        "reasons": [
            {"code": c, "text": t}
            for c, t in zip(verdict.reasons, verdict.explanations(), strict=True)
        ],
        "reporting_window": {
            "days": window.days,
            "unit": window.unit,
            "last_day": verdict.last_day,
            "on_time": verdict.on_time,
            "legal_basis": window.legal_basis,
        },
        "submitted_at": report.submitted_at,
    }


NOT_FOUND = gettext_lazy("No report has this receipt code.")
KEY_REUSED = gettext_lazy(
    "This Idempotency-Key was already used for a different report. Use a new key for a new report."
)
MESSAGE_KEY_REUSED = gettext_lazy(
    "This Idempotency-Key was already used for a different message. Use a new key for a new "
    "message."
)


ERRORS = {400: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut, 429: ErrorOut}


# --- Endpoints ----------------------------------------------------------------------------------


@router.post(
    "/reports",
    response={201: ReceiptOut, 400: ErrorOut, 409: ErrorOut, 422: FieldErrorsOut, 429: ErrorOut},
    summary="Submit a report",
    openapi_extra=_body_doc(ReportIn, REPORT_EXAMPLE, "report"),
)
def submit_report(request: HttpRequest, response: HttpResponse):
    """Files a report and opens its case. An identified, complete report within the reporting window
    is a **laporan**; an anonymous, incomplete or late one is **informasi awal** (`reasons` say why).
    The receipt code is returned once and never stored in clear: keep it to follow the report.
    A retry with the same `Idempotency-Key` header (within 24 hours) returns the first receipt with
    `Idempotent-Replayed: true` and files nothing new.
    Errors: 400 unreadable body, 409 the key was used for a different report, 422 a message per
    field, 429 too many requests (see Retry-After).
    """
    if limited := _limited(request, response, "report"):
        return limited
    key, problem = _idempotency_key(request)
    if problem:
        return problem
    payload, problem = _parse(request, ReportIn)
    if problem:
        return problem
    assert isinstance(payload, ReportIn)
    valid, errors = validate_api_report(payload, request.FILES.getlist("files"))
    if valid is None:
        return _invalid(errors)
    try:
        submitted = services.submit_report(
            valid, idempotency_key=key, client=ratelimit.client_id(request)
        )
    except IdempotencyConflict:
        return Status(409, {"detail": str(KEY_REUSED)})
    if submitted.replayed:
        response["Idempotent-Replayed"] = "true"
    return Status(201, _receipt_out(submitted.report, submitted.receipt, submitted.classification))
