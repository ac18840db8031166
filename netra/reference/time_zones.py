"""Which of Indonesia's three time zones a region keeps (WIB, WITA, WIT): data/time_zones.toml,
Keppres 41/1987. Officers of Bawaslu Kalimantan Timur read their deadlines and timelines in WITA,
not in the server's WIB."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings

DATA = Path(__file__).resolve().parent / "data" / "time_zones.toml"


@cache
def _by_province() -> dict[str, str]:
    with DATA.open("rb") as f:
        zones = tomllib.load(f)["zones"]
    return {province: zone for zone, provinces in zones.items() for province in provinces}


def zone_for(region_code: str | None) -> ZoneInfo:
    """The time zone of a region (any level: its province decides); the server's for none."""
    name = _by_province().get((region_code or "")[:2], settings.TIME_ZONE)
    return ZoneInfo(name)


def zone_label(zone: ZoneInfo) -> str:
    return {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}.get(
        str(zone), str(zone)
    )
