"""Socialization events: planning (organisers, speakers, hall or meeting link, invitations), the
materials (slides or PDF, checked by their content), closing with a final report, cancelling."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.audit.services import record
from netra.reference.models import Election
from netra.registry.models import Agency, PositionClass

from ..models import EventInvitation, EventMaterial, OrganiserKind, SocializationEvent
from ..workflow import PreventionError, event_transition
from .identify import MAX_TEXT, clean_text
from .pacts import require_manager

# Slides and PDFs only, recognised by their content, never by the name or the browser's word.
MATERIAL_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
_url = URLValidator(schemes=["https", "http"])


@dataclass
class EventInput:
    election: Election
    title: str
    mode: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    venue: str = ""
    meeting_url: str = ""
    description: str = ""
    moderator: str = ""
    organisers: list[dict[str, str]] = field(default_factory=list)
    speakers: list[dict[str, str]] = field(default_factory=list)
    # (agency, unit or "", position class or "")
    invites: list[tuple[Agency, str, str]] = field(default_factory=list)


def _clean(data: EventInput) -> None:
    data.title = clean_text(data.title, field=_("Title"))
    data.venue = clean_text(data.venue, field=_("Venue"), required=False)
    data.moderator = clean_text(
        data.moderator, field=_("Moderator"), max_length=150, required=False
    )
    data.description = clean_text(data.description, field=_("Description"), max_length=MAX_TEXT, required=False)  # fmt: skip
    data.meeting_url = clean_text(data.meeting_url, field=_("Meeting link"), max_length=500, required=False)  # fmt: skip
    if data.mode not in SocializationEvent.Mode.values:
        raise PreventionError(_("Choose where the event takes place."))
    if data.ends_at <= data.starts_at:
        raise PreventionError(_("The event must end after it starts."))
    if data.ends_at - data.starts_at > dt.timedelta(days=3):
        raise PreventionError(_("An event lasts at most three days."))
    if data.mode != SocializationEvent.Mode.ONLINE and not data.venue:
        raise PreventionError(_("An event in the hall needs a venue."))
    if data.mode != SocializationEvent.Mode.HALL:
        try:
            _url(data.meeting_url)
        except ValidationError as error:
            raise PreventionError(_("An online event needs a valid meeting link.")) from error
    for person in [*data.organisers, *data.speakers]:
        person["name"] = clean_text(person.get("name"), field=_("Name"), max_length=150)
        person["role"] = clean_text(person.get("role", ""), field=_("Role"), max_length=150, required=False)  # fmt: skip
    for organiser in data.organisers:
        if organiser.get("kind") not in OrganiserKind.values:
            raise PreventionError(_("Unknown kind of organiser."))
    for _agency, unit, position_class in data.invites:
        clean_text(unit, field=_("Unit"), required=False)
        if position_class and position_class not in PositionClass.values:
            raise PreventionError(_("Unknown position class: %(c)s.") % {"c": position_class})


def save_event(
    *, actor, agency: Agency, data: EventInput, event: SocializationEvent | None = None
) -> SocializationEvent:
    """Plan a new event (a draft) or change one that has not been closed."""
    require_manager(actor, agency.pk)
    if event is not None:
        event_transition(event.status, "edit")
    _clean(data)
    with transaction.atomic():
        created = event is None
        event = event or SocializationEvent(agency=agency, created_by=actor)
        for name in ("election", "title", "mode", "starts_at", "ends_at", "venue", "meeting_url",
                     "description", "moderator", "organisers", "speakers"):  # fmt: skip
            setattr(event, name, getattr(data, name))
        event.save()
        event.invites.all().delete()
        EventInvitation.objects.bulk_create(
            {
                (a.pk, u, c): EventInvitation(event=event, agency=a, unit=u, position_class=c)
                for a, u, c in data.invites
            }.values()  # fmt: skip
        )
        record(actor=actor, action="event.created" if created else "event.edited", target=event)
    return event


def schedule(*, actor, event: SocializationEvent) -> SocializationEvent:
    if not event.invites.exists():
        raise PreventionError(_("Invite at least one agency before scheduling the event."))
    return _move(actor, event, "schedule")


def close(*, actor, event: SocializationEvent, now=None) -> SocializationEvent:
    now = now or timezone.now()
    if event.ends_at and now < event.ends_at:
        raise PreventionError(_("The event has not ended yet."), status_code=409)
    return _move(actor, event, "close", closed_at=now)


def cancel(*, actor, event: SocializationEvent) -> SocializationEvent:
    return _move(actor, event, "cancel")


def _move(actor, event: SocializationEvent, action: str, **changes) -> SocializationEvent:
    require_manager(actor, event.agency_id)
    target = event_transition(event.status, action)
    with transaction.atomic():
        event.status = target
        for name, value in changes.items():
            setattr(event, name, value)
        event.save(update_fields=["status", *changes])
        record(actor=actor, action=f"event.{action}", target=event)
    return event


def _sniff(upload: UploadedFile) -> str:
    upload.seek(0)
    head = upload.read(65536)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else ""
    if mime not in MATERIAL_TYPES:
        raise PreventionError(
            _("Only slides (PPTX, PPT, ODP) or PDF files can be uploaded; this file is not one."),
            status_code=415,
        )
    return mime


def add_material(
    *,
    actor,
    event: SocializationEvent,
    title: str,
    upload: UploadedFile | None = None,
    url: str = "",
) -> EventMaterial:
    """Slides or a PDF (checked by content, stored under a random name), or a link."""
    require_manager(actor, event.agency_id)
    event_transition(event.status, "add_material")
    title = clean_text(title, field=_("Title"))
    url = clean_text(url, field=_("Link"), max_length=500, required=False)
    if bool(upload) == bool(url):
        raise PreventionError(_("Upload a file or give a link, one of the two."))
    material = EventMaterial(event=event, title=title, uploaded_by=actor, url=url)
    if upload:
        limit = settings.NETRA_MATERIAL_MAX_BYTES
        if upload.size is None or upload.size > limit:
            raise PreventionError(
                _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)},
                status_code=413,
            )
        mime = _sniff(upload)
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        material.content_type, material.extension = mime, MATERIAL_TYPES[mime]
        material.original_name = clean_text(upload.name, field=_("File name"), max_length=255)
        material.size, material.sha256 = upload.size, digest.hexdigest()
    else:
        try:
            _url(url)
        except ValidationError as error:
            raise PreventionError(_("Enter a valid link (https://…).")) from error
    with transaction.atomic():
        if upload:
            material.file.save("material", upload, save=False)
        try:
            material.save()
            record(actor=actor, action="event.material_added", target=event, material=material.pk)
        except Exception:
            if material.file:
                material.file.delete(save=False)
            raise
    return material
