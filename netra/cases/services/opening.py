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
from dataclasses import dataclass, field, replace
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
class CaseHistory:
    """Where an imported case already stands (the demo world; past cases brought over from another
    system): its status, the dates of its steps and its running deadline. The steps' own events are
    the importer's to write."""

    status: str
    registered_at: dt.datetime | None = None
    decided_at: dt.datetime | None = None
    forwarded_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    due_on: dt.date | None = None


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
    history: CaseHistory | None = None  # an imported case; a new one starts RECEIVED


@dataclass(frozen=True)
class _Match:
    employee_id: int
    agency: Agency | None


def _registry_matches(specs: Sequence[CaseSpec]) -> dict[str, _Match]:
    """Link a reported person to the registry only on an exact NIP match; officers confirm later."""
    nips = {p.nip for s in specs for p in s.persons if p.nip and p.employee is None}
    if not nips:
        return {}
    # order_by(): the model's default ordering would join and sort the agencies for nothing.
    rows = Employee.objects.filter(nip__in=nips).order_by().values_list("nip", "pk", "agency_id")
    found = {nip: (pk, agency_id) for nip, pk, agency_id in rows if nip}
    agencies = Agency.objects.in_bulk({agency_id for _pk, agency_id in found.values()})
    return {nip: _Match(pk, agencies.get(agency_id)) for nip, (pk, agency_id) in found.items()}


def _known(spec: PersonSpec, matches: dict[str, _Match]) -> PersonSpec:
    """The person as the registry knows them: a matched NIP fills the agency the reporter left
    empty, so the case goes to the office of that agency's level (routing.py)."""
    match = matches.get(spec.nip) if spec.nip and spec.employee is None else None
    if match is None or spec.agency is not None or match.agency is None:
        return spec
    return replace(spec, agency=match.agency)


def _person(case: Case, spec: PersonSpec, matches: dict[str, _Match]) -> ReportedPerson:
    match = matches.get(spec.nip) if spec.nip else None
    employee_id = spec.employee.pk if spec.employee else match.employee_id if match else None
    return ReportedPerson(
        case=case,
        employee_id=employee_id,
        name=spec.name,
        nip=spec.nip,
        position_title=spec.position_title,
        agency=spec.agency,
        category=spec.category or PersonCategory.UNKNOWN,
    )


def _imported(case: Case, history: CaseHistory) -> None:
    case.status, case.due_on = history.status, history.due_on
    case.registered_at, case.decided_at = history.registered_at, history.decided_at
    case.forwarded_at, case.closed_at = history.forwarded_at, history.closed_at


def open_cases(
    *, specs: Sequence[CaseSpec], actor: Any = None, rng: random.Random | None = None
) -> list[Case]:
    """Open one case per spec, in bulk (a few statements whatever the number). Call it inside the
    caller's transaction. ``rng`` makes the case codes reproducible (the demo world only)."""
    now = timezone.now()
    matches = _registry_matches(specs)
    specs = [replace(s, persons=[_known(p, matches) for p in s.persons]) for s in specs]
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
        if spec.history is None:
            # The first deadline (kajian awal, or establishing a temuan) from the shared rules table.
            deadlines.refresh_due_on(case)
        else:
            _imported(case, spec.history)
        cases.append(case)
    Case.objects.bulk_create(cases)
    user = actor if getattr(actor, "is_authenticated", False) else None
    CaseEvent.objects.bulk_create(
        CaseEvent(case=c, at=c.received_at, actor=user, to_status=CaseStatus.RECEIVED)
        for c in cases
    )
    ReportedPerson.objects.bulk_create(
        _person(case, p, matches)
        for case, spec in zip(cases, specs, strict=True)
        for p in spec.persons
    )
    return cases


def open_case(*, spec: CaseSpec, actor: Any = None) -> Case:
    """Open one case (public intake, temuan, split)."""
    return open_cases(specs=[spec], actor=actor)[0]
