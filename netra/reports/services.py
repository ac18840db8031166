"""The one way to change report state: submit, record a temuan, exchange messages, reveal identity.

Each function runs in one transaction and writes its audit entry; views and the API only call these.
The audit trail never holds the receipt code or the reporter's identity.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from netra.accounts.permissions import can_handle_case
from netra.audit.services import record
from netra.cases.deadlines import refresh_due_on
from netra.cases.models import Case, CaseEvent, CaseStatus, Origin, ReportedPerson
from netra.cases.routing import handling_office
from netra.registry.models import Agency, Employee

from . import evidence, identity, receipts, rules
from .evidence import CheckedFile
from .forms import ValidReport
from .models import IdentityReveal, IntakeReplay, Message, Report
from .permissions import can_decide_reveal

_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read over the phone


@dataclass(frozen=True)
class Submitted:
    report: Report
    receipt: str  # the 16 digits: shown once to the reporter, never stored
    replayed: bool = False
    classification: rules.Classification | None = None


def _random(n: int) -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(n))


def _case_code(year: int) -> str:
    # Letters never appear in the demo's numbered codes (NTR-2024-0000001), so the two cannot clash.
    return f"NTR-{year}-{_random(7)}"


_LEVEL_RANK = {Agency.Level.NATIONAL: 0, Agency.Level.PROVINCE: 1, Agency.Level.REGENCY: 2}


def _routing_agency(persons: list[dict[str, Any]]) -> Agency | None:
    """With several agencies, the highest office takes the whole case (routing.py hands it on)."""
    agencies = [p["agency"] for p in persons if p.get("agency") is not None]
    return min(agencies, key=lambda a: _LEVEL_RANK.get(a.level, 3)) if agencies else None


def _registry_matches(persons: list[dict[str, Any]]) -> dict[str, int]:
    """Link a reported person to the registry only on an exact NIP match; officers confirm later."""
    nips = [p["nip"] for p in persons if p.get("nip")]
    if not nips:
        return {}
    # order_by(): the model's default ordering would join and sort the agencies for nothing.
    rows = Employee.objects.filter(nip__in=nips).order_by().values_list("nip", "pk")
    return {nip: pk for nip, pk in rows if nip}


def _open_case(data: ValidReport, origin: str, now: dt.datetime, actor: Any) -> Case:
    office = handling_office(incident_region=data.region, agency=_routing_agency(data.persons))
    today = timezone.localdate(now)
    case = Case(
        code=_case_code(today.year),
        election=data.election,
        status=CaseStatus.RECEIVED,
        origin=origin,
        handling_level=office.level,
        jurisdiction_code=office.jurisdiction_code,
        incident_region=data.region,
        incident_date=data.incident_date,
        known_on=data.known_on,
        summary=data.description[:500],
        received_at=now,
    )
    # The first deadline (kajian awal, or establishing a temuan) from the case-handling rules table.
    refresh_due_on(case)
    case.save(force_insert=True)
    CaseEvent.objects.create(
        case=case,
        at=now,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        to_status=CaseStatus.RECEIVED,
    )
    matches = _registry_matches(data.persons)
    ReportedPerson.objects.bulk_create(
        ReportedPerson(
            case=case,
            employee_id=matches.get(p["nip"]) if p.get("nip") else None,
            name=p["name"],
            nip=p.get("nip", ""),
            position_title=p.get("position_title", ""),
            agency=p.get("agency"),
            category=p.get("category") or "unknown",
        )
        for p in data.persons
    )
    return case


class IdempotencyConflict(Exception):
    """The Idempotency-Key was used within the replay window for a different submission."""


def _replay(key_digest: str, request_digest: str = "") -> Submitted | None:
    ttl = dt.timedelta(hours=settings.NETRA_IDEMPOTENCY_TTL_HOURS)
    row = (
        IntakeReplay.objects.filter(key_digest=key_digest, created_at__gte=timezone.now() - ttl)
        .select_related("report__case")
        .first()
    )
    if row is None:
        return None
    if request_digest and row.request_digest and request_digest != row.request_digest:
        raise IdempotencyConflict
    return Submitted(row.report, identity.unseal_text(row.sealed_receipt), replayed=True)


def submit_report(
    data: ValidReport, *, idempotency_key: str = "", request_digest: str = ""
) -> Submitted:
    """A public report: classify it, open its case, keep the identity sealed, return the receipt.

    The same ``idempotency_key`` within the replay window returns the first submission's receipt;
    with a ``request_digest`` (the API's), a different submission under that key raises
    ``IdempotencyConflict`` instead.
    """
    key_digest = receipts.keyed_digest("report", idempotency_key) if idempotency_key else ""
    if key_digest and (earlier := _replay(key_digest, request_digest)):
        return earlier
    now = timezone.now()
    verdict = rules.classify(
        election_kind=data.election.kind,
        known_on=data.known_on,
        anonymous=data.anonymous,
        identity=data.identity,
        today=timezone.localdate(now),
    )
    code = receipts.new_code()
    sealed = identity.seal(data.identity) if data.identity else ""
    try:
        with evidence.saved_files() as written, transaction.atomic():
            case = _open_case(data, verdict.kind, now, None)
            report = Report.objects.create(
                case=case,
                receipt_digest=receipts.digest(code),
                kind=verdict.kind,
                kind_reasons=list(verdict.reasons),
                election=data.election,
                submitted_at=now,
                incident_date=data.incident_date,
                known_on=data.known_on,
                incident_region=data.region,
                description=data.description,
                is_anonymous=data.identity is None,
                reporter_pseudonym=f"P-{_random(6)}",
                sealed_identity=sealed,
            )
            evidence.store(report, data.files, data.links, written=written)
            if key_digest:
                IntakeReplay.objects.create(
                    key_digest=key_digest,
                    report=report,
                    sealed_receipt=identity.seal_text(code),
                    request_digest=request_digest,
                    created_at=now,
                )
            record(
                action="report.submitted",
                target=report,
                summary=f"{verdict.kind} to {case.code}",
                case=case.code,
                kind=verdict.kind,
                reasons=list(verdict.reasons),
                files=len(data.files),
                links=len(data.links),
            )
    except IntegrityError:
        # A concurrent retry with the same key won the race: answer with its receipt.
        if key_digest and (earlier := _replay(key_digest, request_digest)):
            return earlier
        raise
    return Submitted(report, code, classification=verdict)


def record_temuan(data: ValidReport, *, officer: Any) -> Report:
    """A supervisor's own finding from patrol (UU 7/2017 Pasal 454(5)): no reporter to protect."""
    if getattr(officer, "role", "") != "bawaslu_officer":
        raise PermissionDenied
    now = timezone.now()
    with evidence.saved_files() as written, transaction.atomic():
        case = _open_case(data, Origin.TEMUAN, now, officer)
        report = Report.objects.create(
            case=case,
            # A temuan has no receipt; the digest of an unknown random code keeps the column unique.
            receipt_digest=receipts.digest(receipts.new_code() + "-temuan"),
            kind=Origin.TEMUAN,
            kind_reasons=["temuan"],
            election=data.election,
            submitted_at=now,
            incident_date=data.incident_date,
            known_on=data.known_on,
            incident_region=data.region,
            description=data.description,
            is_anonymous=False,
            reporter_pseudonym=officer.office_name[:40],
            submitted_by=officer,
        )
        evidence.store(report, data.files, data.links, written=written)
        record(
            actor=officer,
            action="report.temuan_recorded",
            target=report,
            summary=f"temuan to {case.code}",
            case=case.code,
            files=len(data.files),
            links=len(data.links),
        )
    return report


def find_by_receipt(code: str) -> Report | None:
    """One indexed lookup on the HMAC, whether or not the code exists."""
    digits = receipts.normalize(code)
    digest = receipts.digest(digits or "0" * receipts.DIGITS)
    report = (
        Report.objects.select_related("case", "election", "incident_region")
        .filter(receipt_digest=digest)
        .first()
    )
    return report if digits else None


def post_reporter_message(
    report: Report,
    *,
    body: str,
    files: list[CheckedFile],
    links: list[str],
    idempotency_key: str = "",
) -> Message:
    key_digest = receipts.keyed_digest("message", idempotency_key) if idempotency_key else None
    if key_digest and (earlier := Message.objects.filter(idempotency_digest=key_digest).first()):
        return earlier
    with evidence.saved_files() as written, transaction.atomic():
        message = Message.objects.create(
            report=report,
            side=Message.Side.REPORTER,
            body=body,
            sent_at=timezone.now(),
            idempotency_digest=key_digest,
        )
        evidence.store(report, files, links, written=written, message=message)
        record(
            action="report.reporter_message",
            target=report,
            summary=f"message on {report.case.code}",
            case=report.case.code,
            files=len(files),
            links=len(links),
        )
    return message


def post_officer_reply(officer: Any, report: Report, *, body: str) -> Message:
    if not can_handle_case(officer, report.case):
        raise PermissionDenied
    with transaction.atomic():
        message = Message.objects.create(
            report=report,
            side=Message.Side.OFFICER,
            officer=officer,
            body=body,
            sent_at=timezone.now(),
        )
        record(
            actor=officer,
            action="report.officer_message",
            target=report,
            summary=f"reply on {report.case.code}",
            case=report.case.code,
        )
    return message


def request_identity(officer: Any, report: Report, *, reason: str) -> IdentityReveal:
    if not can_handle_case(officer, report.case) or not report.sealed_identity:
        raise PermissionDenied
    with transaction.atomic():
        reveal = IdentityReveal.objects.create(
            report=report, requested_by=officer, reason=reason, requested_at=timezone.now()
        )
        record(
            actor=officer,
            action="identity.reveal_requested",
            target=reveal,
            summary=f"identity of {report.reporter_pseudonym} on {report.case.code}",
            report=report.pk,
            reason=reason,
        )
    return reveal


def decide_identity(officer: Any, reveal: IdentityReveal, *, approve: bool, note: str = "") -> None:
    """A second officer of the same or a higher office approves or rejects the request."""
    with transaction.atomic():
        reveal = IdentityReveal.objects.select_for_update().get(pk=reveal.pk)
        if reveal.status != IdentityReveal.Status.PENDING or not can_decide_reveal(officer, reveal):
            raise PermissionDenied
        reveal.status = (
            IdentityReveal.Status.APPROVED if approve else IdentityReveal.Status.REJECTED
        )
        reveal.decided_by = officer
        reveal.decided_at = timezone.now()
        reveal.decision_note = note
        reveal.save()
        record(
            actor=officer,
            action="identity.reveal_approved" if approve else "identity.reveal_rejected",
            target=reveal,
            summary=f"for {reveal.requested_by.get_username()} on report {reveal.report_id}",
            report=reveal.report_id,
            note=note,
        )


def reveal_identity(officer: Any, report: Report) -> dict[str, str]:
    """The identity, for the officer whose request a second officer approved; every view audited."""
    approved = IdentityReveal.objects.filter(
        report=report, requested_by=officer, status=IdentityReveal.Status.APPROVED
    ).first()
    if approved is None or not can_handle_case(officer, report.case) or not report.sealed_identity:
        raise PermissionDenied
    record(
        actor=officer,
        action="identity.viewed",
        target=report,
        summary=f"identity of {report.reporter_pseudonym} on {report.case.code}",
        reveal=approved.pk,
    )
    return identity.unseal(report.sealed_identity)


def purge_intake_replays() -> int:
    """Forget sealed receipts older than the replay window (run daily: manage.py purge_intake_replays)."""
    cutoff = timezone.now() - dt.timedelta(hours=settings.NETRA_IDEMPOTENCY_TTL_HOURS)
    deleted, _ = IntakeReplay.objects.filter(created_at__lt=cutoff).delete()
    return deleted
