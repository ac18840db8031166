"""Which Bawaslu office handles a case.

By the reported person's agency level: a ministry or national-agency official goes to Bawaslu RI, a
provincial official to Bawaslu provinsi, a regency/city official to that Bawaslu kabupaten/kota. When
the agency is not known (yet), the office of the place where it happened takes it; an officer can hand
it up or down a level later.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from netra.reference.models import Region
from netra.registry.models import Agency

from .models import HandlingLevel


class Office(NamedTuple):
    level: str
    jurisdiction_code: str  # "" = RI, "64" = a province, "64.72" = a kabupaten/kota


RI = Office(HandlingLevel.RI, "")


def handling_office(*, incident_region: Region, agency: Agency | None) -> Office:
    if agency is not None:
        if agency.level == Agency.Level.NATIONAL or agency.region_id is None:
            return RI
        if agency.level == Agency.Level.PROVINCE:
            return Office(HandlingLevel.PROVINCE, agency.region_id[:2])
        return Office(HandlingLevel.REGENCY, agency.region_id[:5])
    if incident_region.level == Region.Level.PROVINCE:
        return Office(HandlingLevel.PROVINCE, incident_region.code)
    return Office(HandlingLevel.REGENCY, incident_region.code[:5])


_LEVEL_RANK: dict[str, int] = {
    Agency.Level.NATIONAL: 0,
    Agency.Level.PROVINCE: 1,
    Agency.Level.REGENCY: 2,
}


def routing_agency(agencies: Iterable[Agency | None]) -> Agency | None:
    """With several agencies, the highest office takes the whole case (it can hand parts down)."""
    known = [a for a in agencies if a is not None]
    return min(known, key=lambda a: _LEVEL_RANK.get(a.level, 3)) if known else None
