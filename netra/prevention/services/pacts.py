"""Running a pact: its text from the agency's template, publishing it to a set of employees (leaders
first if the agency wants), closing it. Codes, sessions and reminders are in ``distribution``."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.audit.services import record
from netra.reference.models import Election
from netra.registry.models import Agency, Employee, PositionClass

from ..models import IntegrityPact, PactStatus, PactTemplate, SecondFactor
from ..permissions import can_manage
from ..workflow import NotAllowed, PreventionError, pact_transition
from .coverage import recount
from .identify import MAX_TEXT, clean_text

TEMPLATE_FILE = Path(__file__).resolve().parent.parent / "data" / "pact_template.toml"


@cache
def default_template() -> dict[str, str]:
    with TEMPLATE_FILE.open("rb") as f:
        return tomllib.load(f)


def require_manager(actor, agency_id: int) -> None:
    if not can_manage(actor, agency_id):
        raise NotAllowed(_("Only the admin of this agency can do this."))


def template_for(agency: Agency) -> PactTemplate:
    """The agency's template, or the default text (unsaved) until it edits its own."""
    found = PactTemplate.objects.filter(agency=agency).first()
    if found:
        return found
    default = default_template()
    return PactTemplate(agency=agency, title=default["title"], body=default["body"])


def save_template(*, actor, agency: Agency, title: str, body: str) -> PactTemplate:
    require_manager(actor, agency.pk)
    title = clean_text(title, field=_("Title"))
    body = clean_text(body, field=_("Text"), max_length=MAX_TEXT)
    with transaction.atomic():
        template, _created = PactTemplate.objects.update_or_create(
            agency=agency, defaults={"title": title, "body": body, "updated_by": actor}
        )
        record(actor=actor, action="pact_template.saved", target=template)
    return template


def fill(text: str, *, agency: Agency, election: Election) -> str:
    """Plain replacement of the three placeholders: the text is the agency's, never a template."""
    return (
        text.replace("{instansi}", agency.name)
        .replace("{pemilihan}", election.name)
        .replace("{tahun}", str(election.voting_date.year))
    )


@dataclass
class PactInput:
    election: Election
    opens_on: dt.date
    closes_on: dt.date
    second_factor: str = SecondFactor.EMAIL
    leaders_first: bool = False
    units: list[str] = field(default_factory=list)
    position_classes: list[str] = field(default_factory=list)
    title: str = ""
    body: str = ""


def _check(agency: Agency, data: PactInput) -> None:
    if data.closes_on < data.opens_on:
        raise PreventionError(_("The pact cannot close before it opens."))
    if data.second_factor not in SecondFactor.values:
        raise PreventionError(_("Choose how employees prove who they are."))
    bad = [c for c in data.position_classes if c not in PositionClass.values]
    if bad:
        raise PreventionError(_("Unknown position class: %(c)s.") % {"c": ", ".join(bad)})
    known = set(
        Employee.objects.filter(agency=agency, unit__in=data.units)
        .values_list("unit", flat=True)
        .distinct()
    )
    unknown = [u for u in data.units if u not in known]
    if unknown:
        raise PreventionError(
            _("No employee of the agency works in: %(units)s.") % {"units": ", ".join(unknown)}
        )


def save_pact(*, actor, agency: Agency, data: PactInput, pact: IntegrityPact | None = None):
    """Create a draft pact (text from the agency's template unless given) or edit a draft."""
    require_manager(actor, agency.pk)
    if pact is not None:
        pact_transition(pact.status, "edit")
    data.units = [clean_text(u, field=_("Unit")) for u in data.units]
    _check(agency, data)
    template = template_for(agency)
    title = clean_text(data.title or fill(template.title, agency=agency, election=data.election),
                       field=_("Title"))  # fmt: skip
    body = clean_text(
        data.body or fill(template.body, agency=agency, election=data.election),
        field=_("Text"),
        max_length=MAX_TEXT,
    )
    with transaction.atomic():
        if pact is None:
            pact = IntegrityPact(agency=agency, created_by=actor)
        pact.election = data.election
        pact.title, pact.body = title, body
        pact.opens_on, pact.closes_on = data.opens_on, data.closes_on
        pact.second_factor, pact.leaders_first = data.second_factor, data.leaders_first
        pact.units, pact.position_classes = data.units, data.position_classes
        created = pact.pk is None
        pact.save()
        record(actor=actor, action="pact.created" if created else "pact.edited", target=pact)
    return pact


def publish(*, actor, pact: IntegrityPact) -> IntegrityPact:
    """Open the pact for signing (to leaders first if the agency chose so) and count who must sign."""
    require_manager(actor, pact.agency_id)
    action = "publish_leaders_first" if pact.leaders_first else "publish"
    target = pact_transition(pact.status, action)
    with transaction.atomic():
        pact.status, pact.published_at = target, timezone.now()
        pact.save(update_fields=["status", "published_at"])
        record(actor=actor, action=f"pact.{action}", target=pact)
        recount(pact=pact, actor=actor)
    return pact


def open_to_all(*, actor, pact: IntegrityPact) -> IntegrityPact:
    return _move(actor, pact, "open_to_all")


def close(*, actor, pact: IntegrityPact) -> IntegrityPact:
    return _move(actor, pact, "close", closed_at=timezone.now())


def _move(actor, pact: IntegrityPact, action: str, **changes) -> IntegrityPact:
    require_manager(actor, pact.agency_id)
    target = pact_transition(pact.status, action)
    with transaction.atomic():
        pact.status = target
        for name, value in changes.items():
            setattr(pact, name, value)
        pact.save(update_fields=["status", *changes])
        record(actor=actor, action=f"pact.{action}", target=pact)
    return pact


def signable(pact: IntegrityPact) -> bool:
    return pact.status in (PactStatus.LEADERS, PactStatus.OPEN)
