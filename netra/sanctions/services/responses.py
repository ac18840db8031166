"""What the PPK records on a recommendation addressed to their agency: the sanction decree
(``record_sanction``) or a contest with reasons (``contest_recommendation``).

Each checks its input before it writes, then locks the recommendation within the actor's agency (the
scope and the lock are one query), writes, lifts any block, puts the step on the case timeline,
writes the audit entry and, for a decree, closes the case when every proven person is settled.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.accounts.permissions import Role, is_staff_user
from netra.audit.services import record
from netra.cases.services import add_stage_event
from netra.lib.storage import saved_files
from netra.reference.models import SanctionType

from ..models import Block, Contest, Recommendation, Route, Sanction
from .closing import close_case_if_settled
from .grading import grade
from .refusals import Conflict, Refused, required_text
from .scans import CheckedScan, check_scan, store_scan

S = Recommendation.Status
# A late decree still settles an escalated recommendation (and lifts its block).
RECORDABLE = (S.ISSUED, S.ESCALATED)
CONTESTABLE = (S.ISSUED,)
MAX_REASONS = 5000


def _locked(recommendation: Recommendation, actor: Any) -> Recommendation:
    """The recommendation row, locked, if ``actor`` is the personnel officer of its agency."""
    if not is_staff_user(actor) or actor.role != Role.AGENCY_PERSONNEL:
        raise PermissionDenied(_("Only the agency's personnel officer can do this."))
    locked = (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("case", "recommended_sanction")
        .filter(pk=recommendation.pk, agency_id=actor.agency_id or 0)
        .first()
    )
    if locked is None:
        raise PermissionDenied(_("This recommendation is addressed to another agency."))
    return locked


def _check_date(recommendation: Recommendation, imposed_on: dt.date | None) -> dt.date:
    if imposed_on is None:
        raise Refused(_("Please give the date of the decree."))
    if imposed_on > timezone.localdate():
        raise Refused(_("The decree date cannot be in the future."))
    if imposed_on < recommendation.issued_on:
        raise Refused(
            _("The decree date cannot be before the recommendation (%(day)s).")
            % {"day": recommendation.issued_on.strftime("%d-%m-%Y")}
        )
    return imposed_on


def _check_state(recommendation: Recommendation, allowed: tuple[str, ...]) -> None:
    if recommendation.route != Route.SANCTION:
        raise Conflict(
            _("This recommendation refers the person to their own authority: no PPK sanction.")
        )
    if recommendation.status not in allowed:
        raise Conflict(
            _("This recommendation is already %(status)s: nothing more can be recorded on it.")
            % {"status": recommendation.get_status_display()}
        )


def _lift_blocks(recommendation: Recommendation, actor: Any, why: str) -> list[str]:
    """Lift the active block of the personnel data: the PPK complied (deadlines.md A4)."""
    lifted = []
    for block in Block.objects.filter(recommendation=recommendation, lifted_on__isnull=True):
        block.lifted_on = timezone.localdate()
        block.lift_reason = why
        block.lifted_by = actor
        block.save(update_fields=["lifted_on", "lift_reason", "lifted_by"])
        record(
            actor=actor,
            action="sanctions.block_lifted",
            target=block,
            summary=f"{recommendation.number}: block {block.letter_number} lifted",
            reason=why,
        )
        lifted.append(block.letter_number)
    return lifted


def _check_decree(
    rec: Recommendation, sanction_type: Any, decree_number: str, imposed_on: Any, reason: str
) -> tuple[str, dt.date, str, str]:
    """Every check of a decree that needs no lock: refused here, nothing is written."""
    _check_state(rec, RECORDABLE)
    number = required_text(decree_number, _("the decree number"), limit=80, multiline=False)
    day = _check_date(rec, imposed_on)
    if not isinstance(sanction_type, SanctionType):
        raise Refused(_("Choose the sanction imposed."))
    reason = (reason or "").strip()
    if reason:
        reason = required_text(reason, _("the reason"), limit=MAX_REASONS)
    flag, note = grade(rec, sanction_type, reason)
    return number, day, flag, note


def _settle(rec: Recommendation, sanction: Sanction, actor: Any) -> list[str]:
    """The recommendation followed up, its block lifted, the step on the case timeline."""
    rec.status = S.FOLLOWED_UP
    rec.settled_at = sanction.recorded_at
    rec.save(update_fields=["status", "settled_at"])
    number, code = sanction.decree_number, sanction.sanction_type.code
    # A lighter sanction is not yet compliance: the block stays for the authority to judge.
    lifted = [] if sanction.flag else _lift_blocks(rec, actor, _("Sanction imposed: %s") % number)
    add_stage_event(
        case=rec.case,
        actor=actor,
        step="sanction_recorded",
        reason=f"{rec.number}: {code} ({number})",
        recommendation=rec.number,
        sanction=code,
        flag=sanction.flag,
    )
    return lifted


def _save_with_scan(sanction: Sanction, scan: CheckedScan, written: list[str]) -> None:
    store_scan(sanction.decree_scan, scan, written)
    sanction.save()


def record_sanction(
    *,
    recommendation: Recommendation,
    actor: Any,
    sanction_type: SanctionType,
    decree_number: str,
    imposed_on: dt.date,
    decree_scan: Any,
    reason: str = "",
) -> Sanction:
    """The PPK's decree on a recommendation: refused (``Refused``/``Conflict``/``PermissionDenied``)
    unless it is one lawful, first decision of the agency the recommendation is addressed to."""
    rec = _locked_outside(recommendation, actor)
    number, day, flag, note = _check_decree(rec, sanction_type, decree_number, imposed_on, reason)
    scan = check_scan(decree_scan)
    with saved_files() as written, transaction.atomic():  # files out if even the commit fails
        rec = _locked(recommendation, actor)
        _check_state(rec, RECORDABLE)
        if Sanction.objects.filter(recommendation=rec).exists():
            raise Conflict(_("A decree has already been recorded on this recommendation."))
        sanction = Sanction(
            recommendation=rec,
            sanction_type=sanction_type,
            decree_number=number,
            imposed_on=day,
            decree_sha256=scan.sha256,
            flag=flag,
            flag_note=note,
            recorded_by=actor,
            recorded_at=timezone.now(),
        )
        _save_with_scan(sanction, scan, written)
        before = rec.status
        lifted = _settle(rec, sanction, actor)
        close_case_if_settled(case=rec.case, actor=actor)
        record(
            actor=actor,
            action="sanctions.sanction_recorded",
            target=sanction,
            summary=f"{rec.number}: {before} → {rec.status}, {sanction_type.code} ({number})",
            recommendation=rec.number,
            sanction=sanction_type.code,
            imposed_on=day.isoformat(),
            sha256=scan.sha256,
            flag=flag,
            blocks_lifted=lifted,
        )
    return sanction


def _locked_outside(recommendation: Recommendation, actor: Any) -> Recommendation:
    """The permission check before any input check, so another agency learns nothing."""
    with transaction.atomic():
        return _locked(recommendation, actor)


def contest_recommendation(*, recommendation: Recommendation, actor: Any, reasons: str) -> Contest:
    """The PPK objects to the recommendation with reasons; the authority answers (its own service).
    Once per recommendation, and only before any decree."""
    rec = _locked_outside(recommendation, actor)
    _check_state(rec, CONTESTABLE)
    reasons = required_text(reasons, _("the reasons"), limit=MAX_REASONS)
    with transaction.atomic():
        rec = _locked(recommendation, actor)
        _check_state(rec, CONTESTABLE)
        if Contest.objects.filter(recommendation=rec).exists():
            raise Conflict(_("This recommendation has already been contested once."))
        contest = Contest.objects.create(
            recommendation=rec, reasons=reasons, recorded_by=actor, recorded_at=timezone.now()
        )
        before = rec.status
        rec.status = S.CONTESTED
        rec.save(update_fields=["status"])
        add_stage_event(
            case=rec.case,
            actor=actor,
            step="contested",
            reason=f"{rec.number}: {reasons}",
            recommendation=rec.number,
        )
        record(
            actor=actor,
            action="sanctions.contested",
            target=contest,
            summary=f"{rec.number}: {before} → {rec.status}",
            recommendation=rec.number,
        )
    return contest
