"""Signing a pact: the employee's NIP plus the second factor the agency chose (a code by e-mail or a
code on paper), optionally through the QR code of a signing session at an event.

This is the hot path (goal: 500 signatures a second with 32 people signing at once, docs/prevention.md):
one query finds the pact, one finds the employee with their code and any earlier signature, then one
transaction writes the signature, its audit entry and one coverage counter (the counter last, so its
row lock is held only until the commit).
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from netra.audit.services import record
from netra.reference.snapshots import Snapshot
from netra.registry.models import Employee

from .. import codes
from ..models import (
    LEADER_CLASSES,
    EmployeeEmail,
    IntegrityPact,
    PactCode,
    PactSignature,
    PactStatus,
    SecondFactor,
    SigningSession,
)
from ..workflow import Conflict, NotAllowed, PreventionError, pact_transition
from .identify import clean_identifier
from .store import store

SIGNER_FIELDS = (
    "id",
    "nip",
    "name",
    "agency_id",
    "unit",
    "position_class",
    "region_id",
    "is_active",
)


# Pacts by code, kept a few seconds in each process: every signature reads its pact, which changes
# a few times in its life. A change through the ORM clears it at once in this process; elsewhere the
# write itself re-checks that the pact is still open (store.py).
_RECENT: Snapshot[dict[str, IntegrityPact | None]] = Snapshot(
    dict, watch=(IntegrityPact,), max_age=3
)


def pact_for_signing(code: str, *, now: dt.datetime | None = None) -> IntegrityPact:
    """The published pact with this public code, if it can be signed today; else a 4xx."""
    now = now or timezone.now()
    code = str(code)[:16]
    recent: dict[str, IntegrityPact | None] = _RECENT.get()
    if code not in recent:
        recent[code] = (
            IntegrityPact.objects.select_related("agency", "election")
            .filter(code=code)
            .exclude(status=PactStatus.DRAFT)
            .first()
        )
    pact = recent[code]
    if pact is None:
        raise PreventionError(_("There is no pact with this address."), status_code=404)
    today = timezone.localdate(now)
    if pact.status == PactStatus.CLOSED or today > pact.closes_on:
        raise Conflict(
            _("This pact was closed on %(date)s: it can no longer be signed.")
            % {"date": date_format(pact.closed_at.date() if pact.closed_at else pact.closes_on)}
        )
    if today < pact.opens_on:
        raise Conflict(_("Signing opens on %(date)s.") % {"date": date_format(pact.opens_on)})
    pact_transition(pact.status, "sign")
    return pact


# The employee with their code for this pact and any earlier signature, in one query. Written as
# SQL: building the same query through the ORM took longer than running it (the hot path).
_SIGNER_SQL = """
SELECT e.id, e.nip, e.name, e.agency_id, e.unit, e.position_class, e.region_id, e.is_active,
       s.signed_at AS signed_on, c.id AS code_id, c.digest AS code_digest,
       c.expires_at AS code_expires, c.failures AS code_failures
FROM registry_employee e
LEFT JOIN prevention_pactsignature s ON s.pact_id = %(pact)s AND s.employee_id = e.id
LEFT JOIN prevention_pactcode c ON c.pact_id = %(pact)s AND c.employee_id = e.id AND c.kind = %(kind)s
WHERE e.is_active AND {match}
LIMIT 1
"""


def _moment(value) -> dt.datetime | None:
    if value is None or (isinstance(value, dt.datetime) and timezone.is_aware(value)):
        return value
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value.replace(tzinfo=dt.UTC)


def _signer(pact: IntegrityPact, identifier: str) -> Employee:
    params = {"pact": pact.pk, "kind": pact.second_factor, "value": identifier}
    if len(identifier) == 18 and identifier.isdigit():
        match = "e.nip = %(value)s"
    else:  # staff without a NIP: the agency's own number
        match = "e.agency_id = %(agency)s AND e.staff_number = %(value)s"
        params["agency"] = pact.agency_id
    found = list(Employee.objects.raw(_SIGNER_SQL.format(match=match), params))
    employee = found[0] if found else None
    if employee is not None:  # columns outside the model come back raw (SQLite: text, UTC)
        for name in ("signed_on", "code_expires"):
            setattr(employee, name, _moment(getattr(employee, name)))
    if employee is None or not pact.requires(employee):
        raise NotAllowed(
            _(
                "NIP %(nip)s is not among the employees asked to sign this pact. Check the number, "
                "or ask your agency's admin."
            )
            % {"nip": identifier}
        )
    return employee


def check_signer(pact: IntegrityPact, employee: Employee) -> None:
    if pact.status == PactStatus.LEADERS and employee.position_class not in LEADER_CLASSES:
        raise Conflict(
            _(
                "Leaders sign this pact first; you can sign once your agency opens it to every "
                "employee."
            )
        )
    signed_on = getattr(employee, "signed_on", None)
    if signed_on:
        raise Conflict(
            _("You signed this pact on %(date)s already.")
            % {"date": date_format(timezone.localtime(signed_on), "j F Y H:i")}
        )


def _check_code(pact: IntegrityPact, employee, code: str, now: dt.datetime) -> None:
    typed = codes.normalise(code)
    if not typed:
        raise PreventionError(_("Enter your code."))
    if employee.code_id is None:
        if pact.second_factor == SecondFactor.EMAIL:
            raise PreventionError(_("Ask for a code by e-mail first."))
        raise PreventionError(
            _("There is no paper code for this NIP yet: ask your agency's admin for one.")
        )
    if employee.code_failures >= codes.MAX_FAILURES:
        raise PreventionError(_("Too many wrong codes: ask for a new code."), status_code=429)
    if employee.code_expires is not None and employee.code_expires < now:
        raise PreventionError(_("This code has expired: ask for a new one."))
    if not codes.matches(
        pact.second_factor, f"{pact.pk}:{employee.pk}:{typed}", employee.code_digest
    ):
        # Counted outside any transaction, so the count stays when the request is refused.
        PactCode.objects.filter(pk=employee.code_id).update(failures=F("failures") + 1)
        raise PreventionError(_("The code is not right. Check it and try again."))


def session_for_token(pact: IntegrityPact, token: str, now: dt.datetime) -> SigningSession:
    for session in SigningSession.objects.filter(pact=pact, closes_at__gt=now):
        if codes.qr_token_valid(session.secret, token, at=now.timestamp()):
            return session
    raise PreventionError(_("This QR code has expired: scan the code on the screen again."))


def sign(
    *, pact_code: str, identifier: object, code: str, session_token: str = "", now=None
) -> PactSignature:
    """Sign ``pact_code`` as the employee with this NIP, proven by ``code``."""
    now = now or timezone.now()
    identifier = clean_identifier(identifier)
    pact = pact_for_signing(pact_code, now=now)
    employee = _signer(pact, identifier)
    check_signer(pact, employee)
    session = session_for_token(pact, session_token, now) if session_token else None
    _check_code(pact, employee, code, now)
    signature = PactSignature(
        pact=pact,
        employee=employee,
        signed_at=now,
        signer_name=employee.name,
        unit=employee.unit,
        region_code=employee.region_id or pact.agency.region_id or "",
        method=pact.second_factor,
        session=session,
        token=secrets.token_urlsafe(12),
    )
    try:
        with transaction.atomic():
            # The audit entry first: the signature and its counter last, to hold the counter's
            # row lock only until the commit (store.py).
            record(
                actor_label=f"employee:{employee.pk}",
                action="pact.signed",
                target=pact,
                employee=employee.pk,
                token=signature.token,
                method=signature.method,
                session=session.pk if session else None,
            )
            store(signature, today=timezone.localdate(now))
    except IntegrityError as error:  # the same person pressed twice, or signed on two phones
        raise Conflict(_("You signed this pact already.")) from error
    return signature


def request_email_code(*, pact_code: str, identifier: object, now=None) -> str:
    """E-mail a one-time code to the employee's official address; return it masked."""
    now = now or timezone.now()
    identifier = clean_identifier(identifier)
    pact = pact_for_signing(pact_code, now=now)
    if pact.second_factor != SecondFactor.EMAIL:
        raise PreventionError(_("This pact is signed with a paper code, not an e-mailed one."))
    employee = _signer(pact, identifier)
    check_signer(pact, employee)
    address = (
        EmployeeEmail.objects.filter(employee=employee).values_list("email", flat=True).first()
    )
    if not address:
        raise PreventionError(
            _("Your agency has not given Netra your official e-mail address: ask its admin."),
            status_code=409,
        )
    existing = PactCode.objects.filter(
        pact=pact, employee=employee, kind=SecondFactor.EMAIL
    ).first()
    if existing and (now - existing.created_at).total_seconds() < 60:
        raise PreventionError(
            _("A code was sent less than a minute ago: check your inbox."), status_code=429
        )
    plain = codes.new_email_code()
    with transaction.atomic():
        PactCode.objects.update_or_create(
            pact=pact,
            employee=employee,
            kind=SecondFactor.EMAIL,
            defaults={
                "digest": codes.digest(SecondFactor.EMAIL, f"{pact.pk}:{employee.pk}:{plain}"),
                "created_at": now,
                "expires_at": now + dt.timedelta(minutes=codes.EMAIL_CODE_MINUTES),
                "failures": 0,
            },
        )
        record(actor_label=f"employee:{employee.pk}", action="pact.code_emailed", target=pact)
        transaction.on_commit(lambda: _mail_code(pact, address, plain))
    return mask_email(address)


def _mail_code(pact: IntegrityPact, address: str, plain: str) -> None:
    url = settings.NETRA_PUBLIC_URL.rstrip("/") + reverse("prevention:sign", args=[pact.code])
    send_mail(
        _("Your code to sign “%(title)s”") % {"title": pact.title},
        _(
            "Your code is %(code)s. It is valid for %(minutes)d minutes. Sign at %(url)s\n\n"
            "If you did not ask for it, ignore this message."
        )
        % {"code": plain, "minutes": codes.EMAIL_CODE_MINUTES, "url": url},
        None,
        [address],
    )


def mask_email(address: str) -> str:
    name, _at, domain = address.partition("@")
    return f"{name[:2]}{'•' * max(len(name) - 2, 1)}@{domain}"
