"""Case handling API for Bawaslu staff: the queue (scoped, filtered, most urgent first) and every
workflow step. Bearer token (``manage.py create_api_token USER``) or the staff session.

Every error has one shape, ``{"detail": "..."}``, except request validation (422), which lists the
fields. Illegal workflow steps answer 409 with the steps that are possible now.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.security import HttpBearer, django_auth
from pydantic import ConfigDict

from netra.accounts.permissions import can_handle_case

from . import deadlines, selectors, services, workflow
from .models import Case
from .tokens import user_for_token
from .workflow import CaseError


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


router = Router(tags=["case handling"], auth=[BearerToken(), django_auth])

# The examples below work on the demo world of `bin/run` (seed 2024, 4000 employees, 400 cases)
# with a token of `bawaslu.kaltim`, each on the case named in DEMO_CASES in the status it needs;
# test_api_examples.py replays them.
DEMO_CASES = {
    "start_review": "NTR-2024-0000039",
    "register": "NTR-2024-0000063",
    "decline": "NTR-2024-0000026",
    "request_more_time": "NTR-2024-0000014",
    "forward": "NTR-2024-0000041",
    "close": "NTR-2024-0000107",
    "decision_proven": "NTR-2024-0000012",
    "decision_not_proven": "NTR-2024-0000009",
    "hand_over_up": "NTR-2024-0000016",
    "hand_over_down": "NTR-2024-0000055",
    "merge": "NTR-2024-0000058",
    "split": "NTR-2024-0000051",
}
TRANSITION_EXAMPLES = {
    "start_review": {"action": "start_review"},
    "register": {"action": "register", "reason": "Formal and material requirements met."},
    "decline": {"action": "decline", "reason": "The reporter did not complete the evidence."},
    "request_more_time": {"action": "request_more_time", "reason": "Waiting for the agency."},
    "forward": {"action": "forward", "note": "One proven violation."},
    "close": {"action": "close", "reason": "Nothing left to forward."},
}
DECISION_EXAMPLES = {
    "decision_proven": {
        "decided_on": "2025-01-15",
        "findings": [{"nip": "197812141998072858", "proven": True, "violation_codes": ["DS-01"]}],
    },
    "decision_not_proven": {
        "decided_on": "2025-01-15",
        "findings": [{"nip": "199304162019092199", "proven": False}],
    },
}
HAND_OVER_EXAMPLES = {
    "hand_over_up": {"direction": "up", "reason": "The reported official works for the province."},
    "hand_over_down": {"direction": "down", "to_code": "64.72", "reason": "A city official."},
}
MERGE_EXAMPLES = {
    "merge": {"other_codes": ["NTR-2024-0000055"], "reason": "Same event, same official."}
}
SPLIT_EXAMPLES = {"split": {"person_nips": ["199302122024032639"], "reason": "A different event."}}


# --- Schemas --------------------------------------------------------------------------------------


Id = Annotated[int, Field(ge=1, le=2**62)]


class ErrorOut(Schema):
    detail: str = Field(examples=["“Register the report” is not possible for a case that is …"])


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]] = Field(
        examples=[
            [{"type": "missing", "loc": ["body", "payload", "action"], "msg": "Field required"}]
        ]
    )


class DeadlineOut(Schema):
    rule: str = Field(examples=["P2"])
    title: str
    legal_basis: str
    statutory: bool = Field(description="False: a service level, never overdue against the law")
    unit: str = Field(examples=["calendar_day"])
    value: int | None
    starts_at: dt.datetime
    due_on: dt.date | None
    days_left: int | None
    overdue: bool


class CaseRowOut(Schema):
    code: str = Field(examples=["NTR-2024-0000003"])
    status: str = Field(examples=["received"])
    election: str = Field(examples=["pilkada-2024"])
    incident_region: str = Field(examples=["64.72.01"])
    jurisdiction_code: str = Field(examples=["64.72"], description='"" is Bawaslu RI')
    received_at: dt.datetime
    due_on: dt.date | None
    deadline_rule: str
    days_left: int | None
    overdue: bool


class CasePageOut(Schema):
    page: int
    has_next: bool
    results: list[CaseRowOut]


class PersonOut(Schema):
    id: int
    name: str
    category: str
    agency: str | None


class ActionOut(Schema):
    action: str = Field(examples=["register"])
    label: str
    inputs: list[str]


class CaseOut(Schema):
    code: str
    status: str
    status_label: str
    origin: str
    election: str
    handling_level: str
    jurisdiction_code: str
    received_at: dt.datetime
    registered_at: dt.datetime | None
    decided_at: dt.datetime | None
    forwarded_at: dt.datetime | None
    forwarded_to: str | None = Field(None, examples=["BKN"])
    merged_into: str | None
    deadline: DeadlineOut | None
    allowed_actions: list[ActionOut]
    persons: list[PersonOut]
    report_ids: list[int]


class QueueIn(Schema):
    status: str = Field("", max_length=20, description='"" open cases, "all", or one status')
    due: Literal["", "overdue", "today", "week", "none"] = ""
    region: str = Field("", max_length=13, examples=["64.72"])
    agency: str = Field("", max_length=30, examples=["PEMKOT-64.72"])
    election: str = Field("", max_length=30, examples=["pilkada-2024"])
    violation: str = Field("", max_length=10, examples=["DS-01"])
    page: int = Field(1, ge=1, le=10_000)
    per_page: int = Field(50, ge=1, le=100)


class TransitionIn(Schema):
    model_config = ConfigDict(extra="forbid")
    action: Literal[
        "start_review",
        "register",
        "decline",
        "start_clarification",
        "request_more_time",
        "forward",
        "close",
    ]
    reason: str = Field("", max_length=4000)
    forwarded_on: dt.date | None = Field(None, description="forward only; default today")
    note: str = Field("", max_length=4000)


class FindingIn(Schema):
    model_config = ConfigDict(extra="forbid")
    person_id: int | None = Field(None, ge=1, le=2**62, description="persons[].id of the case")
    nip: str = Field("", max_length=18, description="or the reported person's NIP")
    proven: bool
    violation_codes: list[str] = Field(default_factory=list, max_length=20)
    criminal_codes: list[str] = Field(default_factory=list, max_length=20)
    reasoning: str = Field("", max_length=4000)


class DecisionIn(Schema):
    model_config = ConfigDict(extra="forbid")
    decided_on: dt.date
    findings: list[FindingIn] = Field(min_length=1, max_length=50)
    reason: str = Field("", max_length=4000)


class HandOverIn(Schema):
    model_config = ConfigDict(extra="forbid")
    direction: Literal["up", "down"]
    to_code: str = Field("", max_length=13, description="down only: the office's region code")
    reason: str = Field(min_length=1, max_length=4000)


class MergeIn(Schema):
    model_config = ConfigDict(extra="forbid")
    other_codes: list[str] = Field(min_length=1, max_length=20)
    reason: str = Field(min_length=1, max_length=4000)


class SplitIn(Schema):
    model_config = ConfigDict(extra="forbid")
    report_ids: list[Id] = Field(default_factory=list, max_length=100)
    person_ids: list[Id] = Field(default_factory=list, max_length=100)
    person_nips: list[str] = Field(default_factory=list, max_length=100, description="or NIPs")
    reason: str = Field(min_length=1, max_length=4000)
    summary: str = Field("", max_length=500)


ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ValidationErrorOut,
}


def _examples(examples: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "requestBody": {
            "content": {
                "application/json": {
                    "examples": {
                        name: {
                            "summary": name.replace("_", " "),
                            "description": f"On {DEMO_CASES[name]} of the demo world "
                            "(token of bawaslu.kaltim).",
                            "value": value,
                        }
                        for name, value in examples.items()
                    }
                }
            }
        }
    }


# --- Helpers --------------------------------------------------------------------------------------


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]  # set by ninja's authentication


def _case_or_404(request: HttpRequest, code: str) -> Case | None:
    return selectors.case_for_handling(_user(request), code)


def _deadline(case: Case) -> DeadlineOut | None:
    deadline = deadlines.running_deadline(case)
    if deadline is None:
        return None
    return DeadlineOut(
        rule=deadline.rule.code,
        title=deadline.rule.title,
        legal_basis=deadline.rule.legal_basis,
        statutory=deadline.statutory,
        unit=deadline.rule.unit,
        value=deadline.rule.value,
        starts_at=deadline.starts_at,
        due_on=deadline.due_on,
        days_left=deadline.days_left(timezone.localdate()),
        overdue=deadline.is_overdue(timezone.now()),
    )


def _case_out(case: Case) -> CaseOut:
    from netra.reports.models import Report

    forwarding = getattr(case, "forwarding", None)
    return CaseOut(
        code=case.code,
        status=case.status,
        status_label=str(case.get_status_display()),
        origin=case.origin,
        election=case.election.code,
        handling_level=case.handling_level,
        jurisdiction_code=case.jurisdiction_code,
        received_at=case.received_at,
        registered_at=case.registered_at,
        decided_at=case.decided_at,
        forwarded_at=case.forwarded_at,
        forwarded_to=forwarding.authority.code if forwarding else None,
        merged_into=case.merged_into.code if case.merged_into else None,
        deadline=_deadline(case),
        allowed_actions=[
            ActionOut(action=a.name, label=str(a.label), inputs=list(a.inputs))
            for a in workflow.allowed_actions(case.status)
        ],
        persons=[
            PersonOut(
                id=p.pk,
                name=p.name,
                category=p.category,
                agency=p.agency.code if p.agency else None,
            )
            for p in case.reported_persons.select_related("agency").order_by("pk")
        ],
        report_ids=list(
            Report.objects.filter(case=case).order_by("pk").values_list("pk", flat=True)
        ),
    )


def _perform(request: HttpRequest, code: str, action: str, inputs: services.Inputs) -> Any:
    case = _case_or_404(request, code)
    if case is None:
        return Status(404, {"detail": _("No case %(code)s in your jurisdiction.") % {"code": code}})
    try:
        if not can_handle_case(_user(request), case):
            raise PermissionDenied
        result = services.perform(action, case=case, actor=_user(request), inputs=inputs)
    except PermissionDenied:
        return Status(
            403, {"detail": _("Only the Bawaslu officers handling the case can do this.")}
        )
    except CaseError as error:
        return Status(error.status_code, {"detail": error.message})
    result = selectors.case_for_handling(_user(request), result.code) or result
    return Status(200, _case_out(result))


# --- Endpoints ------------------------------------------------------------------------------------


@router.get("/cases", response={200: CasePageOut, **ERRORS}, summary="The case queue")
def list_cases(request: HttpRequest, params: Query[QueueIn]) -> Any:
    """Cases in your jurisdiction, the most urgent first (earliest statutory deadline; cases
    without one last). Open cases unless ``status`` says otherwise."""
    filters = selectors.QueueFilters(
        status=params.status,
        due=params.due,
        region=params.region,
        agency=params.agency.upper(),
        election=params.election,
        violation=params.violation.upper(),
    )
    page = selectors.queue_page(_user(request), filters, page=params.page, per_page=params.per_page)
    return Status(
        200,
        CasePageOut(
            page=page.page,
            has_next=page.has_next,
            results=[
                CaseRowOut(
                    code=r.case.code,
                    status=r.case.status,
                    election=r.case.election.name,
                    incident_region=r.case.incident_region_id,
                    jurisdiction_code=r.case.jurisdiction_code,
                    received_at=r.case.received_at,
                    due_on=r.case.due_on,
                    deadline_rule=r.case.deadline_rule,
                    days_left=r.days_left,
                    overdue=r.overdue,
                )
                for r in page.rows
            ],
        ),
    )


@router.get("/cases/{code}", response={200: CaseOut, **ERRORS}, summary="One case")
def get_case(request: HttpRequest, code: str) -> Any:
    case = _case_or_404(request, code)
    if case is None:
        return Status(404, {"detail": _("No case %(code)s in your jurisdiction.") % {"code": code}})
    return Status(200, _case_out(case))


@router.post(
    "/cases/{code}/transitions",
    response={200: CaseOut, **ERRORS},
    summary="A workflow step",
    openapi_extra=_examples(TRANSITION_EXAMPLES),
)
def transition(request: HttpRequest, code: str, payload: TransitionIn) -> Any:
    """Allowed steps by status are in ``allowed_actions`` of the case (docs/case-handling.md)."""
    inputs = services.Inputs(
        reason=payload.reason, forwarded_on=payload.forwarded_on, note=payload.note
    )
    return _perform(request, code, payload.action, inputs)


@router.post(
    "/cases/{code}/decision",
    response={200: CaseOut, **ERRORS},
    summary="The plenary decision",
    openapi_extra=_examples(DECISION_EXAMPLES),
)
def decide(request: HttpRequest, code: str, payload: DecisionIn) -> Any:
    """One finding per reported person (``persons[].id`` of the case). Violation codes are looked
    up in the catalogue version in force on ``decided_on``; criminal article codes (PID-..) of the
    case's election kind send it to Gakkumdu as well."""
    case = _case_or_404(request, code)
    by_nip = dict(case.reported_persons.exclude(nip="").values_list("nip", "pk")) if case else {}
    inputs = services.Inputs(
        decided_on=payload.decided_on,
        reason=payload.reason,
        findings=[
            services.Finding(
                person_id=f.person_id or by_nip.get(f.nip, 0),
                proven=f.proven,
                violation_codes=tuple(c.upper() for c in f.violation_codes),
                criminal_codes=tuple(c.upper() for c in f.criminal_codes),
                reasoning=f.reasoning,
            )
            for f in payload.findings
        ],
    )
    return _perform(request, code, "decide", inputs)


@router.post(
    "/cases/{code}/hand-over",
    response={200: CaseOut, **ERRORS},
    summary="Hand the case up or down a level",
    openapi_extra=_examples(HAND_OVER_EXAMPLES),
)
def hand_over(request: HttpRequest, code: str, payload: HandOverIn) -> Any:
    inputs = services.Inputs(
        direction=payload.direction, to_code=payload.to_code, reason=payload.reason
    )
    return _perform(request, code, "hand_over", inputs)


@router.post(
    "/cases/{code}/merge",
    response={200: CaseOut, **ERRORS},
    summary="Merge duplicate cases into this one",
    openapi_extra=_examples(MERGE_EXAMPLES),
)
def merge(request: HttpRequest, code: str, payload: MergeIn) -> Any:
    inputs = services.Inputs(other_codes=payload.other_codes, reason=payload.reason)
    return _perform(request, code, "merge", inputs)


@router.post(
    "/cases/{code}/split",
    response={200: CaseOut, **ERRORS},
    summary="Split reports or persons into a new case (returns the new case)",
    openapi_extra=_examples(SPLIT_EXAMPLES),
)
def split(request: HttpRequest, code: str, payload: SplitIn) -> Any:
    case = _case_or_404(request, code)
    by_nip = dict(case.reported_persons.exclude(nip="").values_list("nip", "pk")) if case else {}
    inputs = services.Inputs(
        report_ids=payload.report_ids,
        person_ids=payload.person_ids + [by_nip.get(n, 0) for n in payload.person_nips],
        reason=payload.reason,
        summary=payload.summary,
    )
    return _perform(request, code, "split", inputs)
