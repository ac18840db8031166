"""Search-as-you-type of a reported person against the employee registry, for the public form.

The public may not browse the registry (accounts/permissions.py ``public_officials``): suggestions
come only from the agency the reporter chose, only for a name (never a NIP), and show no more than
what is public about an official: name, position and agency.
"""

from __future__ import annotations

from dataclasses import dataclass

from netra.registry.search import suggest_officials
from netra.registry.selectors import active_agencies_by_code

REGISTRY_SEARCH_ENABLED = True


@dataclass(frozen=True)
class PersonSuggestion:
    name: str
    position_title: str
    agency_code: str
    agency_name: str


def suggest_reported_persons(
    query: str, *, agency_code: str | None = None, limit: int = 8
) -> list[PersonSuggestion]:
    agency = active_agencies_by_code({agency_code}).get(agency_code) if agency_code else None
    if agency is None:
        return []
    return [
        PersonSuggestion(e.name, e.position_title, agency.code, agency.name)
        for e in suggest_officials(query, agency_id=agency.pk, limit=limit)
    ]
