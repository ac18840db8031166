from __future__ import annotations

from django.db.models import QuerySet

from netra.accounts.permissions import visible_recommendations


def recommendations_for(user, *, status: str | None = None, limit: int = 50) -> QuerySet:
    qs = visible_recommendations(user).select_related("agency", "reported_person", "authority")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-issued_on")[:limit]
