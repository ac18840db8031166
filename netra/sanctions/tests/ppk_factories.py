"""Builders for the PPK side: a case forwarded through the case-handling services with a proven
decision, and a Recommendation made directly with the ORM (the authority's issuing service is
another module's)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from netra.cases import services
from netra.cases.models import Case, CaseStatus, ReportedPerson
from netra.cases.services import Finding
from netra.cases.tests.conftest import make_case
from netra.reference.models import CivilServiceAuthority, SanctionType
from netra.registry.models import Employee
from netra.sanctions.models import Recommendation

S = CaseStatus
_numbers = itertools.count(1)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf(name: str = "sk.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def forwarded_case(
    officer: Any,
    *,
    persons: int = 1,
    codes: tuple[str, ...] = ("DS-01",),
    proven: tuple[bool, ...] | None = None,
    agency: str = "PEMKOT-64.72",
) -> Case:
    """A case walked through the services to ``forwarded``; person i proven per ``proven``."""
    case = make_case(persons=persons, agency=agency)
    case = services.start_review(case=case, actor=officer)
    case = services.register_case(case=case, actor=officer, reason="ok")
    people = list(case.reported_persons.order_by("pk"))
    flags = proven or (True,) * len(people)
    case = services.decide_case(
        case=case,
        actor=officer,
        decided_on=timezone.localdate(),
        findings=[
            Finding(p.pk, flag, codes if flag else ())
            for p, flag in zip(people, flags, strict=True)
        ],
    )
    return services.forward_case(case=case, actor=officer)


def link_employee(person: ReportedPerson, *, kind: str = "pns") -> Employee:
    employee = Employee.objects.create(
        nip=person.nip or None,
        name=person.name,
        employee_type=kind,
        position_class="administrator",
        position_title="Kepala Bagian Umum",
        agency=person.agency,  # type: ignore[misc]
    )
    person.employee = employee
    person.save(update_fields=["employee"])
    return employee


def recommendation(
    case: Case,
    person: ReportedPerson | None = None,
    *,
    level: str = "berat",
    sanction: str | None = "HD-B3",
    issued_on: dt.date | None = None,
    due_on: dt.date | None = None,
    status: str = Recommendation.Status.ISSUED,
    employee_kind: str = "pns",
    **fields: Any,
) -> Recommendation:
    """A recommendation for ``person`` (the case's first proven person), built with the ORM."""
    person = person or case.reported_persons.filter(decision__proven=True).order_by("pk").first()
    assert person is not None
    decision = person.decision
    issued_on = issued_on or timezone.localdate() - dt.timedelta(days=3)
    rec = Recommendation.objects.create(
        case=case,
        reported_person=person,
        authority=CivilServiceAuthority.objects.get(code="BKN"),
        agency=person.agency,  # type: ignore[misc]
        number=f"REK-TST/{next(_numbers):05d}",
        issued_on=issued_on,
        catalogue_version=decision.catalogue_version,
        employee_kind=employee_kind,
        position_class=fields.pop("position_class", "administrator"),
        group=decision.violation_types.all()[0].group,
        recommended_level=level,
        recommended_sanction=SanctionType.objects.get(code=sanction) if sanction else None,
        due_on=due_on or issued_on + dt.timedelta(days=10),
        deadline_rule="A2",
        status=status,
        **fields,
    )
    rec.violation_types.set(decision.violation_types.all())
    return rec
