"""Where the transparency figures of the sanction and prevention stages come from: the one module
that calls into ``netra.sanctions`` and ``netra.prevention``.

Those stages are being built alongside this one. Each function here uses the stage's own selector
when it exists (by name: ``sanctions.selectors.compliance_summary``,
``prevention.selectors.public_counts``, ``prevention.selectors.coverage_summary``) and otherwise
counts from the stage's models with the stage's own permission functions, so the lead can repoint
the calls at merge without touching the pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from netra.prevention import selectors as prevention_selectors
from netra.prevention.models import (
    EventAttendance,
    IntegrityPact,
    PactSignature,
    SocializationEvent,
)
from netra.prevention.permissions import visible_pacts
from netra.reference.models import Election
from netra.registry.models import Employee
from netra.sanctions import selectors as sanctions_selectors
from netra.sanctions.models import Recommendation
from netra.sanctions.permissions import visible_recommendations


def public_prevention_counts(election: Election) -> dict[str, int]:
    """National prevention figures for one election: pacts, signatures, events, attendance."""
    own = getattr(prevention_selectors, "public_counts", None)
    if own is not None:
        return dict(own(election=election))
    return {
        "pacts": IntegrityPact.objects.filter(election=election).count(),
        "signatures": PactSignature.objects.filter(pact__election=election).count(),
        "events": SocializationEvent.objects.filter(election=election).count(),
        "attendance": EventAttendance.objects.filter(event__election=election).count(),
    }


@dataclass
class Compliance:
    """What became of the recommendations ``user`` may see."""

    by_status: list[tuple[str, str, int]]
    total: int
    sanctioned: int
    outstanding_agencies: list[dict[str, Any]] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        return None if not self.total else self.sanctioned / self.total


def recommendation_compliance(user: Any, election: Election | None = None) -> Compliance:
    own = getattr(sanctions_selectors, "compliance_summary", None)
    if own is not None:
        return own(user, election=election)
    recs = visible_recommendations(user)
    if election is not None:
        recs = recs.filter(case__election=election)
    counts = dict(recs.order_by().values_list("status").annotate(n=Count("pk")))
    outstanding = (
        recs.filter(status__in=[Recommendation.Status.ISSUED, Recommendation.Status.ESCALATED])
        .order_by()
        .values("agency__code", "agency__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "agency__code")[:10]
    )
    return Compliance(
        by_status=[(v, str(label), counts.get(v, 0)) for v, label in Recommendation.Status.choices],
        total=sum(counts.values()),
        sanctioned=recs.filter(sanction__isnull=False).count(),
        outstanding_agencies=list(outstanding),
    )


@dataclass
class Coverage:
    """Integrity pacts of the agencies ``user`` may see: signatures against active employees."""

    pacts: list[dict[str, Any]]


def prevention_coverage(user: Any, election: Election | None = None) -> Coverage:
    own = getattr(prevention_selectors, "coverage_summary", None)
    if own is not None:
        return own(user, election=election)
    pacts = visible_pacts(user).select_related("agency", "election")
    if election is not None:
        pacts = pacts.filter(election=election)
    rows = list(
        pacts.annotate(signed=Count("signatures")).order_by("-opens_on", "agency__code")[:50]
    )
    agencies = {p.agency_id for p in rows}
    employees = dict(
        Employee.objects.filter(Q(agency_id__in=agencies), is_active=True)
        .order_by()
        .values_list("agency_id")
        .annotate(n=Count("pk"))
    )
    return Coverage(
        pacts=[
            {
                "pact": p,
                "signed": p.signed,
                "employees": employees.get(p.agency_id, 0),
                "share": (p.signed / employees[p.agency_id])
                if employees.get(p.agency_id)
                else None,
            }
            for p in rows
        ]
    )
