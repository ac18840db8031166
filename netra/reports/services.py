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

from netra.accounts.permissions import is_bawaslu_officer
from netra.audit.services import record
from netra.cases.models import Case, Origin
from netra.cases.services import CaseSpec, PersonSpec, open_case
from netra.lib.storage import saved_files

from . import evidence, identity, receipts, rules
from .evidence import CheckedFile
from .idempotency import (
    IdempotencyConflict,
    message_digest,
    message_key,
    report_digest,
    report_key,
)
from .models import IdentityReveal, IntakeReplay, Message, Report
from .permissions import can_decide_reveal, can_handle_case
from .validation import ValidReport

_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read over the phone


@dataclass(frozen=True)
class Submitted:
    report: Report
    receipt: str  # the 16 digits: shown once to the reporter, never stored
    replayed: bool = False
    classification: rules.Classification | None = None


def _random(n: int) -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(n))


def _open_case(data: ValidReport, origin: str, now: dt.datetime, actor: Any) -> Case:
    """The case the submission feeds, opened by case handling (routing, registry match, code)."""
    spec = CaseSpec(
        election=data.election,
        origin=origin,
        incident_region=data.region,
        incident_date=data.incident_date,
        known_on=data.known_on,
        summary=data.description,
        persons=[
            PersonSpec(
                name=p["name"],
                nip=p.get("nip", ""),
                position_title=p.get("position_title", ""),
                agency=p.get("agency"),
                category=p.get("category") or "unknown",
            )
            for p in data.persons
        ],
        received_at=now,
    )
    return open_case(spec=spec, actor=actor)


def _replay(key_digest: str, request_digest: str) -> Submitted | None:
    """The first submission under this (client-scoped) key, if the same report was sent."""
    ttl = dt.timedelta(hours=settings.NETRA_IDEMPOTENCY_TTL_HOURS)
    row = (
        IntakeReplay.objects.filter(key_digest=key_digest, created_at__gte=timezone.now() - ttl)
        .select_related("report__case")
        .first()
    )
    if row is None:
        return None
    if request_digest != row.request_digest:
        raise IdempotencyConflict
    return Submitted(row.report, identity.unseal_text(row.sealed_receipt), replayed=True)


def _file(
    data: ValidReport, verdict: rules.Classification, code: str, now: dt.datetime, written: list
) -> Report:
    """The report, its case and evidence, inside the caller's transaction."""
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
        sealed_identity=identity.seal(data.identity) if data.identity else "",
    )
    evidence.store(report, data.files, data.links, written=written)
    return report


def submit_report(data: ValidReport, *, idempotency_key: str = "", client: str = "") -> Submitted:
    """A public report: classify it, open its case, keep the identity sealed, return the receipt.

    The same ``idempotency_key`` from the same ``client`` with the same report, within the replay
    window, returns the first receipt; with a different report it raises ``IdempotencyConflict``
    (idempotency.py: keys are scoped to the client, and the digest is checked on every path).
    """
    key_digest = report_key(client=client, key=idempotency_key) if idempotency_key else ""
    request_digest = report_digest(data)
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
    try:
        with saved_files() as written, transaction.atomic():
            report = _file(data, verdict, code, now, written)
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
                summary=f"{verdict.kind} to {report.case.code}",
                case=report.case.code,
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
    if not is_bawaslu_officer(officer):
        raise PermissionDenied
    now = timezone.now()
    with saved_files() as written, transaction.atomic():
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
    client: str = "",
) -> Message:
    """A reporter's message. A retry (same key, same client, same thread, same content) returns
    the first message; the same key with other content raises ``IdempotencyConflict``."""
    key_digest = (
        message_key(report_id=report.pk, client=client, key=idempotency_key)
        if idempotency_key
        else None
    )
    request_digest = message_digest(body=body, files=files, links=links)
    if key_digest and (earlier := Message.objects.filter(idempotency_digest=key_digest).first()):
        if earlier.request_digest != request_digest:
            raise IdempotencyConflict
        return earlier
    with saved_files() as written, transaction.atomic():
        message = Message.objects.create(
            report=report,
            side=Message.Side.REPORTER,
            body=body,
            sent_at=timezone.now(),
            idempotency_digest=key_digest,
            request_digest=request_digest if key_digest else "",
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
