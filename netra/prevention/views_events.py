"""Staff pages for socialization events: planning, materials, the door and online screens, the
kiosk, attendance per agency and employee, quiz scores, the event report (PDF)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import codes, documents, selectors, workflow
from .forms import EventForm, MaterialForm
from .models import AttendanceMethod, EventMaterial, SocializationEvent
from .permissions import can_manage, can_manage_event, can_view_event, sees_names
from .services import events
from .views_pacts import _own_agency
from .views_public import _check_in
from .workflow import PreventionError


def _event(request: HttpRequest, code: str) -> SocializationEvent:
    event = get_object_or_404(
        SocializationEvent.objects.select_related("agency", "election"), code=code
    )
    if not can_view_event(request.user, event):
        raise Http404
    return event


def _lines(rows: list[dict], first: str, second: str) -> str:
    return "\n".join(f"{r.get(first, '')} | {r.get(second, '')}" for r in rows)


def _input(form: EventForm) -> events.EventInput:
    d = form.cleaned_data
    unit, position_class = d["invite_unit"].strip(), d["invite_class"]
    return events.EventInput(
        election=d["election"], title=d["title"], mode=d["mode"], starts_at=d["starts_at"],
        ends_at=d["ends_at"], venue=d["venue"], meeting_url=d["meeting_url"],
        description=d["description"], moderator=d["moderator"], organisers=form.organiser_rows(),
        speakers=form.speaker_rows(),
        invites=[(a, unit, position_class) for a in d["invite_agencies"]],
    )  # fmt: skip


@login_required
def event_form(request: HttpRequest, code: str | None = None) -> HttpResponse:
    agency = _own_agency(request)
    event = _event(request, code) if code else None
    if not can_manage(request.user, event.agency if event else agency):
        raise PermissionDenied
    initial: dict = {"mode": "hybrid", "invite_agencies": [agency.code] if agency else []}
    if event:
        initial = {f: getattr(event, f) for f in ("title", "mode", "starts_at", "ends_at", "venue",
                                                  "meeting_url", "moderator", "description")}  # fmt: skip
        initial.update(
            election=event.election.code,
            organisers=_lines(event.organisers, "kind", "name"),
            speakers=_lines(event.speakers, "name", "role"),
            invite_agencies=[i.agency.code for i in event.invites.select_related("agency")],
        )
    form = EventForm(request.POST or None, agency=agency, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = events.save_event(
                    actor=request.user, agency=agency, data=_input(form), event=event
                )
                return redirect("prevention:event", code=saved.code)
            except PreventionError as error:
                form.add_error(None, error.message)
                status = error.status_code
    return render(
        request, "prevention/staff/event_form.html", {"form": form, "event": event}, status=status
    )


@login_required
def event_detail(request: HttpRequest, code: str) -> HttpResponse:
    event = _event(request, code)
    manage = can_manage_event(request.user, event)
    context = {
        "event": event,
        "manage": manage,
        "actions": [a.name for a in workflow.allowed_event_actions(event.status)] if manage else [],
        "invites": event.invites.select_related("agency"),
        "materials": event.materials.order_by("uploaded_at"),
        "by_agency": selectors.attendance_by_agency(event),
        "names": sees_names(request.user, event.agency_id),
        "attendees": selectors.attendees(event)[:500],
        "quiz": selectors.quiz_scores(SocializationEvent.objects.filter(pk=event.pk)),
        "material_form": MaterialForm(),
        "checkin_url": documents.public_url("prevention:checkin-online", event.code),
        "quiz_url": documents.public_url("prevention:quiz", event.code),
    }
    if not context["names"]:
        context["attendees"] = []
    return render(request, "prevention/staff/event.html", context)


EVENT_ACTIONS = {"schedule": events.schedule, "close": events.close, "cancel": events.cancel}


@login_required
@require_POST
def event_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    event = _event(request, code)
    if action not in EVENT_ACTIONS:
        raise Http404
    if not can_manage_event(request.user, event):
        raise PermissionDenied
    try:
        EVENT_ACTIONS[action](actor=request.user, event=event)
        messages.success(
            request, _("Done: %(action)s.") % {"action": workflow.EVENT_ACTIONS[action].label}
        )
    except PreventionError as error:
        messages.error(request, error.message)
    return redirect("prevention:event", code=event.code)


@login_required
@require_POST
def add_material(request: HttpRequest, code: str) -> HttpResponse:
    event = _event(request, code)
    form = MaterialForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Give the material a title, and a file or a link."))
        return redirect("prevention:event", code=event.code)
    try:
        events.add_material(actor=request.user, event=event, title=form.cleaned_data["title"],
                            upload=form.cleaned_data["file"], url=form.cleaned_data["url"])  # fmt: skip
    except PreventionError as error:
        context = {"event": event, "error": error.message}
        return render(
            request, "prevention/staff/material_refused.html", context, status=error.status_code
        )
    messages.success(request, _("The material is added."))
    return redirect("prevention:event", code=event.code)


@login_required
def material(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """Materials are served only to those who may see the event, never from a public path."""
    event = _event(request, code)
    item = get_object_or_404(EventMaterial, pk=pk, event=event)
    if not item.file:
        raise Http404
    response = FileResponse(item.file.open("rb"), content_type=item.content_type, as_attachment=True,
                            filename=f"{item.title[:60]}.{item.extension}")  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def screen(request: HttpRequest, code: str) -> HttpResponse:
    """For the screen at the door or shared in the meeting: the door QR code (changes every 30
    seconds) and the online session code (every 10 minutes)."""
    event = _event(request, code)
    if not can_manage_event(request.user, event):
        raise PermissionDenied
    door = (
        documents.public_url("prevention:checkin", event.code)
        + "?t="
        + codes.qr_token(event.door_secret)
    )
    context = {"event": event, "door_url": door, "door_qr": documents.qr_svg(door, scale=8),
               "session_code": codes.session_code(event.online_secret),
               "online_url": documents.public_url("prevention:checkin-online", event.code)}  # fmt: skip
    template = (
        "prevention/staff/screen_codes.html"
        if getattr(request, "htmx", False)
        else "prevention/staff/screen.html"
    )
    return render(request, template, context)


@login_required
def kiosk(request: HttpRequest, code: str) -> HttpResponse:
    event = _event(request, code)
    if not can_manage_event(request.user, event):
        raise PermissionDenied
    return _check_in(request, code, AttendanceMethod.KIOSK, "prevention/staff/kiosk.html")


@login_required
def report_pdf(request: HttpRequest, code: str) -> HttpResponse:
    event = _event(request, code)
    if not sees_names(request.user, event.agency_id):
        raise PermissionDenied
    body = documents.pdf(
        "prevention/pdf/event_report.html",
        {"event": event, "invites": event.invites.select_related("agency"),
         "materials": event.materials.order_by("uploaded_at"),
         "by_agency": selectors.attendance_by_agency(event), "attendees": selectors.attendees(event),
         "quiz": selectors.quiz_scores(SocializationEvent.objects.filter(pk=event.pk)),
         "generated_at": timezone.now()},
    )  # fmt: skip
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="laporan-acara-{event.code}.pdf"'
    return response
