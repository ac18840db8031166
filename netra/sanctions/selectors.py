from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

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
