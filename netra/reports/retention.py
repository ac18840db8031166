"""Retention (UU 27/2022): reporters' identities and evidence are removed once their period is over.

The period depends on how the case ended (``reference.RetentionRule``, loaded from
``reference/data/retention.toml`` with its legal basis) and runs from the case's closing. A case
under a legal hold keeps everything until the hold is lifted. What is removed: the sealed identity of
each report and the evidence files (originals and previews). What stays: the case, the reports
(kind, dates, region, pseudonym), the decisions, each evidence row's hash, size and type, and the
audit trail, so statistics and the record survive. Every removal writes an audit entry.

Runs daily in the worker (netra/ops/schedule.py) and as ``manage.py apply_retention``.
Kept in its own module while the case and report services are being re-layered (issue 15).
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from netra.audit.services import record
from netra.cases.models import Case, CaseStatus, Decision
from netra.cases.permissions import can_handle_case
from netra.reference.models import RetentionOutcome, RetentionRule

from .models import Evidence, Report

logger = logging.getLogger("netra.reports.retention")
ACTOR = "task:retention"
FINAL = (CaseStatus.NOT_REGISTERED, CaseStatus.CLOSED)


@dataclass
class Removed:
    identities: int = 0
    evidence_files: int = 0
    reports: list[int] = field(default_factory=list)


def outcome(case: Case) -> str | None:
    """The retention outcome of a closed case; None while it is open (or forwarded for sanction)."""
    if case.status == CaseStatus.NOT_REGISTERED:
        return RetentionOutcome.NOT_REGISTERED
    if case.status != CaseStatus.CLOSED:
        return None
    proven = Decision.objects.filter(case=case, proven=True).exists()
    return RetentionOutcome.PROVEN if proven else RetentionOutcome.NOT_PROVEN


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same day and time ``months`` calendar months earlier (31 March - 1 month = 28/29 Feb)."""
    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def _holding_something() -> Q:
    files = Evidence.objects.filter(report=OuterRef("pk"), removed_at__isnull=True).exclude(file="")
    return ~Q(sealed_identity="") | Q(Exists(files))


def due(now: dt.datetime, rule: RetentionRule) -> Any:
    """Reports of closed cases with ``rule``'s outcome, past its period, not under a legal hold."""
    cutoff = months_before(now, rule.months)
    proven = Decision.objects.filter(case=OuterRef("case"), proven=True)
    reports = Report.objects.filter(
        case__status__in=FINAL,
        case__closed_at__lte=cutoff,
        case__legal_hold=False,
    ).filter(_holding_something())
    if rule.outcome == RetentionOutcome.NOT_REGISTERED:
        return reports.filter(case__status=CaseStatus.NOT_REGISTERED)
    reports = reports.filter(case__status=CaseStatus.CLOSED)
    if rule.outcome == RetentionOutcome.PROVEN:
        return reports.filter(Exists(proven))
    return reports.exclude(Exists(proven))


def _remove(report: Report, rule: RetentionRule, now: dt.datetime, removed: Removed) -> None:
    """One report, in one transaction; the files are deleted once it has committed."""
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("case").get(pk=report.pk)
        if report.case.legal_hold:
            return  # placed while the job ran
        files = list(
            Evidence.objects.select_for_update()
            .filter(report=report, removed_at__isnull=True)
            .exclude(file="")
        )
        names = [n for e in files for n in (e.file.name, e.preview.name) if n]
        had_identity = bool(report.sealed_identity)
        if had_identity:
            report.sealed_identity, report.identity_removed_at = "", now
            report.save(update_fields=["sealed_identity", "identity_removed_at"])
            record(actor_label=ACTOR, action="retention.identity_removed", target=report,
                   summary=f"identity on {report.case.code} ({rule.code})",
                   rule=rule.code, legal_basis=rule.legal_basis, case=report.case.code)  # fmt: skip
            removed.identities += 1
        if files:
            Evidence.objects.filter(pk__in=[e.pk for e in files]).update(
                file="", preview="", original_name="", gps_latitude=None, gps_longitude=None,
                removed_at=now,
            )  # fmt: skip
            record(actor_label=ACTOR, action="retention.evidence_removed", target=report,
                   summary=f"{len(files)} evidence files on {report.case.code} ({rule.code})",
                   rule=rule.code, legal_basis=rule.legal_basis, case=report.case.code,
                   sha256=[e.sha256 for e in files])  # fmt: skip
            removed.evidence_files += len(files)
        transaction.on_commit(lambda: _delete_files(names))
        if had_identity or files:
            removed.reports.append(report.pk)


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:  # noqa: BLE001 (any storage's error: the row already says removed)
            logger.exception("retention could not delete a file from the evidence storage")


def apply_retention(*, now: dt.datetime | None = None, dry_run: bool = False) -> Removed:
    """Remove what is past its period; with ``dry_run``, only count the reports concerned."""
    now = now or timezone.now()
    removed = Removed()
    for rule in RetentionRule.objects.all():
        for report in due(now, rule).only("pk").iterator(chunk_size=500):
            if dry_run:
                removed.reports.append(report.pk)
                continue
            _remove(report, rule, now, removed)
    if removed.reports and not dry_run:
        logger.info(
            "retention removed %d identities and %d evidence files from %d reports",
            removed.identities,
            removed.evidence_files,
            len(removed.reports),
        )
    return removed


def set_legal_hold(*, actor: Any = None, case: Case, hold: bool, reason: str) -> Case:
    """Place or lift a legal hold; an officer handling the case or a command (actor None) may."""
    if actor is not None and not can_handle_case(actor, case):
        raise PermissionDenied
    if not reason.strip():
        raise ValueError("A legal hold needs its reason (the court case, the appeal, ...).")
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        case.legal_hold, case.legal_hold_reason = hold, reason.strip() if hold else ""
        case.save(update_fields=["legal_hold", "legal_hold_reason"])
        record(actor=actor, actor_label="" if actor else "command:legal_hold",
               action="case.legal_hold_placed" if hold else "case.legal_hold_lifted",
               target=case, summary=f"legal hold on {case.code}", reason=reason.strip())  # fmt: skip
    return case
