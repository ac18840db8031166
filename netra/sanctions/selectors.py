from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from .compliance import Figures, Filters, compliance_table, filtered
from .models import Recommendation
from .permissions import visible_recommendations


def recommendations_for(user, *, status: str | None = None, limit: int = 50) -> QuerySet:
    qs = visible_recommendations(user).select_related("agency", "reported_person", "authority")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-issued_on")[:limit]


def agency_recommendations(user: Any, agency: Any) -> dict[str, Any]:
    """Recommendations to one agency by status, and the sanctions imposed, as far as ``user`` may
    see (the agency page)."""
    recs = visible_recommendations(user).filter(agency=agency)
    counts = dict(recs.order_by().values_list("status").annotate(n=Count("pk")))
    return {
        "recommendations": [
            (label, counts.get(value, 0)) for value, label in Recommendation.Status.choices
        ],
        "sanctions": recs.filter(Q(sanction__isnull=False)).count(),
    }


@dataclass
class ComplianceSummary:
    """What ``netra.insights.adapters.recommendation_compliance`` shows (the staff dashboard):
    recommendations by status, how many have a decree, and the agencies with the most
    recommendations pending (no decree, no contest; ``ignored`` + ``open`` of compliance.py),
    plus ``figures``: the full total of netra/sanctions/compliance.py."""

    by_status: list[tuple[str, str, int]]
    total: int
    sanctioned: int
    outstanding_agencies: list[dict[str, Any]] = field(default_factory=list)
    figures: Figures | None = None

    @property
    def rate(self) -> float | None:
        return None if not self.total else self.sanctioned / self.total


def compliance_summary(user: Any, election: Any = None) -> ComplianceSummary:
    """The compliance of the recommendations ``user`` may see (compliance.compliance_scope), for one
    election or all."""
    filters = Filters(election=election)
    table = compliance_table(user, filters, by="agency")
    recs = filtered(user, filters)
    counts = dict(recs.order_by().values_list("status").annotate(n=Count("pk")))
    pending = sorted(
        (r for r in table.rows if r.ignored + r.open),
        key=lambda r: (-(r.ignored + r.open), r.extra.get("code", "")),
    )
    return ComplianceSummary(
        by_status=[(v, str(label), counts.get(v, 0)) for v, label in Recommendation.Status.choices],
        total=table.total.received,
        sanctioned=table.total.acted,
        outstanding_agencies=[
            {
                "agency__code": r.extra.get("code", ""),
                "agency__name": r.label,
                "n": r.ignored + r.open,
            }
            for r in pending[:10]
        ],
        figures=table.total,
    )
