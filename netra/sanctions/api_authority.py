"""The civil-service authority's staff API, at /api/v1/sanctions/authority/…: its inbox, and the
recommendation, block, escalation and contest answer — the same services as the pages. Bearer token
(``manage.py create_api_token USER``) of an analyst, or the staff session.

Errors have one shape, ``{"detail": "..."}`` in the request's language (Indonesian by default):
400 bad input (a sanction the catalogue does not allow, a date in the future, …), 403 not an analyst
or another authority's file, 404 no such person or recommendation in your authority's files, 409 the
step does not fit the file (a second recommendation, a block twice, an escalation before rule A5's
period, a block before the PPK's time has run out); 422 lists invalid fields.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.security import django_auth

from netra.accounts.api_auth import BearerToken
from netra.cases.api_schemas import ERRORS
from netra.cases.models import ReportedPerson
from netra.cases.workflow import CaseError
from netra.reference.models import SanctionType

from . import selectors_authority as inbox
from .api_authority_schemas import (
    BlockIn,
    ContestAnswerIn,
    EscalationIn,
    ForwardOut,
    ForwardPageOut,
    Id,
    InboxIn,
    PersonToRecommendOut,
    RecommendationOut,
    RecommendationPageOut,
    RecommendationsIn,
    RecommendIn,
)
from .models import Block, Recommendation
from .permissions_authority import authority_cases, authority_recommendations, is_analyst
from .services import enforcement, recommending

router = Router(tags=["sanctions: civil-service authority"], auth=[BearerToken(), django_auth])


def _examples(**examples: dict[str, Any]) -> dict[str, Any]:
    return {
        "requestBody": {
            "content": {
                "application/json": {
                    "examples": {
                        name: {"summary": name.replace("_", " "), "value": value}
                        for name, value in examples.items()
                    }
                }
            }
        }
    }


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]  # set by ninja's authentication


def _denied() -> Status:
    return Status(403, {"detail": _("Only an analyst of the civil-service authority can do this.")})


def _blocked(rec: Recommendation) -> bool:
    annotated = getattr(rec, "has_block", None)  # the inbox selector annotates it
    if annotated is not None:
        return bool(annotated)
    return Block.objects.filter(recommendation=rec, lifted_on__isnull=True).exists()


def _recommendation_out(rec: Recommendation) -> RecommendationOut:
    return RecommendationOut(
        id=rec.pk,
        number=rec.number,
        case=rec.case.code,
        person=rec.reported_person.name,
        agency=rec.agency.code,
        status=rec.status,
        route=rec.route,
        level=rec.recommended_level,
        sanction=rec.recommended_sanction.code if rec.recommended_sanction else None,
        issued_on=rec.issued_on,
        due_on=rec.due_on,
        overdue_since=rec.overdue_since,
        blocked=_blocked(rec),
        report_to=rec.report_to.code if rec.report_to else None,
        letter_token=rec.letter.token if rec.letter else None,
    )


def _ours(request: HttpRequest, pk: int) -> Recommendation | None:
    return (
        authority_recommendations(_user(request))
        .select_related("case", "agency", "reported_person", "recommended_sanction", "letter")
        .filter(pk=pk)
        .first()
    )


def _run(request: HttpRequest, pk: int, perform: Any) -> Any:
    if not is_analyst(_user(request)):
        return _denied()
    rec = _ours(request, pk)
    if rec is None:
        return Status(404, {"detail": _("No such recommendation in your authority's files.")})
    try:
        perform(rec)
    except CaseError as error:
        return Status(error.status_code, {"detail": error.message})
    refreshed = _ours(request, pk)
    assert refreshed is not None
    return Status(200, _recommendation_out(refreshed))


@router.get(
    "/authority/forwards", response={200: ForwardPageOut, **ERRORS}, summary="Cases to recommend"
)
def list_forwards(request: HttpRequest, params: Query[InboxIn]) -> Any:
    """Forwarded cases of your authority with proven persons still lacking a recommendation,
    oldest forward first (rule A1, a service level)."""
    if not is_analyst(_user(request)):
        return _denied()
    page = inbox.forwards_to_recommend(_user(request), page=params.page)
    results = [
        ForwardOut(
            case=row.case.code,
            election=row.case.election.name,
            forwarded_on=row.forwarding.forwarded_on,
            days_since_forward=row.elapsed_days,
            service_level_days=row.deadline.rule.value if row.deadline else None,
            persons=[
                PersonToRecommendOut(
                    id=p.pk,
                    name=p.name,
                    agency=p.agency.code if p.agency else None,
                    category=p.category,
                )
                for p in row.persons
            ],
        )
        for row in page.rows
    ]
    return Status(200, ForwardPageOut(page=page.page, has_next=page.has_next, results=results))


@router.get(
    "/authority/recommendations",
    response={200: RecommendationPageOut, **ERRORS},
    summary="Recommendations by state",
)
def list_recommendations(request: HttpRequest, params: Query[RecommendationsIn]) -> Any:
    """Recommendations your authority follows up: awaiting the PPK, overdue, blocked, escalated or
    contested; earliest due day first."""
    if not is_analyst(_user(request)):
        return _denied()
    page = inbox.recommendation_page(_user(request), params.tab, page=params.page)
    results = [_recommendation_out(r) for r in page.rows]
    return Status(
        200, RecommendationPageOut(page=page.page, has_next=page.has_next, results=results)
    )


@router.post(
    "/authority/persons/{person_id}/recommendation",
    response={200: RecommendationOut, **ERRORS},
    summary="Issue the recommendation for a proven person",
    openapi_extra=_examples(
        heavy_discipline={
            "level": "berat",
            "sanction": "HD-B1",
            "reasoning": "Terbukti mengunggah dukungan kepada pasangan calon (DS-01).",
        },
        level_only={"level": "berat", "reasoning": "Terbukti; bentuk sanksi ditetapkan PPK."},
    ),
)
def recommend(request: HttpRequest, person_id: Id, payload: RecommendIn) -> Any:
    """Only a level and form the catalogue allows for the person's violations, kind of employee,
    position and earlier proven violations; a non-ASN person or village head is referred to their
    own authority instead (status ``referred``). The letter's QR code leads to /verify/."""
    user = _user(request)
    if not is_analyst(user):
        return _denied()
    person = (
        ReportedPerson.objects.filter(pk=person_id, case__in=authority_cases(user))
        .select_related("employee", "agency")
        .first()
    )
    if person is None:
        return Status(404, {"detail": _("No such person in your authority's files.")})
    sanction = None
    if payload.sanction:
        sanction = SanctionType.objects.filter(code=payload.sanction.upper()).first()
        if sanction is None:
            return Status(400, {"detail": _("Unknown sanction type.")})
    try:
        rec = recommending.issue_recommendation(
            person=person,
            actor=user,
            level=payload.level,
            sanction_type=sanction,
            reasoning=payload.reasoning,
            issued_on=payload.issued_on,
        )
    except CaseError as error:
        return Status(error.status_code, {"detail": error.message})
    return Status(200, _recommendation_out(rec))


@router.post(
    "/authority/recommendations/{rec_id}/block",
    response={200: RecommendationOut, **ERRORS},
    summary="Record the block of the employee's personnel data",
    openapi_extra=_examples(
        block={"blocked_on": "2024-12-02", "letter_number": "B-1234/BKN/XII/2024"}
    ),
)
def block(request: HttpRequest, rec_id: Id, payload: BlockIn) -> Any:
    """Only once the PPK's time (rule A2) has run out, and one active block at a time."""
    return _run(
        request,
        rec_id,
        lambda rec: enforcement.block_personnel_data(
            recommendation=rec,
            actor=_user(request),
            blocked_on=payload.blocked_on,
            letter_number=payload.letter_number,
        ),
    )


@router.post(
    "/authority/recommendations/{rec_id}/escalation",
    response={200: RecommendationOut, **ERRORS},
    summary="Escalate to the ministry",
    openapi_extra=_examples(today={}, addressed={"addressed_to": "Menteri Dalam Negeri"}),
)
def escalate(request: HttpRequest, rec_id: Id, payload: EscalationIn) -> Any:
    """After a block and rule A5's period from it; a letter is issued and the recommendation
    becomes ``escalated``."""
    return _run(
        request,
        rec_id,
        lambda rec: enforcement.escalate_recommendation(
            recommendation=rec,
            actor=_user(request),
            escalated_on=payload.escalated_on or timezone.localdate(),
            addressed_to=payload.addressed_to,
        ),
    )


@router.post(
    "/authority/recommendations/{rec_id}/contest-answer",
    response={200: RecommendationOut, **ERRORS},
    summary="Answer the PPK's contest",
    openapi_extra=_examples(
        maintain={"decision": "maintain", "answer": "Alasan keberatan tidak beralasan."},
        withdraw={"decision": "withdraw", "answer": "Yang bersangkutan bukan terlapor."},
    ),
)
def answer_contest(request: HttpRequest, rec_id: Id, payload: ContestAnswerIn) -> Any:
    """Maintain (back to ``issued`` with a new due day, rule A2) or withdraw (settled)."""
    return _run(
        request,
        rec_id,
        lambda rec: enforcement.answer_contest(
            recommendation=rec,
            actor=_user(request),
            decision=payload.decision,
            answer=payload.answer,
        ),
    )
