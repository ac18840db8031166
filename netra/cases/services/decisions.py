"""The plenary decision (pleno) per reported person, and the forwarding of the ASN part to the
civil-service authority competent that day (KASN until 2024-09-03, BKN from 2024-09-04:
docs/legal/deadlines.md T1-T3)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.reference.models import (
    CatalogueVersion,
    CivilServiceAuthority,
    CriminalArticle,
    ViolationType,
)

from .. import queue_violations
from ..models import Case, Decision, Forwarding, ReportedPerson
from ..workflow import CaseError, transition_for
from .base import CIVIL_SERVICE_CATEGORIES, as_of, event, locked, save


@dataclass(frozen=True)
class Finding:
    """The plenary's finding on one reported person."""

    person_id: int
    proven: bool
    violation_codes: tuple[str, ...] = ()
    criminal_codes: tuple[str, ...] = ()
    reasoning: str = ""


def _check_findings(
    case: Case, findings: list[Finding], version: CatalogueVersion
) -> list[tuple[ReportedPerson, Finding, list[ViolationType], list[CriminalArticle]]]:
    persons = {p.pk: p for p in case.reported_persons.all()}
    given = [f.person_id for f in findings]
    if sorted(given) != sorted(persons) or len(set(given)) != len(given):
        raise CaseError(_("Give one finding for each reported person of the case."))
    out = []
    for finding in findings:
        person = persons[finding.person_id]
        codes = sorted(set(finding.violation_codes))
        violations = list(ViolationType.objects.filter(version=version, code__in=codes))
        if len(violations) != len(codes):
            unknown = sorted(set(codes) - {v.code for v in violations})
            raise CaseError(
                _("Not in catalogue %(version)s: %(codes)s.")
                % {"version": version.code, "codes": ", ".join(unknown)}
            )
        crimes = sorted(set(finding.criminal_codes))
        articles = list(
            CriminalArticle.objects.filter(code__in=crimes, election_kind=case.election.kind)
        )
        if len(articles) != len(crimes):
            raise CaseError(
                _("Unknown criminal article for a %(kind)s: %(codes)s.")
                % {"kind": case.election.get_kind_display(), "codes": ", ".join(crimes)}
            )
        if finding.proven and not violations and not articles:
            raise CaseError(
                _("%(name)s: a proven violation needs at least one violation type.")
                % {"name": person.name}
            )
        if not finding.proven and (violations or articles):
            raise CaseError(
                _("%(name)s: a violation that is not proven has no violation type.")
                % {"name": person.name}
            )
        out.append((person, finding, violations, articles))
    return out


def _record_decisions(
    case: Case,
    checked: list[tuple[ReportedPerson, Finding, list[ViolationType], list[CriminalArticle]]],
    version: CatalogueVersion,
    decided_on: dt.date,
    actor: Any,
) -> None:
    for person, finding, violations, articles in checked:
        decision = Decision.objects.create(
            case=case,
            reported_person=person,
            proven=finding.proven,
            catalogue_version=version,
            decided_on=decided_on,
            reasoning=finding.reasoning,
            decided_by=actor,
        )
        decision.violation_types.set(violations)
        decision.criminal_articles.set(articles)
    queue_violations.recount(case)


def decide_case(
    *,
    case: Case,
    actor: Any,
    decided_on: dt.date,
    findings: list[Finding],
    reason: str = "",
) -> Case:
    """The plenary decision, per reported person, under the catalogue version in force that day."""
    transition_for(case.status, "decide")
    today = timezone.localdate()
    if decided_on > today:
        raise CaseError(_("The decision date cannot be in the future."))
    if decided_on < timezone.localdate(case.received_at):
        raise CaseError(_("The decision date cannot be before the report was received."))
    version = CatalogueVersion.in_force_on(decided_on)
    if version is None:
        raise CaseError(_("No violation catalogue was in force on that date."))
    with transaction.atomic():
        case = locked(case, actor)
        before = case.status
        case.status = transition_for(before, "decide")
        checked = _check_findings(case, findings, version)
        _record_decisions(case, checked, version, decided_on, actor)
        case.decided_at = timezone.now() if decided_on == today else as_of(decided_on)
        proven = [(p, v) for p, f, v, _a in checked if f.proven]
        # What the reporters read (public.py): how many were found in violation and of which
        # groups; never who, so nothing is said about a person not found guilty.
        event(
            case,
            actor,
            from_status=before,
            reason=reason,
            catalogue=version.code,
            proven=len(proven),
            persons=len(checked),
            groups=sorted({v.group for _p, vs in proven for v in vs}),
        )
        save(
            case,
            "decide",
            actor,
            f"{case.code}: decided, {len(proven)}/{len(checked)} proven",
            catalogue=version.code,
            decided_on=decided_on.isoformat(),
        )
    return case


def forward_case(
    *, case: Case, actor: Any, forwarded_on: dt.date | None = None, note: str = ""
) -> Case:
    """Forward the ASN part to the authority competent that day (KASN, BKN from 2024-09-04)."""
    transition_for(case.status, "forward")
    forwarded_on = forwarded_on or timezone.localdate()
    if forwarded_on > timezone.localdate():
        raise CaseError(_("The forwarding date cannot be in the future."))
    authority = CivilServiceAuthority.competent_on(forwarded_on)
    if authority is None:
        raise CaseError(_("No civil-service authority was competent on that date."))
    with transaction.atomic():
        case = locked(case, actor)
        before = case.status
        case.status = transition_for(before, "forward")
        if case.decided_at and forwarded_on < timezone.localdate(case.decided_at):
            raise CaseError(_("The forwarding date cannot be before the decision."))
        proven = Decision.objects.filter(
            case=case, proven=True, reported_person__category__in=CIVIL_SERVICE_CATEGORIES
        )
        if not proven.exists():
            raise CaseError(
                _("No civil servant was found in violation: close the case instead of forwarding.")
            )
        criminal = proven.filter(criminal_articles__isnull=False).exists()
        Forwarding.objects.create(
            case=case,
            authority=authority,
            forwarded_on=forwarded_on,
            touches_election_law=criminal,
            forwarded_by=actor,
            note=note,
        )
        case.forwarded_at = (
            timezone.now() if forwarded_on == timezone.localdate() else as_of(forwarded_on)
        )
        event(case, actor, from_status=before, reason=note, authority=authority.code)
        save(
            case,
            "forward",
            actor,
            f"{case.code}: forwarded to {authority.code}",
            authority=authority.code,
            touches_election_law=criminal,
        )
    return case
