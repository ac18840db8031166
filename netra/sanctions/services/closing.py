"""Closing the loop: a forwarded case closes once every proven person's recommendation is settled.

MINIMAL VERSION from the authority branch (the ``ppk`` branch owns this module; the lead keeps one
``close_case_if_settled(*, case, actor)`` with this signature). Called inside the caller's
transaction after a step that may settle the last recommendation (a referral, a withdrawal).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.audit.services import record
from netra.cases import queue_violations
from netra.cases.models import Case, CaseEvent, CaseStatus, Decision
from netra.cases.workflow import transition_for

from ..models import Recommendation


def close_case_if_settled(*, case: Case, actor: Any) -> bool:
    """Close ``case`` if every proven person has a settled recommendation; True if it closed."""
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
        if case.status != CaseStatus.FORWARDED:
            return False
        proven = Decision.objects.filter(case=case, proven=True).values_list(
            "reported_person_id", flat=True
        )
        settled = Recommendation.objects.filter(
            case=case, reported_person_id__in=proven, status__in=Recommendation.SETTLED
        ).count()
        if settled < len(proven):
            return False
        before = case.status
        case.status = transition_for(before, "close")
        case.closed_at = timezone.now()
        case.due_on, case.deadline_rule = None, ""
        case.save(update_fields=["status", "closed_at", "due_on", "deadline_rule"])
        queue_violations.follow(case)
        CaseEvent.objects.create(
            case=case,
            at=case.closed_at,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            from_status=before,
            to_status=case.status,
            reason=_("Every recommendation on the case is settled."),
            reporter_note=_(
                "The civil-service authority has completed its follow-up of this case."
            ),
        )
        record(
            actor=actor,
            action="sanctions.case_closed",
            target=case,
            summary=f"{case.code}: closed, every recommendation settled",
        )
    return True
