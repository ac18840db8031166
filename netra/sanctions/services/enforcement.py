"""When the PPK does not act: the overdue flag and its reminder, the block of the employee's personnel
data, escalation to the ministry, and the authority's answer to a PPK's contest.

The PPK's time (rule A2) and the wait between a block and an escalation (rule A5) are service levels
in netra/reference/data/deadlines.toml: no statute gives either number, so both are data with
status ``no_statutory_basis`` and the office can change them (docs/legal/deadlines.md 1C).
A recommendation moves: issued → (overdue flag, block) → escalated; contested → issued (the
recommendation is maintained, with a new due date) or withdrawn (``STEPS`` below).
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.accounts.models import Role, User
from netra.cases.models import DocumentKind as Kind
from netra.cases.models import EventKind
from netra.registry.models import Agency

from ..models import Block, Contest, Escalation, Recommendation
from . import letters
from .authority_base import (
    Conflict,
    Refused,
    days_after,
    lock_recommendation,
    not_in_future,
    step,
)
from .closing import close_case_if_settled
from .refusals import required_text

S = Recommendation.Status
ESCALATION_RULE = "A5"
DUE_RULE = "A2"

# The authority's steps on a recommendation: (status, step) → status. Anything else is refused.
STEPS: dict[tuple[str, str], str] = {
    (S.ISSUED, "block"): S.ISSUED,
    (S.ISSUED, "escalate"): S.ESCALATED,
    (S.CONTESTED, "maintain"): S.ISSUED,
    (S.CONTESTED, "withdraw"): S.WITHDRAWN,
}


def next_status(status: str, name: str) -> str:
    target = STEPS.get((status, name))
    if target is None:
        raise Conflict(
            _("This step is not possible for a recommendation that is “%(status)s”.")
            % {"status": S(status).label}
        )
    return target


def is_overdue(recommendation: Recommendation, today: dt.date) -> bool:
    return (
        recommendation.status == S.ISSUED
        and recommendation.due_on is not None
        and recommendation.due_on < today
    )


# --- The overdue flag and its reminder -------------------------------------------------------------


def flag_overdue(*, today: dt.date | None = None) -> int:
    """Flag every issued recommendation whose due day has passed, once, and remind the agency's
    personnel officers and the authority's analysts by e-mail. Idempotent (``overdue_since``)."""
    today = today or timezone.localdate()
    ids = list(
        Recommendation.objects.filter(
            status=S.ISSUED, due_on__lt=today, overdue_since__isnull=True
        ).values_list("pk", flat=True)
    )
    flagged = 0
    for pk in ids:
        with transaction.atomic():
            found = (
                Recommendation.objects.select_for_update(of=("self",))
                .select_related("case", "agency")
                .filter(pk=pk, status=S.ISSUED, overdue_since__isnull=True)
                .first()
            )
            if found is None or found.due_on is None:
                continue  # acted on meanwhile
            found.overdue_since = found.due_on + dt.timedelta(days=1)
            found.save(update_fields=["overdue_since"])
            step(
                case=found.case,
                actor=None,
                actor_label="task:flag_overdue",
                kind=EventKind.ENFORCEMENT,
                action="overdue",
                target=found,
                summary=f"{found.number}: overdue since {found.overdue_since}",
                number=found.number,
                due_on=found.due_on.isoformat(),
            )
            transaction.on_commit(partial(_remind, found))
        flagged += 1
    return flagged


def _remind(recommendation: Recommendation) -> None:
    agency_staff = User.objects.filter(
        role=Role.AGENCY_PERSONNEL, agency=recommendation.agency_id, is_active=True
    )
    analysts = User.objects.filter(role=Role.AUTHORITY_ANALYST, is_active=True)
    addresses = {u.email for u in [*agency_staff, *analysts] if u.email}
    url = settings.NETRA_PUBLIC_URL.rstrip("/") + reverse("web:home")
    subject = _("Recommendation %(number)s is overdue") % {"number": recommendation.number}
    body = _(
        "The PPK of %(agency)s has not acted on recommendation %(number)s (case %(case)s), due "
        "%(due)s. The authority may now block the employee's personnel data.\n\n%(url)s"
    ) % {
        "agency": recommendation.agency.name,
        "number": recommendation.number,
        "case": recommendation.case.code,
        "due": recommendation.due_on.strftime("%d-%m-%Y") if recommendation.due_on else "—",
        "url": url,
    }
    for address in sorted(addresses):  # one message each: colleagues' addresses stay private
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address]).send()


# --- Block and escalation --------------------------------------------------------------------------


def block_personnel_data(
    *, recommendation: Recommendation, actor: Any, blocked_on: dt.date, letter_number: str
) -> Block:
    """Record the block of the employee's personnel data (SIASN) on an overdue recommendation
    (rule A4: SKB 5 K/L 2022, Perpres 116/2022, Peraturan BKN 1/2023)."""
    letter_number = required_text(
        letter_number, _("the number of the blocking letter"), limit=80, multiline=False
    )
    not_in_future(blocked_on, _("The block date"))
    with transaction.atomic():
        found = lock_recommendation(recommendation.pk, actor)
        next_status(found.status, "block")
        if found.blocks.filter(lifted_on__isnull=True).exists():
            raise Conflict(_("The personnel data of this employee is already blocked."))
        if not is_overdue(found, blocked_on):
            raise Conflict(
                _("The PPK's time has not run out yet (due %(due)s): a block is not possible.")
                % {"due": found.due_on.strftime("%d-%m-%Y") if found.due_on else "—"}
            )
        if found.overdue_since is None:
            found.overdue_since = (found.due_on or blocked_on) + dt.timedelta(days=1)
            found.save(update_fields=["overdue_since"])
        block = Block.objects.create(
            recommendation=found,
            blocked_on=blocked_on,
            letter_number=letter_number,
            blocked_by=actor,
        )
        step(
            case=found.case,
            actor=actor,
            kind=EventKind.ENFORCEMENT,
            action="blocked",
            target=found,
            summary=f"{found.number}: personnel data blocked ({letter_number})",
            number=found.number,
            letter=letter_number,
            blocked_on=blocked_on.isoformat(),
        )
    return block


def default_addressee(agency: Agency) -> str:
    """Regional heads answer to the Minister of Home Affairs; central PPKs to MenPAN-RB."""
    if agency.level == Agency.Level.NATIONAL:
        return "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"
    return "Menteri Dalam Negeri"


def _addressee(addressed_to: str, agency: Agency) -> str:
    if not (addressed_to or "").strip():
        return default_addressee(agency)
    return required_text(addressed_to, _("the addressee"), limit=200, multiline=False)


def escalate_recommendation(
    *,
    recommendation: Recommendation,
    actor: Any,
    escalated_on: dt.date | None = None,
    addressed_to: str = "",
) -> Escalation:
    """Escalate a blocked recommendation to the ministry once rule A5's period after the block has
    passed, with a generated letter; the recommendation becomes ``escalated``."""
    escalated_on = not_in_future(escalated_on or timezone.localdate(), _("The escalation date"))
    with transaction.atomic():
        found = lock_recommendation(recommendation.pk, actor)
        target = next_status(found.status, "escalate")
        block = found.blocks.filter(lifted_on__isnull=True).order_by("-blocked_on").first()
        if block is None:
            raise Conflict(_("Record the block of the personnel data before escalating."))
        earliest = days_after(block.blocked_on, ESCALATION_RULE)
        if earliest is None or escalated_on <= earliest:
            raise Conflict(
                _("Escalation is possible after %(day)s (rule A5, counted from the block).")
                % {"day": earliest.strftime("%d-%m-%Y") if earliest else "—"}
            )
        addressee = _addressee(addressed_to, found.agency)
        number = letters.next_number(Kind.ESCALATION, found.authority, escalated_on.year)
        document = letters.issue_letter(
            kind=Kind.ESCALATION,
            case=found.case,
            authority=found.authority,
            actor=actor,
            issued_on=escalated_on,
            number=number,
            context={
                "rec": found,
                "person": found.reported_person,
                "agency": found.agency,
                "block": block,
                "addressed_to": addressee,
            },
        )
        escalation = Escalation.objects.create(
            recommendation=found,
            escalated_on=escalated_on,
            addressed_to=addressee,
            letter=document,
            escalated_by=actor,
        )
        found.status = target
        found.save(update_fields=["status"])
        step(
            case=found.case,
            actor=actor,
            kind=EventKind.ENFORCEMENT,
            action="escalated",
            target=found,
            summary=f"{found.number}: escalated to {addressee} ({number})",
            number=found.number,
            letter=number,
        )
    return escalation


# --- The answer to a contest -----------------------------------------------------------------------


def answer_contest(
    *,
    recommendation: Recommendation,
    actor: Any,
    decision: str,
    answer: str,
    answered_on: dt.date | None = None,
) -> Recommendation:
    """Maintain the recommendation (back to ``issued`` with a new due date from the answer, rule
    A2) or withdraw it (settled; the case closes if nothing else is open)."""
    if decision not in ("maintain", "withdraw"):
        raise Refused(_("Choose to maintain or to withdraw the recommendation."))
    answer = required_text(answer, _("the answer to the contest"))
    answered_on = not_in_future(answered_on or timezone.localdate(), _("The answer date"))
    with transaction.atomic():
        found = lock_recommendation(recommendation.pk, actor)
        target = next_status(found.status, decision)
        contest = Contest.objects.select_for_update().filter(recommendation=found).first()
        if contest is None or contest.answered_at is not None:
            raise Conflict(_("There is no open contest on this recommendation."))
        contest.answer, contest.answered_by, contest.answered_at = answer, actor, timezone.now()
        contest.save(update_fields=["answer", "answered_by", "answered_at"])
        found.status = target
        if decision == "maintain":
            found.due_on, found.deadline_rule = days_after(answered_on, DUE_RULE), DUE_RULE
            found.overdue_since = None
        else:
            found.settled_at = timezone.now()
        found.save(
            update_fields=["status", "due_on", "deadline_rule", "overdue_since", "settled_at"]
        )
        step(
            case=found.case,
            actor=actor,
            kind=EventKind.ENFORCEMENT,
            action=f"contest_{decision}",
            target=found,
            summary=f"{found.number}: contest answered, {decision}",
            reason=answer,
            number=found.number,
        )
        if decision == "withdraw":
            close_case_if_settled(case=found.case, actor=actor)
    return found
