"""Staff API for pacts and events: lists scoped to the user, coverage and attendance, creating drafts
and the workflow steps. Bearer token (``manage.py create_api_token USER``) or the staff session.
The same services as the pages; errors ``{"detail": "..."}`` (409 for a step not possible now).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth
from pydantic import ConfigDict

from netra.reference.models import Election
from netra.registry.models import Agency

from . import selectors, workflow
from .auth import BearerToken
from .models import IntegrityPact, SocializationEvent
from .permissions import can_manage_event, can_manage_pact, visible_events
from .services import distribution, events, pacts
from .services.coverage import recount
from .workflow import PreventionError

router = Router(tags=["prevention (staff)"], auth=[BearerToken(), django_auth])

# The examples work on the demo world of `bin/run` with a token of `admin.samarinda`
# (test_api_staff.py replays them).
PACT_EXAMPLE = {
    "election": "pemilu-2024", "opens_on": "2027-01-04", "closes_on": "2027-02-26",
    "second_factor": "paper", "leaders_first": True, "units": [], "position_classes": [],
}  # fmt: skip
PACT_ACTION_EXAMPLES = {
    "smd-draft": {"action": "publish"},
    "smd-penguatan": {"action": "close"},
}
EVENT_EXAMPLE = {
    "election": "pemilu-2024", "title": "Sosialisasi Netralitas ASN untuk kecamatan", "mode": "hybrid",
    "starts_at": "2027-01-12T09:00:00+08:00", "ends_at": "2027-01-12T12:00:00+08:00",
    "venue": "Aula Kantor Camat Samarinda Ulu", "meeting_url": "https://meet.example/smd-kecamatan",
    "organisers": [{"kind": "bawaslu", "name": "Bawaslu Kota Samarinda"}],
    "speakers": [{"name": "Komisioner KPU Kota Samarinda", "role": "KPU"}], "moderator": "Camat",
    "invites": [{"agency": "PEMKOT-64.72", "unit": "", "position_class": ""}],
}  # fmt: skip
EVENT_ACTION_EXAMPLES = {"smd-draft": {"action": "schedule"}}


class ErrorOut(Schema):
    detail: str


ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: Any,
}


class CoverageOut(Schema):
    key: str = Field(description="A unit, or a region code")
    required: int
    signed: int
    not_yet: int


class PactOut(Schema):
    code: str
    title: str
    agency: str
    election: str
    status: str
    second_factor: str
    leaders_first: bool
    opens_on: dt.date
    closes_on: dt.date
    required: int
    signed: int
    not_required: int
    allowed_actions: list[str]


class PactDetailOut(PactOut):
    body: str
    sign_url: str
    by_unit: list[CoverageOut]
    by_region: list[CoverageOut]


class PactIn(Schema):
    model_config = ConfigDict(extra="forbid")
    election: str = Field(max_length=30)
    opens_on: dt.date
    closes_on: dt.date
    second_factor: Literal["email", "paper"] = "email"
    leaders_first: bool = False
    units: list[str] = Field(default_factory=list, max_length=200)
    position_classes: list[str] = Field(default_factory=list, max_length=6)
    title: str = Field("", max_length=200)
    body: str = Field("", max_length=4000)


class PactActionIn(Schema):
    model_config = ConfigDict(extra="forbid")
    action: Literal["publish", "open_to_all", "close", "recount", "remind"]


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _rows(rows) -> list[CoverageOut]:
    return [
        CoverageOut(key=r.key, required=r.required, signed=r.signed, not_yet=r.not_yet)
        for r in rows
    ]


def _pact_out(request: HttpRequest, pact: IntegrityPact, detail: bool = False) -> PactOut:
    from . import documents

    manage = can_manage_pact(_user(request), pact)
    fields: dict[str, Any] = dict(
        code=pact.code, title=pact.title, agency=pact.agency.code, election=pact.election.code,
        status=pact.status, second_factor=pact.second_factor, leaders_first=pact.leaders_first,
        opens_on=pact.opens_on, closes_on=pact.closes_on, required=getattr(pact, "required", 0),
        signed=getattr(pact, "signed", 0), not_required=pact.not_required,
        allowed_actions=[a.name for a in workflow.allowed_pact_actions(pact.status)] if manage else [],
    )  # fmt: skip
    if not detail:
        return PactOut(**fields)
    return PactDetailOut(**fields, body=pact.body, sign_url=documents.public_url("prevention:sign", pact.code),
                         by_unit=_rows(selectors.pact_coverage(pact, by="unit")),
                         by_region=_rows(selectors.pact_coverage(pact, by="region")))  # fmt: skip


def _pact(request: HttpRequest, code: str) -> IntegrityPact | None:
    return selectors.pacts_with_coverage(_user(request)).filter(code=code).first()


@router.get("/pacts", response={200: list[PactOut], **ERRORS}, summary="Pacts you may see")
def list_pacts(request: HttpRequest) -> Any:
    return [_pact_out(request, p) for p in selectors.pacts_with_coverage(_user(request))[:200]]


@router.get(
    "/pacts/{code}", response={200: PactDetailOut, **ERRORS}, summary="A pact and its coverage"
)
def get_pact(request: HttpRequest, code: str) -> Any:
    pact = _pact(request, code)
    if pact is None:
        return Status(404, {"detail": "No such pact."})
    return _pact_out(request, pact, detail=True)


@router.post("/pacts", response={201: PactDetailOut, **ERRORS}, summary="A new draft pact",
             openapi_extra={"requestBody": {"content": {"application/json": {"example": PACT_EXAMPLE}}}})  # fmt: skip
def create_pact(request: HttpRequest, payload: PactIn) -> Any:
    """A draft for your agency (agency admins); the text comes from the agency's template unless given."""
    user = _user(request)
    election = Election.objects.filter(code=payload.election).first()
    if election is None or user.agency is None:
        return Status(400, {"detail": "Unknown election, or your account acts for no agency."})
    data = pacts.PactInput(election=election, **payload.dict(exclude={"election"}))
    try:
        pact = pacts.save_pact(actor=user, agency=user.agency, data=data)
    except PreventionError as error:
        return Status(error.status_code, {"detail": error.message})
    return Status(201, _pact_out(request, _pact(request, pact.code) or pact, detail=True))


PACT_STEPS = {
    "publish": pacts.publish, "open_to_all": pacts.open_to_all, "close": pacts.close,
    "remind": distribution.request_reminders,
    "recount": lambda *, actor, pact: recount(actor=actor, pact=pact),
}  # fmt: skip


@router.post("/pacts/{code}/actions", response={200: PactDetailOut, **ERRORS}, summary="A pact's workflow step",
             openapi_extra={"requestBody": {"content": {"application/json": {"examples": {
                 k: {"summary": f"{v['action']} {k}", "value": v} for k, v in PACT_ACTION_EXAMPLES.items()}}}}})  # fmt: skip
def pact_action(request: HttpRequest, code: str, payload: PactActionIn) -> Any:
    pact = _pact(request, code)
    if pact is None:
        return Status(404, {"detail": "No such pact."})
    try:
        if not can_manage_pact(_user(request), pact):
            raise PermissionDenied
        PACT_STEPS[payload.action](actor=_user(request), pact=pact)
    except PermissionDenied:
        return Status(403, {"detail": "Only the agency's admin runs its pacts."})
    except PreventionError as error:
        return Status(error.status_code, {"detail": error.message})
    return _pact_out(request, _pact(request, code), detail=True)  # type: ignore[arg-type]


class PersonIn(Schema):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(max_length=150)
    role: str = Field("", max_length=150)
    kind: str = Field("", max_length=20, description="organisers: agency, bawaslu, kpu, kesbangpol")


class InviteIn(Schema):
    model_config = ConfigDict(extra="forbid")
    agency: str = Field(max_length=30)
    unit: str = Field("", max_length=200)
    position_class: str = Field("", max_length=15)


class EventIn(Schema):
    model_config = ConfigDict(extra="forbid")
    election: str = Field(max_length=30)
    title: str = Field(max_length=200)
    mode: Literal["hall", "online", "hybrid"]
    starts_at: dt.datetime
    ends_at: dt.datetime
    venue: str = Field("", max_length=200)
    meeting_url: str = Field("", max_length=500)
    description: str = Field("", max_length=4000)
    moderator: str = Field("", max_length=150)
    organisers: list[PersonIn] = Field(default_factory=list, max_length=10)
    speakers: list[PersonIn] = Field(default_factory=list, max_length=20)
    invites: list[InviteIn] = Field(default_factory=list, max_length=700)


class AgencyAttendanceOut(Schema):
    agency: str
    hall: int
    online: int
    total: int


class EventOut(Schema):
    code: str
    title: str
    agency: str
    status: str
    mode: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    venue: str
    organisers: list[dict[str, str]]
    speakers: list[dict[str, str]]
    attendance: list[AgencyAttendanceOut]
    allowed_actions: list[str]


class EventActionIn(Schema):
    model_config = ConfigDict(extra="forbid")
    action: Literal["schedule", "close", "cancel"]


def _event_out(request: HttpRequest, event: SocializationEvent) -> EventOut:
    manage = can_manage_event(_user(request), event)
    return EventOut(
        code=event.code, title=event.title, agency=event.agency.code, status=event.status, mode=event.mode,
        starts_at=event.starts_at, ends_at=event.ends_at, venue=event.venue, organisers=event.organisers,
        speakers=event.speakers,
        attendance=[AgencyAttendanceOut(agency=a["agency__code"] or "", hall=a["in_hall"], online=a["remote"],
                                        total=a["total"]) for a in selectors.attendance_by_agency(event)],
        allowed_actions=[a.name for a in workflow.allowed_event_actions(event.status)] if manage else [],
    )  # fmt: skip


def _event(request: HttpRequest, code: str) -> SocializationEvent | None:
    return visible_events(_user(request)).select_related("agency").filter(code=code).first()


@router.get("/events", response={200: list[EventOut], **ERRORS}, summary="Events you may see")
def list_events(request: HttpRequest) -> Any:
    return [
        _event_out(request, e)
        for e in visible_events(_user(request)).select_related("agency")[:200]
    ]


@router.get(
    "/events/{code}", response={200: EventOut, **ERRORS}, summary="An event and its attendance"
)
def get_event(request: HttpRequest, code: str) -> Any:
    event = _event(request, code)
    return _event_out(request, event) if event else Status(404, {"detail": "No such event."})


@router.post("/events", response={201: EventOut, **ERRORS}, summary="A new draft event",
             openapi_extra={"requestBody": {"content": {"application/json": {"example": EVENT_EXAMPLE}}}})  # fmt: skip
def create_event(request: HttpRequest, payload: EventIn) -> Any:
    user = _user(request)
    election = Election.objects.filter(code=payload.election).first()
    agencies = {
        a.code: a for a in Agency.objects.filter(code__in=[i.agency for i in payload.invites])
    }
    if (
        election is None
        or user.agency is None
        or len(agencies) != len({i.agency for i in payload.invites})
    ):
        return Status(
            400, {"detail": "Unknown election or agency, or your account acts for no agency."}
        )
    data = events.EventInput(
        election=election, **payload.dict(exclude={"election", "organisers", "speakers", "invites"}),
        organisers=[{"kind": p.kind, "name": p.name, "role": p.role} for p in payload.organisers],
        speakers=[{"name": p.name, "role": p.role} for p in payload.speakers],
        invites=[(agencies[i.agency], i.unit, i.position_class) for i in payload.invites],
    )  # fmt: skip
    try:
        event = events.save_event(actor=user, agency=user.agency, data=data)
    except PreventionError as error:
        return Status(error.status_code, {"detail": error.message})
    return Status(201, _event_out(request, event))


@router.post("/events/{code}/actions", response={200: EventOut, **ERRORS}, summary="An event's workflow step",
             openapi_extra={"requestBody": {"content": {"application/json": {"examples": {
                 k: {"summary": f"{v['action']} {k}", "value": v} for k, v in EVENT_ACTION_EXAMPLES.items()}}}}})  # fmt: skip
def event_action(request: HttpRequest, code: str, payload: EventActionIn) -> Any:
    event = _event(request, code)
    if event is None:
        return Status(404, {"detail": "No such event."})
    steps = {"schedule": events.schedule, "close": events.close, "cancel": events.cancel}
    try:
        if not can_manage_event(_user(request), event):
            raise PermissionDenied
        steps[payload.action](actor=_user(request), event=event)
    except PermissionDenied:
        return Status(403, {"detail": "Only the agency's admin runs its events."})
    except PreventionError as error:
        return Status(error.status_code, {"detail": error.message})
    return _event_out(request, event)
