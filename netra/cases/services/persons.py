"""Who a reported person is in the registry: an officer links the person the report names to the
employee record, so letters carry the NIP and the recommendation reaches the right agency's PPK."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from netra.audit.services import record
from netra.registry.identifiers import IdentifierError, parse_nip
from netra.registry.permissions import visible_employees

from ..models import Case, CaseStatus, ReportedPerson
from ..workflow import CaseError
from .base import locked

# Once decided, the record of who was found in violation is what the decision says.
LINKABLE = (
    CaseStatus.RECEIVED,
    CaseStatus.INITIAL_REVIEW,
    CaseStatus.REGISTERED,
    CaseStatus.CLARIFICATION,
)


def link_to_registry(*, case: Case, actor: Any, person_id: int, nip: str) -> ReportedPerson:
    """Link a reported person to the employee with this NIP; their agency, position and kind follow
    the registry. Refused for an unknown NIP, and after the decision."""
    try:
        parsed = parse_nip(nip.replace(" ", ""))
    except IdentifierError as exc:
        raise CaseError(exc.message) from exc
    with transaction.atomic():
        case = locked(case, actor)
        if case.status not in LINKABLE:
            raise CaseError(_("Reported persons are linked to the registry before the decision."))
        person = ReportedPerson.objects.filter(case=case, pk=person_id).first()
        if person is None:
            raise CaseError(_("No such reported person on this case."))
        employee = visible_employees(actor).filter(nip=parsed.value).first()
        if employee is None:
            raise CaseError(
                _("No employee with NIP %(nip)s in the registry.") % {"nip": parsed.value}
            )
        person.employee, person.nip = employee, employee.nip or ""
        person.agency_id = employee.agency_id
        person.position_title = person.position_title or employee.position_title
        person.category = employee.employee_type
        person.save()
        record(
            actor=actor,
            action="case.person_linked",
            target=case,
            summary=f"{case.code}: person {person.pk} is employee {employee.pk}",
            person=person.pk,
            employee=employee.pk,
        )
    return person
