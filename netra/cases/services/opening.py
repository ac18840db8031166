"""Opening cases: the one way a case comes to exist.

Public intake and temuan (netra/reports), a split, the demo world and the test factories all come
through ``open_cases``: the handling office by routing, the reported persons linked to the registry
by NIP, a fresh case code, the first deadline, and the RECEIVED step on the timeline. The caller's own
service writes the audit entry that names the case (e.g. ``report.submitted``), in the same
transaction.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from netra.reference.models import Election, Region
from netra.registry.models import Agency, Employee

from .. import deadlines
from ..codes import new_case_codes
from ..models import Case, CaseEvent, CaseStatus, PersonCategory, ReportedPerson
from ..routing import Office, handling_office, routing_agency


@dataclass(frozen=True)
class PersonSpec:
    """A reported person as the submission names them."""

    name: str
    nip: str = ""
    position_title: str = ""
    agency: Agency | None = None
    category: str = PersonCategory.UNKNOWN
    # The registry record, when the caller already knows it (the demo world); else matched by NIP.
    employee: Employee | None = None


@dataclass(frozen=True)
class CaseSpec:
    election: Election
    origin: str
    incident_region: Region
    incident_date: dt.date
    known_on: dt.date
    summary: str
    persons: Sequence[PersonSpec] = field(default_factory=tuple)
    received_at: dt.datetime | None = None
    # The handling office when it is already decided (a split stays with the office that split it);
    # by default the routing rules choose it (routing.py).
    office: Office | None = None


def _registry_matches(specs: Sequence[CaseSpec]) -> dict[str, int]:
    """Link a reported person to the registry only on an exact NIP match; officers confirm later."""
    nips = {p.nip for s in specs for p in s.persons if p.nip and p.employee is None}
    if not nips:
        return {}
    # order_by(): the model's default ordering would join and sort the agencies for nothing.
    rows = Employee.objects.filter(nip__in=nips).order_by().values_list("nip", "pk")
    return {nip: pk for nip, pk in rows if nip}


def _person(case: Case, spec: PersonSpec, matches: dict[str, int]) -> ReportedPerson:
    employee_id = spec.employee.pk if spec.employee else matches.get(spec.nip) if spec.nip else None
    return ReportedPerson(
        case=case,
        employee_id=employee_id,
        name=spec.name,
        nip=spec.nip,
        position_title=spec.position_title,
        agency=spec.agency,
        category=spec.category or PersonCategory.UNKNOWN,
    )


def open_cases(
    *, specs: Sequence[CaseSpec], actor: Any = None, rng: random.Random | None = None
) -> list[Case]:
    """Open one case per spec, in bulk (a few statements whatever the number). Call it inside the
    caller's transaction. ``rng`` makes the case codes reproducible (the demo world only)."""
    now = timezone.now()
    received = [s.received_at or now for s in specs]
    codes = new_case_codes([timezone.localdate(t).year for t in received], rng=rng)
    cases = []
    for spec, at, code in zip(specs, received, codes, strict=True):
        office = spec.office or handling_office(
            incident_region=spec.incident_region,
            agency=routing_agency([p.agency for p in spec.persons]),
        )
        case = Case(
            code=code,
            election=spec.election,
            status=CaseStatus.RECEIVED,
            origin=spec.origin,
            handling_level=office.level,
            jurisdiction_code=office.jurisdiction_code,
            incident_region=spec.incident_region,
            incident_date=spec.incident_date,
            known_on=spec.known_on,
            summary=spec.summary[:500],
            received_at=at,
        )
        # The first deadline (kajian awal, or establishing a temuan) from the shared rules table.
        deadlines.refresh_due_on(case)
        cases.append(case)
    Case.objects.bulk_create(cases)
    user = actor if getattr(actor, "is_authenticated", False) else None
    CaseEvent.objects.bulk_create(
        CaseEvent(case=c, at=c.received_at, actor=user, to_status=CaseStatus.RECEIVED)
        for c in cases
    )
    matches = _registry_matches(specs)
    ReportedPerson.objects.bulk_create(
        _person(case, p, matches)
        for case, spec in zip(cases, specs, strict=True)
        for p in spec.persons
    )
    return cases


def open_case(*, spec: CaseSpec, actor: Any = None) -> Case:
    """Open one case (public intake, temuan, split)."""
    return open_cases(specs=[spec], actor=actor)[0]
