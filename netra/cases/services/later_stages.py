"""What a later stage (the sanction stage, netra/sanctions) does to a case without being a Bawaslu
officer: put its steps on the case timeline, and close the case once its own work is done.

The case-handling services lock a case within the acting officer's handling scope
(``permissions.lock_for_handling``); a PPK or the civil-service authority handles no case, so these
two lock the case row without that scope. The caller has already decided its own permission (the
sanctions app's ``permissions.py``) and holds its own rows locked; cases never imports sanctions, so
it takes what it needs as arguments.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Case, CaseEvent, CaseStatus, EventKind
from ..workflow import TransitionNotAllowed, transition_for
from .base import event, save


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update(of=("self",)).select_related("election").get(pk=case.pk)


def add_stage_event(
    *,
    case: Case,
    actor: Any,
    step: str,
    reason: str = "",
    kind: str = EventKind.SANCTION,
    **data: Any,
) -> CaseEvent:
    """A step of the sanction stage on the officers' timeline (``kind``: sanction, recommendation,
    enforcement, transfer; never shown to a reporter: ``public.PUBLIC_KINDS``). ``step`` names it
    (``sanction_recorded``, ``contested``, ``blocked``)."""
    return event(case, actor, from_status=case.status, reason=reason, kind=kind, step=step, **data)


def close_after_sanctions(
    *, case: Case, actor: Any, reporter_note: str, outcome: dict[str, int] | None = None
) -> Case:
    """Close a forwarded case once the sanction stage has settled every proven person's
    recommendation (issue 16, "closing the loop"). ``reporter_note`` is what the reporters read, in
    public words (no names); ``outcome`` holds the counts behind it (``public.py`` words them in the
    reader's language). Refused (409) unless the case is forwarded."""
    with transaction.atomic():
        case = _locked(case)
        before = case.status
        if before != CaseStatus.FORWARDED:
            raise TransitionNotAllowed(_("Only a forwarded case closes when its sanctions settle."))
        case.status = transition_for(before, "close")
        case.closed_at = timezone.now()
        event(
            case,
            actor,
            from_status=before,
            reason=reporter_note,
            reporter_note=reporter_note,
            after="sanctions",
            outcome=outcome or {},
        )
        save(case, "close_after_sanctions", actor, f"{case.code}: closed, sanctions settled")
    return case
