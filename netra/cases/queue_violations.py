"""The violation type codes decided on each case, kept beside the case for the officer queue.

``CaseViolation`` is derived data: one row per case and violation type code found in the case's
decisions, with a copy of the case's urgency keys, so that the queue's violation filter walks one
index in queue order (``selectors.queue_page``). ``services`` keeps it current inside the
transaction that changes the case: ``recount`` wherever decisions or the cases they belong to change
(``decide_case``, ``merge_cases``, ``split_case``), ``follow`` on every save of a case (``due_on``
moves with each step, ``received_at`` on a merge). Migration ``0005_caseviolation`` filled it for
the cases that existed before; the demo builder writes it with its decisions.
"""

from __future__ import annotations

from netra.reference.models import ViolationType

from .models import Case, CaseViolation


def codes_decided(case: Case) -> list[str]:
    """The violation type codes of the case's decisions, as the decisions themselves say."""
    return sorted(
        set(ViolationType.objects.filter(decision__case=case).values_list("code", flat=True))
    )


def recount(case: Case) -> None:
    """Rewrite the case's rows from its decisions."""
    CaseViolation.objects.filter(case=case).delete()
    CaseViolation.objects.bulk_create(
        CaseViolation(case=case, code=code, due_on=case.due_on, received_at=case.received_at)
        for code in codes_decided(case)
    )


def follow(case: Case) -> None:
    """Copy the case's urgency keys onto its rows (none for a case without a decision)."""
    CaseViolation.objects.filter(case=case).update(due_on=case.due_on, received_at=case.received_at)
