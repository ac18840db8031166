"""Closing the loop (issue 16): a forwarded case closes once every proven person has a
recommendation and every one of them is settled (``Recommendation.SETTLED``: a sanction imposed,
referred to the person's own authority, or withdrawn after a contest).

Called by every service that settles a recommendation, inside its transaction. The close itself is
case handling's (``cases.services.close_after_sanctions``); the reporters read the outcome in public
words, counted, never whose.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from netra.cases.models import Case, CaseStatus, Decision
from netra.cases.services import close_after_sanctions

from ..models import Recommendation

S = Recommendation.Status
# The reporter-visible note, stored in Indonesian (the follow page words it in the reader's
# language from the counts: cases/public.py).
NOTES = {
    S.FOLLOWED_UP: "Rekomendasi sanksi telah ditindaklanjuti oleh instansi.",
    S.REFERRED: "Temuan telah diteruskan kepada instansi yang berwenang.",
    S.WITHDRAWN: "Rekomendasi ditarik oleh otoritas kepegawaian setelah ditinjau.",
}


def settled_outcome(case: Case) -> dict[str, int] | None:
    """The count per settled status when every proven person's recommendation is settled; None
    while one is missing or open."""
    # Every proven person, as the authority's inbox counts them: civil servants get a
    # recommendation, village heads and other non-ASN a referral letter (route own_authority).
    proven = set(
        Decision.objects.filter(case=case, proven=True).values_list("reported_person_id", flat=True)
    )
    recs = Recommendation.objects.filter(case=case)
    covered = set(recs.values_list("reported_person_id", flat=True))
    if not proven or not proven <= covered:
        return None
    counts = dict(recs.order_by().values_list("status").annotate(n=Count("pk")))
    if any(status not in Recommendation.SETTLED for status in counts):
        return None
    return {str(status): n for status, n in counts.items()}


def close_case_if_settled(*, case: Case, actor: Any) -> bool:
    """Close ``case`` (forwarded → closed) if its sanction stage is done; whether it closed."""
    if Case.objects.filter(pk=case.pk).values_list("status", flat=True).first() != (
        CaseStatus.FORWARDED
    ):
        return False
    outcome = settled_outcome(case)
    if outcome is None:
        return False
    note = " ".join(NOTES[S(status)] for status in S if status in outcome)
    close_after_sanctions(case=case, actor=actor, reporter_note=note, outcome=outcome)
    return True
