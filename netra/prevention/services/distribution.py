"""Getting a pact to the people who must sign it: paper codes handed out at an event, signing
sessions (a QR code on a screen), the official e-mail addresses, and reminders to those who have not
signed yet (a background task)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.audit.services import record
from netra.registry.models import Agency, Employee

from .. import codes
from ..models import (
    EmployeeEmail,
    IntegrityPact,
    PactCode,
    PactReminder,
    PactSignature,
    SecondFactor,
    SigningSession,
    SocializationEvent,
)
from ..workflow import Conflict, PreventionError, pact_transition
from .pacts import require_manager

MAX_PAPER_CODES = 2000  # one printed batch: a hall, a unit
MAX_EMAIL_ROWS = 50_000


def unsigned(pact: IntegrityPact) -> QuerySet[Employee]:
    """Employees who must sign and have not yet."""
    signed = PactSignature.objects.filter(pact=pact, employee=OuterRef("pk"))
    return Employee.objects.filter(pact.scope_q()).exclude(Exists(signed))


@dataclass(frozen=True)
class PaperCode:
    employee: Employee
    code: str


def issue_paper_codes(
    *, actor, pact: IntegrityPact, unit: str = "", event: SocializationEvent | None = None
) -> list[PaperCode]:
    """New paper codes for those who have not signed (in ``unit``, or invited to ``event``); earlier
    codes of the same people stop working. The plain codes are returned once, for printing."""
    require_manager(actor, pact.agency_id)
    pact_transition(pact.status, "issue_codes")
    if pact.second_factor != SecondFactor.PAPER:
        raise PreventionError(_("This pact is signed with e-mailed codes: no paper codes."))
    people = unsigned(pact)
    if unit:
        people = people.filter(unit=unit)
    if event is not None:
        people = people.filter(pk__in=_invited_ids(event))
    chosen = list(people.order_by("unit", "name")[: MAX_PAPER_CODES + 1])
    if len(chosen) > MAX_PAPER_CODES:
        raise PreventionError(
            _("More than %(n)d people: print the codes unit by unit.") % {"n": MAX_PAPER_CODES}
        )
    issued = [PaperCode(e, codes.new_paper_code()) for e in chosen]
    now = timezone.now()
    with transaction.atomic():
        PactCode.objects.bulk_create(
            [
                PactCode(
                    pact=pact,
                    employee=p.employee,
                    kind=SecondFactor.PAPER,
                    digest=codes.digest(SecondFactor.PAPER, f"{pact.pk}:{p.employee.pk}:{p.code}"),
                    created_at=now,
                    failures=0,
                )
                for p in issued
            ],
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["pact", "employee", "kind"],
            update_fields=["digest", "created_at", "failures"],
        )
        record(
            actor=actor,
            action="pact.paper_codes_issued",
            target=pact,
            count=len(issued),
            unit=unit,
            event=event.code if event else "",
        )
    return issued


def _invited_ids(event: SocializationEvent) -> QuerySet:
    from django.db.models import Q

    q = Q(pk__in=[])
    for invite in event.invites.all():
        q |= invite.q()
    return Employee.objects.filter(q).values("pk")


def open_session(
    *, actor, pact: IntegrityPact, event: SocializationEvent | None = None, minutes: int = 120
) -> SigningSession:
    require_manager(actor, pact.agency_id)
    pact_transition(pact.status, "open_session")
    if not 5 <= minutes <= 600:
        raise PreventionError(_("A session lasts between 5 minutes and 10 hours."))
    with transaction.atomic():
        session = SigningSession.objects.create(
            pact=pact,
            event=event,
            opened_by=actor,
            closes_at=timezone.now() + dt.timedelta(minutes=minutes),
        )
        record(actor=actor, action="pact.session_opened", target=pact, session=session.pk)
    return session


def import_emails(*, actor, agency: Agency, text: str) -> tuple[int, list[str]]:
    """Official addresses from ``NIP,email`` lines; returns how many were saved and the problems."""
    require_manager(actor, agency.pk)
    if "\x00" in text:
        raise PreventionError(_("The file contains characters that are not allowed."))
    rows = list(csv.reader(io.StringIO(text)))
    if len(rows) > MAX_EMAIL_ROWS:
        raise PreventionError(_("At most %(n)d rows at once.") % {"n": MAX_EMAIL_ROWS})
    pairs: dict[str, str] = {}
    problems: list[str] = []
    for number, row in enumerate(rows, start=1):
        if not row or not "".join(row).strip() or row[0].strip().lower() == "nip":
            continue
        nip = row[0].strip().replace(" ", "")
        address = row[1].strip() if len(row) > 1 else ""
        try:
            validate_email(address)
        except ValidationError:
            problems.append(
                _("Row %(n)d: “%(a)s” is not an e-mail address.") % {"n": number, "a": address[:80]}
            )
            continue
        pairs[nip] = address
    employees: dict[str, int] = {
        str(nip): pk
        for nip, pk in Employee.objects.filter(agency=agency, nip__in=list(pairs)).values_list(
            "nip", "pk"
        )
    }
    for nip in pairs.keys() - employees.keys():
        problems.append(_("NIP %(nip)s is not an employee of the agency.") % {"nip": nip[:20]})
    with transaction.atomic():
        EmployeeEmail.objects.bulk_create(
            [EmployeeEmail(employee_id=pk, email=pairs[nip]) for nip, pk in employees.items()],
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["employee"],
            update_fields=["email"],
        )
        record(
            actor=actor, action="prevention.emails_imported", target=agency, count=len(employees)
        )
    return len(employees), problems[:100]


def request_reminders(*, actor, pact: IntegrityPact) -> PactReminder:
    """Queue reminders to everyone who has not signed yet (``tasks.send_pact_reminders``)."""
    from ..tasks import send_pact_reminders

    require_manager(actor, pact.agency_id)
    pact_transition(pact.status, "remind")
    if pact.reminders.filter(finished_at__isnull=True).exists():
        raise Conflict(_("Reminders for this pact are being sent already."))
    with transaction.atomic():
        reminder = PactReminder.objects.create(pact=pact, requested_by=actor)
        record(actor=actor, action="pact.reminders_requested", target=pact, reminder=reminder.pk)
        transaction.on_commit(lambda: send_pact_reminders.enqueue(reminder.pk))
    return reminder


def send_reminders(reminder_id: int, *, chunk: int = 500) -> PactReminder:
    """Send one reminder run: an e-mail to each unsigned employee with an official address."""
    reminder = PactReminder.objects.select_related("pact").get(pk=reminder_id)
    pact = reminder.pact
    url = settings.NETRA_PUBLIC_URL.rstrip("/") + reverse("prevention:sign", args=[pact.code])
    subject = _("Reminder: please sign “%(title)s”") % {"title": pact.title}
    body = _(
        "You have not signed the integrity pact of your agency yet. It closes on %(date)s. "
        "Sign it at %(url)s"
    ) % {"date": pact.closes_on.isoformat(), "url": url}
    sent = missing = 0
    people = unsigned(pact).values_list("pk", flat=True).order_by("pk")
    batch: list[int] = []
    for employee_id in people.iterator(chunk_size=chunk):
        batch.append(employee_id)
        if len(batch) == chunk:
            s, m = _send(batch, subject, body)
            sent, missing, batch = sent + s, missing + m, []
    if batch:
        s, m = _send(batch, subject, body)
        sent, missing = sent + s, missing + m
    with transaction.atomic():
        reminder.sent, reminder.without_address = sent, missing
        reminder.finished_at = timezone.now()
        reminder.save(update_fields=["sent", "without_address", "finished_at"])
        record(
            actor_label="task:send_pact_reminders",
            action="pact.reminders_sent",
            target=pact,
            sent=sent,
            without_address=missing,
        )
    return reminder


def _send(ids: list[int], subject: str, body: str) -> tuple[int, int]:
    addresses = list(
        EmployeeEmail.objects.filter(employee_id__in=ids).values_list("email", flat=True)
    )
    if addresses:
        # One message per person: colleagues' addresses are not shared.
        send_mass_mail([(subject, body, None, [a]) for a in addresses], using="default")
    return len(addresses), len(ids) - len(addresses)
