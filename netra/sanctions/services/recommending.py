"""The authority's recommendation, one per proven reported person.

What the law allows depends on the violation types of the plenary decision, the person's kind of
employee and position class (the registry's record, else the category Bawaslu recorded) and their
earlier proven violations (docs/legal/catalogue-review.md F4-F6): ``reference.sanction_rules``
answers, and anything it does not allow is refused. PNS and PPPK get a recommendation to their
agency's PPK, due after rule A2's period (a service level: no statute gives one); non-ASN staff,
village heads and others are referred by letter to their own authority, which settles them at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.cases import documents
from netra.cases.models import Decision, EventKind, PersonCategory, ReportedPerson
from netra.cases.models import DocumentKind as Kind
from netra.reference.models import EmployeeType, SanctionLevel, SanctionType, ViolationGroup
from netra.reference.sanction_rules import AllowedSanctions, allowed_sanctions
from netra.registry.models import Agency

from ..models import Recommendation, Route
from . import letters
from .authority_base import (
    Conflict,
    Refused,
    acting_authority,
    days_after,
    lock_forwarded_case,
    not_in_future,
    step,
)
from .closing import close_case_if_settled
from .refusals import required_text

DUE_RULE = "A2"


@dataclass(frozen=True)
class PersonFacts:
    """What the allowed-sanction rule needs about one proven person, as the file stands."""

    decision: Decision
    violations: list[Any]
    employee_kind: str
    position_class: str
    earlier_proven: int
    agency: Agency | None

    @property
    def employee_kind_label(self) -> str:
        """The kind of employee in the page's language (the value is a code: "pns", ...)."""
        known = self.employee_kind in EmployeeType.values
        return str(EmployeeType(self.employee_kind).label) if known else self.employee_kind


def earlier_proven_decisions(person: ReportedPerson) -> QuerySet:
    """Other proven decisions about the same person (the registry record or the NIP)."""
    same = Q(pk__in=[])
    if person.employee_id:
        same |= Q(reported_person__employee_id=person.employee_id)
    if person.nip:
        same |= Q(reported_person__nip=person.nip)
    return (
        Decision.objects.filter(same, proven=True)
        .exclude(reported_person=person)
        .select_related("case", "catalogue_version")
        .prefetch_related("violation_types")
        .order_by("-decided_on", "-pk")
    )


def person_facts(person: ReportedPerson) -> PersonFacts:
    decision = (
        Decision.objects.filter(reported_person=person).select_related("catalogue_version").first()
    )
    if decision is None or not decision.proven:
        raise Refused(_("Only a person found in violation by the plenary can be recommended."))
    employee = person.employee
    return PersonFacts(
        decision=decision,
        violations=list(decision.violation_types.order_by("code")),
        employee_kind=employee.employee_type if employee else person.category,
        position_class=employee.position_class if employee else "",
        earlier_proven=earlier_proven_decisions(person)
        .filter(decided_on__lte=decision.decided_on)
        .count(),
        agency=person.agency or (employee.agency if employee else None),
    )


def options_for(facts: PersonFacts) -> AllowedSanctions:
    return allowed_sanctions(
        violation_types=facts.violations,
        employee_kind=facts.employee_kind,
        position_class=facts.position_class,
        earlier_proven=facts.earlier_proven,
    )


def _group(allowed: AllowedSanctions) -> str:
    if ViolationGroup.DISCIPLINE in allowed.groups:
        return ViolationGroup.DISCIPLINE
    return allowed.groups[0] if allowed.groups else ""


def _checked_choice(
    allowed: AllowedSanctions, level: str, sanction_type: SanctionType | None
) -> tuple[str, SanctionType | None]:
    """The level and form, if the rule allows them for this person; else a clear refusal."""
    if not allowed.forms and not allowed.levels:
        raise Refused(_("The catalogue allows no sanction for these violations and this person."))
    if level not in SanctionLevel.values or level not in allowed.levels:
        allowed_labels = ", ".join(str(SanctionLevel(v).label) for v in allowed.levels)
        raise Refused(
            _("This sanction level is not allowed for this person. Allowed: %(levels)s.")
            % {"levels": allowed_labels or "—"}
        )
    if sanction_type is not None:
        if not allowed.allows(sanction_type):
            raise Refused(
                _("“%(sanction)s” is not allowed for these violations and this kind of employee.")
                % {"sanction": sanction_type.label}
            )
        if sanction_type.level != level:
            raise Refused(_("The sanction chosen does not belong to the level chosen."))
    return level, sanction_type


def issue_recommendation(
    *,
    person: ReportedPerson,
    actor: Any,
    level: str,
    sanction_type: SanctionType | None = None,
    reasoning: str,
    issued_on: dt.date | None = None,
) -> Recommendation:
    """Recommend a sanction for ``person`` to their agency's PPK, or refer a non-ASN person to
    their own authority; the numbered letter with its QR code comes with it."""
    authority = acting_authority(actor)
    issued_on = not_in_future(issued_on or timezone.localdate(), _("The recommendation date"))
    reasoning = required_text(reasoning, _("the reasoning"))
    with transaction.atomic():
        case = lock_forwarded_case(person.case_id, authority)
        if Recommendation.objects.filter(reported_person_id=person.pk).exists():
            raise Conflict(_("A recommendation for this person already exists."))
        if issued_on < case.forwarding.forwarded_on:
            raise Refused(
                _("The recommendation cannot be dated before Bawaslu forwarded the case.")
            )
        facts = person_facts(person)
        allowed = options_for(facts)
        referred = allowed.route == Route.OWN_AUTHORITY
        if not referred:
            level, sanction_type = _checked_choice(allowed, level, sanction_type)
            if facts.agency is None:
                raise Refused(_("The person's agency is not known, so there is no PPK to address."))
        kind = Kind.REFERRAL if referred else Kind.RECOMMENDATION
        number = letters.next_number(kind, authority, issued_on.year)
        recommendation = _create(
            facts,
            allowed,
            case=case,
            reported_person=person,
            authority=authority,
            issued_by=actor,
            number=number,
            issued_on=issued_on,
            reasoning=reasoning,
            recommended_level="" if referred else level,
            recommended_sanction=None if referred else sanction_type,
        )
        _letter(recommendation, facts, kind, actor)
        step(
            case=case,
            actor=actor,
            kind=EventKind.RECOMMENDATION,
            action="referred" if referred else "recommendation_issued",
            target=recommendation,
            summary=f"{case.code}: {number} for person {person.pk}",
            number=number,
            person=person.pk,
            level=recommendation.recommended_level,
            sanction=sanction_type.code if sanction_type and not referred else "",
        )
        if referred:
            close_case_if_settled(case=case, actor=actor)
    return recommendation


def _create(facts: PersonFacts, allowed: AllowedSanctions, **fields: Any) -> Recommendation:
    referred = allowed.route == Route.OWN_AUTHORITY
    agency = facts.agency
    if agency is None:  # a referral without a known agency: addressed through the case's agency
        agency_id = _any_agency_of(fields["case"])
        agency = Agency.objects.filter(pk=agency_id).first() if agency_id else None
        if agency is None:
            raise Refused(_("The person's agency is not known, so there is no PPK to address."))
    issued_on = fields["issued_on"]
    recommendation = Recommendation.objects.create(
        **fields,
        report_to=fields["authority"],
        agency=agency,
        issued_at=timezone.now(),
        catalogue_version=facts.decision.catalogue_version,
        employee_kind=facts.employee_kind,
        position_class=facts.position_class,
        earlier_proven=min(facts.earlier_proven, 32767),
        route=allowed.route,
        group=_group(allowed),
        status=Recommendation.Status.REFERRED if referred else Recommendation.Status.ISSUED,
        due_on=None if referred else days_after(issued_on, DUE_RULE),
        deadline_rule="" if referred else DUE_RULE,
        settled_at=timezone.now() if referred else None,
    )
    recommendation.violation_types.set(facts.violations)
    return recommendation


def _any_agency_of(case) -> int | None:
    return (
        ReportedPerson.objects.filter(case=case, agency__isnull=False)
        .values_list("agency_id", flat=True)
        .first()
    )


def _letter(recommendation: Recommendation, facts: PersonFacts, kind: str, actor: Any) -> None:
    person = recommendation.reported_person
    forwarding = recommendation.case.forwarding
    kind_label = (
        str(PersonCategory(facts.employee_kind).label)
        if facts.employee_kind in PersonCategory.values
        else facts.employee_kind
    )
    document = letters.issue_letter(
        kind=kind,
        case=recommendation.case,
        authority=recommendation.authority,
        actor=actor,
        issued_on=recommendation.issued_on,
        number=recommendation.number,
        context={
            "rec": recommendation,
            "person": person,
            "agency": facts.agency,
            "violations": facts.violations,
            "sanction": recommendation.recommended_sanction,
            "level_label": recommendation.get_recommended_level_display(),
            "employee_kind_label": kind_label,
            "report_to": recommendation.report_to,
            "forwarding_office": _forwarding_office(forwarding),
        },
    )
    recommendation.letter = document
    recommendation.save(update_fields=["letter"])


def _forwarding_office(forwarding: Any) -> str:
    return documents.office_name(forwarding.case.jurisdiction_code)
