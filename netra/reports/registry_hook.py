"""REGISTRY_SEARCH hook: search-as-you-type of reported persons against the employee registry.

The registry search (netra/registry/) is being built separately. Until it lands this returns nothing
and the form falls back to plain name + agency fields. To connect it, make
``suggest_reported_persons`` call the registry's search and set ``REGISTRY_SEARCH_ENABLED = True``.
Mind the visibility rule in accounts/permissions.py: the public may not browse the registry, so
suggestions must show no more than what is public about an official (name, position, agency).
"""

from __future__ import annotations

from dataclasses import dataclass

REGISTRY_SEARCH_ENABLED = False


@dataclass(frozen=True)
class PersonSuggestion:
    name: str
    position_title: str
    agency_code: str
    agency_name: str


def suggest_reported_persons(
    query: str, *, agency_code: str | None = None, limit: int = 8
) -> list[PersonSuggestion]:
    return []
