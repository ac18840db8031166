"""Public prevention API: the guide (a free-text question in, the matching answers out), signing a
pact (NIP + code), checking in to an event, and the public counts. No account: employees prove who
they are with their NIP and a code, as on the pages.

Every error has one shape, ``{"detail": "..."}``, in Indonesian unless the request asks for English
(``Accept-Language: en``); request validation answers 422 with the fields.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from . import documents, selectors
from .guide import data as guide_data
from .guide.rules import is_disputed, rules_for
from .guide.search import search
from .models import AttendanceMethod
from .services import attendance, signing
from .workflow import PreventionError

router = Router(tags=["prevention (public)"])


class ErrorOut(Schema):
    detail: str = Field(examples=["Kode tidak sesuai. Periksa lagi lalu coba kembali."])


class RuleOut(Schema):
    code: str = Field(examples=["DS-07"])
    kind: Literal["violation", "crime", "sanction"]
    title: str
    article: str = Field(examples=["PP 94/2021 Pasal 5 huruf n"])
    level: str = Field(examples=["Heavy discipline"])
    sanctions: list[str]
    disputed: bool
    dispute_note: str


class GuideAnswerOut(Schema):
    key: str = Field(examples=["foto-bersama-calon"])
    question: str
    verdict: Literal["boleh", "tidak_boleh", "boleh_dengan_syarat"]
    answer: str
    catalogue_codes: list[str] = Field(examples=[["KE-05", "DS-07"]])
    criminal_codes: list[str]
    articles: list[str] = Field(description="Every article cited: the catalogue rows' and others")
    disputed: bool
    dispute: str
    confidence: str
    sources: list[str]
    rules: list[RuleOut]
    score: float


class GuideResultOut(Schema):
    question: str
    answered: bool = Field(description="False: the guide cannot answer; ask Bawaslu")
    advice: str = Field("", description="When not answered: where to ask instead")
    guide_version: str = Field(examples=["panduan-2024-1"])
    understood: list[str] = Field(description="The stemmed terms the search used")
    corrected: dict[str, str] = Field(description="Typed word → the guide's word it was read as")
    answers: list[GuideAnswerOut]


class GuideQuery(Schema):
    q: str = Field(
        min_length=1,
        max_length=300,
        description="A question as people type it; abbreviations and typos are fine",
        examples=["berfoto dengan calon", "pns boleh dtg resepsi caleg?",
                  "pose jempol sm cabup kena ga", "resep rendang"],
    )  # fmt: skip
    limit: int = Field(3, ge=1, le=10)


@router.get(
    "/guide/search",
    response={200: GuideResultOut, 422: Any},
    summary="Ask the guide “boleh atau tidak?”",
)
def guide_search(request: HttpRequest, params: Query[GuideQuery]) -> Any:
    """The answers that match a question typed the way people talk (abbreviations, chat spelling,
    typos, Indonesian word forms). Each cites its catalogue rows, articles and the sanctions risked,
    and says whether the reading is disputed. ``answered`` false: the guide does not guess."""
    guide = guide_data.current()
    result = search(params.q, guide=guide, limit=params.limit)
    answers = []
    for match in result.matches:
        a = match.answer
        rules = rules_for(a, guide)
        answers.append(
            GuideAnswerOut(
                key=a.key, question=a.question, verdict=a.verdict, answer=a.text,  # type: ignore[arg-type]
                catalogue_codes=list(a.catalogue_codes), criminal_codes=list(a.criminal_codes),
                articles=[r.article for r in rules if r.article] + list(a.articles),
                disputed=is_disputed(a, rules), dispute=a.dispute, confidence=a.confidence,
                sources=list(a.sources), score=match.score,
                rules=[RuleOut(code=r.code, kind=r.kind, title=r.title, article=r.article,  # type: ignore[arg-type]
                               level=r.level, sanctions=list(r.sanctions), disputed=r.disputed,
                               dispute_note=r.dispute_note) for r in rules],
            )
        )  # fmt: skip
    from django.utils.translation import gettext as _

    return GuideResultOut(
        question=result.question,
        answered=result.answered,
        advice=""
        if result.answered
        else _("The guide cannot answer this: ask Bawaslu (bawaslu.go.id)."),
        guide_version=guide.code,
        understood=result.analysis.terms,
        corrected=result.analysis.corrected,
        answers=answers,
    )


class SignIn(Schema):
    model_config = ConfigDict(extra="forbid")
    nip: str = Field(max_length=40, examples=["198503122010011002"])
    code: str = Field(
        max_length=40, description="The e-mailed or paper code", examples=["ABCD-2345"]
    )
    session_token: str = Field("", max_length=40, description="From a signing session's QR code")


class SignedOut(Schema):
    pact: str
    signer_name: str
    agency: str
    signed_at: dt.datetime
    verify_url: str = Field(description="The public verification page (also on the signed PDF)")


ERRORS: dict[int, Any] = {
    400: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    429: ErrorOut,
    422: Any,
}


# On the demo world of `bin/run` (seed 2024, 4000 employees): the Samarinda pact "smd-penguatan" and
# the paper code the demo hands this employee (netra/demo/prevention.py EXAMPLE_PAPER_CODE).
SIGN_EXAMPLE_PACT = "smd-penguatan"
SIGN_EXAMPLE: dict[str, Any] = {"nip": "196603031997111991", "code": "DEMO2345"}
# A check-in needs the proof of the moment (the door QR code's token, or the code shown in the online
# session), so this example shows the shape: the code changes every few minutes.
CHECK_IN_EXAMPLE: dict[str, Any] = {
    "nip": "196603031997111991",
    "method": "online",
    "session_code": "482913",
}


@router.post(
    "/pacts/{code}/signatures",
    response={201: SignedOut, **ERRORS},
    summary="Sign a pact",
    openapi_extra={"requestBody": {"content": {"application/json": {"example": SIGN_EXAMPLE}}}},
)
def sign_pact(request: HttpRequest, code: str, payload: SignIn) -> Any:
    """Sign as the employee with this NIP, proven by the code (e-mailed, or on paper). 409: signed
    already, or the pact is closed; 403: the NIP is not in the pact's set; 400: a wrong or expired
    code (wrong codes are counted; 429 after five)."""
    try:
        signature = signing.sign(pact_code=code, identifier=payload.nip, code=payload.code,
                                 session_token=payload.session_token)  # fmt: skip
    except PreventionError as error:
        return Status(error.status_code, {"detail": error.message})
    pact = signature.pact
    return Status(201, SignedOut(
        pact=pact.code, signer_name=signature.signer_name, agency=pact.agency.name,
        signed_at=signature.signed_at,
        verify_url=documents.public_url("prevention:verify", signature.token),
    ))  # fmt: skip


class CheckInIn(Schema):
    model_config = ConfigDict(extra="forbid")
    nip: str = Field(max_length=40)
    method: Literal["door", "online"]
    token: str = Field("", max_length=40, description="door: the token in the door QR code's URL")
    session_code: str = Field(
        "", max_length=20, description="online: the code shown in the session"
    )


class CheckedInOut(Schema):
    event: str
    name: str
    joined_at: dt.datetime
    online: bool


@router.post(
    "/events/{code}/check-ins",
    response={201: CheckedInOut, **ERRORS},
    summary="Check in",
    openapi_extra={"requestBody": {"content": {"application/json": {"example": CHECK_IN_EXAMPLE}}}},
)
def check_in(request: HttpRequest, code: str, payload: CheckInIn) -> Any:
    """Record attendance: in the hall with the door QR code's token, online with the session code.
    409: checked in already, or the event has not started or has ended."""
    try:
        row = attendance.check_in(event_code=code, identifier=payload.nip, method=AttendanceMethod(payload.method),
                                  token=payload.token, session_code=payload.session_code)  # fmt: skip
    except PreventionError as error:
        return Status(error.status_code, {"detail": error.message})
    return Status(
        201,
        CheckedInOut(
            event=code, name=row.employee.name, joined_at=row.joined_at, online=row.online
        ),
    )


class CountsOut(Schema):
    pacts: int
    agencies_with_pact: int
    employees_required: int
    signatures: int
    events: int
    attendances: int
    attendances_online: int
    quiz_attempts: int
    quiz_mean_percent: float


class CountsQuery(Schema):
    election: str = Field("", max_length=30, examples=["pilkada-2024"])


@router.get("/prevention/counts", response=CountsOut, summary="Prevention in numbers (no names)")
def counts(request: HttpRequest, params: Query[CountsQuery]) -> Any:
    """Pacts, signatures, events, attendance and quiz results as counts only, for an election or all."""
    from netra.reference.models import Election

    chosen = Election.objects.filter(code=params.election).first() if params.election else None
    return selectors.public_counts(election=chosen)
