"""Moving every open file from one civil-service authority to another on a date, keeping history.

The 2024 rule (SE MenPAN-RB 4/2024; docs/legal/deadlines.md T3): a file KASN had already processed
(a recommendation issued before the date) stays KASN's and its PPK reports to MenPAN-RB
(``Recommendation.report_to``); a file not yet processed (forwarded, a proven person without a
recommendation issued before the date) goes to the new authority (``Forwarding.authority``). A
partly processed case gives both. Settled recommendations and closed cases do not move. Each moved
file gets a ``HandoverItem``, a case timeline step and an audit record; ``plan_handover`` is the dry
run and shows exactly what ``perform_handover`` would do.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.audit.services import record
from netra.cases.models import Case, CaseStatus, Decision, EventKind, Forwarding
from netra.reference.models import CivilServiceAuthority

from ..models import Handover, HandoverItem, Recommendation
from ..permissions_authority import authority_of
from .authority_base import Conflict, NotYours, Refused, step

LEGAL_BASIS = "SE MenPAN-RB 4/2024"
REPORT_PROCESSED_TO = "MENPANRB"
Kind = HandoverItem.Kind


@dataclass(frozen=True)
class PlannedItem:
    kind: str
    case: Case
    recommendation: Recommendation | None
    to: CivilServiceAuthority  # the new authority, or where a processed file now reports


@dataclass
class HandoverPlan:
    from_authority: CivilServiceAuthority
    to_authority: CivilServiceAuthority
    report_processed_to: CivilServiceAuthority
    effective_on: dt.date
    items: list[PlannedItem] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        found = Counter(item.kind for item in self.items)
        return {kind: found.get(kind, 0) for kind in Kind.values}


def _processed_elsewhere(effective_on: dt.date) -> Any:
    return Recommendation.objects.filter(
        reported_person=OuterRef("reported_person"), issued_on__lt=effective_on
    )


def plan_handover(
    *,
    from_authority: CivilServiceAuthority,
    to_authority: CivilServiceAuthority,
    effective_on: dt.date,
    report_processed_to: CivilServiceAuthority | None = None,
) -> HandoverPlan:
    """What a hand-over would move (nothing is written)."""
    if from_authority.pk == to_authority.pk:
        raise Refused(_("A hand-over must go to another authority than the one it comes from."))
    report_to = (
        report_processed_to
        or CivilServiceAuthority.objects.filter(code=REPORT_PROCESSED_TO).first()
    )
    if report_to is None:
        raise Refused(_("MenPAN-RB is missing from the authorities: run load_reference."))
    plan = HandoverPlan(from_authority, to_authority, report_to, effective_on)
    processed = (
        Recommendation.objects.filter(
            authority=from_authority, issued_on__lt=effective_on, case__status=CaseStatus.FORWARDED
        )
        .exclude(status__in=Recommendation.SETTLED)
        .exclude(report_to=report_to)
        .select_related("case")
        .order_by("case__code", "pk")
    )
    for rec in processed:
        plan.items.append(PlannedItem(Kind.RECOMMENDATION, rec.case, rec, report_to))
    unprocessed = Decision.objects.filter(case=OuterRef("case"), proven=True).exclude(
        Exists(_processed_elsewhere(effective_on))
    )
    forwards = (
        Forwarding.objects.filter(authority=from_authority, case__status=CaseStatus.FORWARDED)
        .filter(Exists(unprocessed))
        .select_related("case")
        .order_by("case__code")
    )
    for forwarding in forwards:
        plan.items.append(PlannedItem(Kind.FORWARDING, forwarding.case, None, to_authority))
    return plan


def perform_handover(
    *,
    from_authority: CivilServiceAuthority,
    to_authority: CivilServiceAuthority,
    effective_on: dt.date,
    actor: Any,
    report_processed_to: CivilServiceAuthority | None = None,
) -> Handover:
    """Carry out the plan in one transaction: every item moves, or none."""
    mine = authority_of(actor)
    if mine is None or mine.pk not in (from_authority.pk, to_authority.pk):
        raise NotYours(_("Only an analyst of one of the two authorities can perform a hand-over."))
    with transaction.atomic():
        # One hand-over from an authority at a time: a second one (a double submit) waits here,
        # then finds nothing left to move and is refused.
        CivilServiceAuthority.objects.select_for_update().filter(pk=from_authority.pk).first()
        plan = plan_handover(
            from_authority=from_authority,
            to_authority=to_authority,
            effective_on=effective_on,
            report_processed_to=report_processed_to,
        )
        if not plan.items:
            raise Conflict(_("Nothing is left to hand over: every open file has already moved."))
        handover = Handover.objects.create(
            from_authority=from_authority,
            to_authority=to_authority,
            effective_on=effective_on,
            performed_at=timezone.now(),
            performed_by=actor,
            legal_basis=LEGAL_BASIS,
            summary={**plan.counts, "report_processed_to": plan.report_processed_to.code},
        )
        for item in plan.items:
            _move(handover, plan, item, actor)
        record(
            actor=actor,
            action="sanctions.handover",
            target=handover,
            summary=f"{from_authority.code} → {to_authority.code} on {effective_on}: {plan.counts}",
            counts=plan.counts,
        )
    return handover


def _move(handover: Handover, plan: HandoverPlan, item: PlannedItem, actor: Any) -> None:
    if item.kind == Kind.RECOMMENDATION:
        assert item.recommendation is not None
        Recommendation.objects.filter(pk=item.recommendation.pk).update(report_to=item.to)
        what = _("reports to %(to)s") % {"to": item.to.code}
    else:
        Forwarding.objects.filter(case=item.case, authority=plan.from_authority).update(
            authority=item.to
        )
        what = _("moved to %(to)s") % {"to": item.to.code}
    HandoverItem.objects.create(
        handover=handover,
        kind=item.kind,
        case=item.case,
        recommendation=item.recommendation,
        from_authority=plan.from_authority,
        to_authority=item.to,
    )
    step(
        case=item.case,
        actor=actor,
        kind=EventKind.TRANSFER,
        action="handover_item",
        target=item.case,
        summary=f"{item.case.code}: {item.kind} {plan.from_authority.code} → {item.to.code}",
        reason=f"{LEGAL_BASIS}: {what}",
        handover=handover.pk,
        item=item.kind,
        to=item.to.code,
        recommendation=item.recommendation.number if item.recommendation else "",
    )
