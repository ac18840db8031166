"""Agencies: the central ministries and agencies from data, plus one per regional government."""

from __future__ import annotations

from django.db import transaction

from netra.reference.loaders import read_toml
from netra.reference.models import Region

from .models import Agency


def regional_agency_code(region: Region) -> str:
    if region.level == Region.Level.PROVINCE:
        prefix = "PEMPROV"
    else:
        prefix = "PEMKOT" if region.is_city else "PEMKAB"
    return f"{prefix}-{region.code}"


def _regional_agency(region: Region) -> Agency:
    # The PPK of a regional government is its head (PP 11/2017 Pasal 3 as amended by PP 17/2020).
    if region.level == Region.Level.PROVINCE:
        kind, level = Agency.Kind.PROVINCE_GOV, Agency.Level.PROVINCE
        name, ppk = f"Pemerintah Provinsi {region.name}", f"Gubernur {region.name}"
    elif region.is_city:
        kind, level = Agency.Kind.CITY_GOV, Agency.Level.REGENCY
        name, ppk = f"Pemerintah {region.name}", f"Wali Kota {region.name.removeprefix('Kota ')}"
    else:
        kind, level = Agency.Kind.REGENCY_GOV, Agency.Level.REGENCY
        short = region.name.removeprefix("Kabupaten ")
        name, ppk = f"Pemerintah {region.name}", f"Bupati {short}"
    return Agency(
        code=regional_agency_code(region),
        name=name,
        kind=kind,
        level=level,
        region=region,
        ppk_title=ppk,
    )


@transaction.atomic
def load_agencies() -> int:
    central = [
        Agency(**a, level=Agency.Level.NATIONAL)
        for a in read_toml("agencies_central.toml")["agency"]
    ]
    regions = Region.objects.exclude(level=Region.Level.DISTRICT)
    regional = [_regional_agency(r) for r in regions]
    rows = central + regional
    Agency.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "kind", "level", "region", "ppk_title"],
        batch_size=1000,
    )
    return len(rows)
