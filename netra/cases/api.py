"""Case handling API for Bawaslu staff: the queue (scoped, filtered, most urgent first) and every
workflow step. Bearer token (``manage.py create_api_token USER``) or the staff session.

Every error has one shape, ``{"detail": "..."}``, except request validation (422), which lists the
fields. Illegal workflow steps answer 409 with the steps that are possible now.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.security import django_auth

from netra.accounts.api_auth import BearerToken

from . import actions, deadlines, selectors, services, workflow
from .api_schemas import (
    ERRORS,
    ActionOut,
    CaseOut,
    CasePageOut,
    CaseRowOut,
    DeadlineOut,
    DecisionIn,
    HandOverIn,
    MergeIn,
    PersonOut,
    QueueIn,
    SplitIn,
    TransitionIn,
)
from .models import Case
from .submissions import submissions
from .workflow import CaseError

router = Router(tags=["case handling"], auth=[BearerToken(), django_auth])

# The request examples run on the demo world of `bin/run`; they are data (data/api_examples.toml),
# replayed by tests/test_api_examples.py.
EXAMPLES = tomllib.loads((Path(__file__).parent / "data" / "api_examples.toml").read_text("utf-8"))
DEMO_CASES: dict[str, str] = EXAMPLES["cases"]
TRANSITION_EXAMPLES: dict[str, dict[str, Any]] = EXAMPLES["transitions"]
DECISION_EXAMPLES: dict[str, dict[str, Any]] = EXAMPLES["decision"]
HAND_OVER_EXAMPLES: dict[str, dict[str, Any]] = EXAMPLES["hand-over"]
MERGE_EXAMPLES: dict[str, dict[str, Any]] = EXAMPLES["merge"]
SPLIT_EXAMPLES: dict[str, dict[str, Any]] = EXAMPLES["split"]


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
        title=deadline.rule.label,
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
        report_ids=sorted(r.pk for r in submissions().of_case(case)),
    )


def _perform(request: HttpRequest, code: str, action: str, inputs: actions.Inputs) -> Any:
    case = _case_or_404(request, code)
    if case is None:
        return Status(404, {"detail": _("No case %(code)s in your jurisdiction.") % {"code": code}})
    try:
        result = actions.perform(action, case=case, actor=_user(request), inputs=inputs)
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
    inputs = actions.Inputs(
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
    inputs = actions.Inputs(
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
    inputs = actions.Inputs(
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
    inputs = actions.Inputs(other_codes=payload.other_codes, reason=payload.reason)
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
    inputs = actions.Inputs(
        report_ids=payload.report_ids,
        person_ids=payload.person_ids + [by_nip.get(n, 0) for n in payload.person_nips],
        reason=payload.reason,
        summary=payload.summary,
    )
    return _perform(request, code, "split", inputs)
