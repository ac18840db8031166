"""The PPK's staff API under /api/v1/sanctions/ppk/: the agency's recommendations, recording the
decree (multipart: the fields and the PDF scan in one request) and contesting. Bearer token
(``manage.py create_api_token USER``) or the staff session of an agency personnel officer.

Every error is ``{"detail": "..."}`` (422 lists the fields): 403 for another role, 404 for a
recommendation of another agency (as if it did not exist), 400 for bad input, 409 when the
recommendation no longer takes the step (a second decree, a decree after a contest).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile
from ninja.security import django_auth

from netra.accounts.api_auth import BearerToken
from netra.cases.models import CaseStatus
from netra.cases.workflow import CaseError
from netra.reference.models import SanctionType

from . import selectors_ppk as selectors
from .api_schemas_ppk import (
    CONTEST_OPENAPI,
    ERRORS,
    SANCTION_OPENAPI,
    ContestIn,
    ContestOut,
    InboxIn,
    InboxOut,
    RecommendationOut,
    SanctionIn,
    SanctionOut,
)
from .models import Recommendation
from .services.responses import contest_recommendation, record_sanction

router = Router(tags=["sanctions: agency personnel (PPK)"], auth=[BearerToken(), django_auth])


def _ppk(request: HttpRequest) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    return user if selectors.is_ppk(user) else None


def _forbidden() -> Status:
    return Status(403, {"detail": _("Only an agency's personnel officer (PPK) can do this.")})


def _not_found(ref: Any) -> Status:
    return Status(
        404, {"detail": _("No recommendation %(ref)s addressed to your agency.") % {"ref": ref}}
    )


def _row(r: Recommendation, today: Any) -> RecommendationOut:
    person, wanted = r.reported_person, r.recommended_sanction
    return RecommendationOut(
        id=r.pk,
        number=r.number,
        status=r.status,
        status_label=str(r.get_status_display()),
        blocked=bool(getattr(r, "blocked", False)),
        issued_on=r.issued_on,
        due_on=r.due_on,
        overdue=bool(r.due_on and r.due_on < today and r.status in selectors.OPEN),
        person_name=person.name,
        person_nip=person.nip,
        person_position=person.position_title,
        recommended_level=r.recommended_level,
        recommended_level_label=str(r.get_recommended_level_display()),
        recommended_sanction=wanted.code if wanted else None,
        recommended_sanction_label=wanted.label if wanted else None,
        article=wanted.legal_basis if wanted else None,
        settled_at=r.settled_at,
    )


@router.get("/ppk/recommendations", response={200: InboxOut, **ERRORS}, summary="The PPK's inbox")
def list_recommendations(request: HttpRequest, params: Query[InboxIn]) -> Any:
    """Recommendations for your agency's employees: open ones by due date (overdue first), or the
    settled ones, newest first; 25 a page."""
    user = _ppk(request)
    if user is None:
        return _forbidden()
    box = selectors.inbox(user, page=params.page, done_page=params.page)
    page = box.open if params.state == "open" else box.done
    today = timezone.localdate()
    return Status(
        200,
        InboxOut(
            page=page.number,
            pages=page.paginator.num_pages,
            count=page.paginator.count,
            results=[_row(r, today) for r in page.object_list],
        ),
    )


def _recommendation(request: HttpRequest, rec_id: int) -> Recommendation | Status:
    user = _ppk(request)
    if user is None:
        return _forbidden()
    try:
        return selectors.recommendation_for_ppk(user, str(rec_id))
    except Http404:
        return _not_found(rec_id)


@router.post(
    "/ppk/recommendations/{rec_id}/sanction",
    response={200: SanctionOut, **ERRORS},
    summary="Record the decree",
    openapi_extra=SANCTION_OPENAPI,
)
def record(
    request: HttpRequest,
    rec_id: int,
    payload: Form[SanctionIn],
    decree_scan: File[UploadedFile],
) -> Any:
    """The decree imposing the sanction, with its scan as PDF (checked by content, at most
    ``NETRA_DECREE_MAX_BYTES``). A sanction the catalogue does not allow for the violations, or
    that does not exist for the employee's kind, is refused (400); a lighter one than recommended
    needs ``reason`` and is flagged for the authority (UU 5/2014 Pasal 32 ayat 3)."""
    rec = _recommendation(request, rec_id)
    if isinstance(rec, Status):
        return rec
    code = payload.sanction.strip().upper()
    if not code:
        return Status(400, {"detail": _("Choose the sanction the decree imposes.")})
    sanction_type = SanctionType.objects.filter(code=code).first()
    if sanction_type is None:
        return Status(400, {"detail": _("Unknown sanction %(code)s.") % {"code": payload.sanction}})
    try:
        sanction = record_sanction(
            recommendation=rec,
            actor=request.auth,  # type: ignore[attr-defined]
            sanction_type=sanction_type,
            decree_number=payload.decree_number,
            imposed_on=payload.imposed_on,
            decree_scan=decree_scan,
            reason=payload.reason,
        )
    except PermissionDenied:
        return _forbidden()
    except CaseError as refused:  # a refusal of this step or of the case close it triggers
        return Status(refused.status_code, {"detail": refused.message})
    rec.refresh_from_db()
    rec.case.refresh_from_db()
    return Status(
        200,
        SanctionOut(
            recommendation=rec.number,
            status=rec.status,
            sanction=sanction_type.code,
            decree_number=sanction.decree_number,
            imposed_on=sanction.imposed_on,
            decree_sha256=sanction.decree_sha256,
            flag=sanction.flag,
            flag_note=sanction.flag_note,
            case_closed=rec.case.status == CaseStatus.CLOSED,
        ),
    )


@router.post(
    "/ppk/recommendations/{rec_id}/contest",
    response={200: ContestOut, **ERRORS},
    summary="Contest the recommendation",
    openapi_extra=CONTEST_OPENAPI,
)
def contest(request: HttpRequest, rec_id: int, payload: ContestIn) -> Any:
    """An objection with reasons, once, before any decree; the authority answers it."""
    rec = _recommendation(request, rec_id)
    if isinstance(rec, Status):
        return rec
    try:
        row = contest_recommendation(
            recommendation=rec,
            actor=request.auth,  # type: ignore[attr-defined]
            reasons=payload.reasons,
        )
    except PermissionDenied:
        return _forbidden()
    except CaseError as refused:  # a refusal of this step or of the case close it triggers
        return Status(refused.status_code, {"detail": refused.message})
    return Status(
        200,
        ContestOut(
            recommendation=rec.number,
            status=Recommendation.Status.CONTESTED,
            reasons=row.reasons,
            recorded_at=row.recorded_at,
        ),
    )
