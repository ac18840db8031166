"""The case file as the civil-service authority reads it: never the reporter's identity.

What is left out, and why: the reports and their evidence belong to the reports app, which sanctions
may not import (the page has a template block for the lead to fill from netra/web); the receipt
letter and the invitation and minutes of a hearing of the reporter name the reporter; in the other
hearings' minutes, attendee lines that say "pelapor"/"reporter" are dropped; Bawaslu's internal
reasons on the timeline are not shown, only the steps (the authority's own steps keep theirs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch

from netra.cases.models import (
    Case,
    CaseEvent,
    Clarification,
    DocumentKind,
    EventKind,
    IssuedDocument,
)

from .models import Block, Recommendation
from .services.recommending import earlier_proven_decisions

REPORTER = Clarification.Role.REPORTER
AUTHORITY_KINDS = (EventKind.RECOMMENDATION, EventKind.ENFORCEMENT, EventKind.TRANSFER)
REPORTER_WORDS = ("pelapor", "reporter")
ACTIVE_BLOCKS = Block.objects.filter(lifted_on__isnull=True).order_by("-blocked_on", "-pk")


@dataclass
class PersonFile:
    person: Any
    decision: Any
    violations: list[Any]
    recommendation: Recommendation | None
    earlier: list[Any]
    forms: dict[str, Any] | None = None  # the page's action forms on the recommendation
    block: Any = None  # the active block of the personnel data
    escalation: Any = None
    sanction: Any = None  # the PPK's decree


@dataclass(frozen=True)
class Hearing:
    hearing: Clarification
    invitee: str
    attendees: list[str]
    statements: str
    withheld: bool


def persons_of(case: Case) -> list[PersonFile]:
    persons = (
        case.reported_persons.select_related("agency", "employee", "decision__catalogue_version")
        .prefetch_related("decision__violation_types")
        .order_by("name")
    )
    recs = {
        r.reported_person_id: r
        for r in Recommendation.objects.filter(case=case)
        .select_related(
            "recommended_sanction",
            "letter",
            "authority",
            "report_to",
            "sanction__sanction_type",
            "escalation__letter",
            "contest",
        )
        .prefetch_related(Prefetch("blocks", queryset=ACTIVE_BLOCKS, to_attr="active_blocks"))
    }
    files = []
    for person in persons:
        decision = getattr(person, "decision", None)
        rec = recs.get(person.pk)
        files.append(
            PersonFile(
                person=person,
                decision=decision,
                violations=list(decision.violation_types.all()) if decision else [],
                recommendation=rec,
                earlier=list(earlier_proven_decisions(person)[:20]) if decision else [],
                block=rec.active_blocks[0] if rec and rec.active_blocks else None,
                escalation=_reverse(rec, "escalation"),
                sanction=_reverse(rec, "sanction"),
            )
        )
    return files


def _reverse(rec: Recommendation | None, name: str) -> Any:
    """The recommendation's escalation or decree, or None (a missing reverse one-to-one raises)."""
    try:
        return getattr(rec, name) if rec is not None else None
    except ObjectDoesNotExist:
        return None


def hearings_of(case: Case) -> list[Hearing]:
    hearings = []
    for hearing in case.clarifications.all():
        if hearing.invitee_role == REPORTER:
            hearings.append(Hearing(hearing, "", [], "", withheld=True))
            continue
        attendees = [
            line
            for line in hearing.attendee_list
            if not any(word in line.lower() for word in REPORTER_WORDS)
        ]
        hearings.append(
            Hearing(hearing, hearing.invitee_name, attendees, hearing.statements, withheld=False)
        )
    return hearings


def letters_of(case: Case) -> list[IssuedDocument]:
    """Letters the authority may read: not the receipt, nothing about a hearing of the reporter."""
    return list(
        IssuedDocument.objects.filter(case=case)
        .exclude(kind=DocumentKind.RECEIPT)
        .exclude(clarification__invitee_role=REPORTER)
        .order_by("issued_at", "pk")
    )


def timeline_of(case: Case) -> list[tuple[CaseEvent, str]]:
    """Each step with the reason the authority may read (its own steps' reasons only)."""
    events = case.events.select_related("actor").order_by("at", "pk")
    return [(e, e.reason if e.kind in AUTHORITY_KINDS else "") for e in events]


def case_file(case: Case) -> dict[str, Any]:
    return {
        "case": case,
        "forwarding": getattr(case, "forwarding", None),
        "persons": persons_of(case),
        "hearings": hearings_of(case),
        "letters": letters_of(case),
        "timeline": timeline_of(case),
    }


def case_for_file() -> Any:
    return Case.objects.select_related(
        "election", "incident_region", "forwarding__authority"
    ).prefetch_related(Prefetch("clarifications", queryset=Clarification.objects.order_by("pk")))
