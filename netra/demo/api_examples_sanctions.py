"""Finds, in the demo world of `bin/run`, a target for every request example of the sanctions API
(``/api/v1/sanctions/…``): a proven person or a recommendation in the state the operation needs,
that the example's fixed values fit (the level and form the catalogue allows for that person, a
block date after the PPK's due date, a decree dated on or after the recommendation, …).

The finders read the example's body, so an example and its target cannot drift apart silently:
``netra/sanctions/tests/test_api_examples_demo.py`` sends every example to its target on the demo
world as ``bkn.analis`` (the authority) or ``ppk.samarinda`` (a PPK) and expects success.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from netra.accounts.models import User
from netra.cases.models import CaseStatus, ReportedPerson
from netra.reference.models import SanctionType
from netra.sanctions.models import Block, Contest, Recommendation, Route
from netra.sanctions.permissions_authority import authority_of, authority_recommendations
from netra.sanctions.selectors_ppk import agency_recommendations
from netra.sanctions.services.authority_base import days_after
from netra.sanctions.services.enforcement import ESCALATION_RULE
from netra.sanctions.services.grading import allowed_for, is_lighter
from netra.sanctions.services.recommending import options_for, person_facts
from netra.sanctions.services.refusals import Refused

S = Recommendation.Status
AUTHORITY_USER = "bkn.analis"
PPK_USER = "ppk.samarinda"
PREFIX = "/api/v1/sanctions"


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _first(rows: Iterable[Any], fits: Callable[[Any], bool], what: str) -> int:
    for row in rows:
        if fits(row):
            return int(row.pk)
    raise LookupError(f"The demo world has no {what} for this example: build it with defaults.")


def _active_block() -> Exists:
    return Exists(Block.objects.filter(recommendation=OuterRef("pk"), lifted_on__isnull=True))


def _authority_recs(user: User) -> QuerySet[Recommendation]:
    return authority_recommendations(user).order_by("issued_on", "pk")


# --- The authority (bkn.analis) --------------------------------------------------------------------


def person_to_recommend(user: User, body: dict[str, Any]) -> int:
    """A proven person of a case forwarded to the analyst's authority, still without a
    recommendation, for whom the catalogue allows the example's level (and form)."""
    persons = (
        ReportedPerson.objects.filter(
            case__status=CaseStatus.FORWARDED,
            case__forwarding__authority=authority_of(user),
            decision__proven=True,
            recommendation__isnull=True,
        )
        .select_related("case__forwarding", "employee", "agency")
        .order_by("case__code", "pk")
    )
    sanction = SanctionType.objects.filter(code=body.get("sanction", "").upper()).first()
    issued_on = _date(body.get("issued_on")) or timezone.localdate()

    def fits(person: ReportedPerson) -> bool:
        try:
            facts = person_facts(person)
        except Refused:
            return False
        allowed = options_for(facts)
        return (
            allowed.route == Route.SANCTION
            and facts.agency is not None
            and body["level"] in allowed.levels
            and (sanction is None or (allowed.allows(sanction) and sanction.level == body["level"]))
            and person.case.forwarding.forwarded_on <= issued_on
        )

    return _first(persons, fits, "proven person to recommend")


def recommendation_to_block(user: User, body: dict[str, Any]) -> int:
    """An issued, unblocked recommendation whose PPK's time had run out by the block date."""
    blocked_on = _date(body["blocked_on"])
    rows = _authority_recs(user).filter(~_active_block(), status=S.ISSUED, due_on__lt=blocked_on)
    return _first(rows, lambda r: True, "overdue recommendation to block")


def recommendation_to_escalate(user: User, body: dict[str, Any]) -> int:
    """A blocked recommendation whose block is older than rule A5's period on the escalation day."""
    day = _date(body.get("escalated_on")) or timezone.localdate()
    rows = _authority_recs(user).filter(_active_block(), status=S.ISSUED)

    def fits(rec: Recommendation) -> bool:
        block = rec.blocks.filter(lifted_on__isnull=True).order_by("-blocked_on").first()
        earliest = days_after(block.blocked_on, ESCALATION_RULE) if block else None
        return earliest is not None and earliest < day

    return _first(rows, fits, "blocked recommendation to escalate")


def contested_recommendation(user: User, body: dict[str, Any]) -> int:
    """A contested recommendation whose contest is still unanswered."""
    open_contest = Contest.objects.filter(recommendation=OuterRef("pk"), answered_at__isnull=True)
    rows = _authority_recs(user).filter(Exists(open_contest), status=S.CONTESTED)
    return _first(rows, lambda r: True, "contested recommendation")


# --- The PPK (ppk.samarinda) -----------------------------------------------------------------------


def recommendation_for_decree(user: User, body: dict[str, Any]) -> int:
    """An open recommendation of the PPK's agency (awaiting or escalated) issued on or before the
    decree date, for which the catalogue allows the example's sanction, not lighter than asked."""
    imposed_on = _date(body["imposed_on"])
    sanction = SanctionType.objects.get(code=body["sanction"].upper())
    rows = (
        agency_recommendations(user)
        .filter(status__in=(S.ISSUED, S.ESCALATED), route=Route.SANCTION, issued_on__lte=imposed_on)
        .order_by("issued_on", "pk")
    )

    def fits(rec: Recommendation) -> bool:
        wanted = rec.recommended_sanction
        return (
            allowed_for(rec).allows(sanction)
            and not is_lighter(sanction, rec)
            and (body.get("reason") or wanted is None or wanted == sanction)
        )

    return _first(rows, fits, "recommendation for this decree")


def recommendation_to_contest(user: User, body: dict[str, Any]) -> int:
    """An issued recommendation of the PPK's agency that was never contested."""
    rows = (
        agency_recommendations(user)
        .filter(status=S.ISSUED, route=Route.SANCTION, contest__isnull=True)
        .order_by("issued_on", "pk")
    )
    return _first(rows, lambda r: True, "recommendation to contest")


# Operation path → (the demo user who sends it, the path parameter, the finder).
FINDERS: dict[str, tuple[str, str, Callable[[User, dict[str, Any]], int]]] = {
    f"{PREFIX}/authority/persons/{{person_id}}/recommendation": (
        AUTHORITY_USER,
        "person_id",
        person_to_recommend,
    ),
    f"{PREFIX}/authority/recommendations/{{rec_id}}/block": (
        AUTHORITY_USER,
        "rec_id",
        recommendation_to_block,
    ),
    f"{PREFIX}/authority/recommendations/{{rec_id}}/escalation": (
        AUTHORITY_USER,
        "rec_id",
        recommendation_to_escalate,
    ),
    f"{PREFIX}/authority/recommendations/{{rec_id}}/contest-answer": (
        AUTHORITY_USER,
        "rec_id",
        contested_recommendation,
    ),
    f"{PREFIX}/ppk/recommendations/{{rec_id}}/sanction": (
        PPK_USER,
        "rec_id",
        recommendation_for_decree,
    ),
    f"{PREFIX}/ppk/recommendations/{{rec_id}}/contest": (
        PPK_USER,
        "rec_id",
        recommendation_to_contest,
    ),
}


def target(template: str, body: dict[str, Any]) -> tuple[str, str]:
    """(username, concrete path) for one example of the operation at ``template``."""
    if template not in FINDERS:
        raise LookupError(f"No demo target finder for {template}: add one to FINDERS.")
    username, parameter, finder = FINDERS[template]
    pk = finder(User.objects.get(username=username), body)
    return username, template.replace(f"{{{parameter}}}", str(pk))
