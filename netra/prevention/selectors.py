from __future__ import annotations

from django.db.models import Count, QuerySet

from .permissions import visible_events, visible_pacts


def pacts_with_coverage(user) -> QuerySet:
    return (
        visible_pacts(user)
        .select_related("agency", "election")
        .annotate(signed=Count("signatures"))
        .order_by("-opens_on")
    )


def upcoming_events(user, *, limit: int = 20) -> QuerySet:
    return visible_events(user).select_related("agency").order_by("-starts_at")[:limit]
