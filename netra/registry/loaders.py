"""Agencies: the central ministries and agencies from data, plus one per regional government.

Only autonomous regions have a government: Jakarta's administrative cities and regency
(``reference/data/administrative_regions.toml``) get none, and their staff belong to the province.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from netra.audit.services import record
from netra.reference.loaders import read_toml
from netra.reference.models import Region

from .models import Agency, Employee

LOADER_LABEL = "manage.py load_reference"


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


def administrative_regions() -> dict[str, dict[str, Any]]:
    """Region code of each non-autonomous kabupaten/kota → its entry (province, legal basis)."""
    return {
        code: entry
        for entry in read_toml("administrative_regions.toml")["administrative"]
        for code in entry["regions"]
    }


@transaction.atomic
def load_agencies() -> int:
    central = [
        Agency(**a, level=Agency.Level.NATIONAL)
        for a in read_toml("agencies_central.toml")["agency"]
    ]
    administrative = administrative_regions()
    regions = Region.objects.exclude(level=Region.Level.DISTRICT).exclude(code__in=administrative)
    regional = [_regional_agency(r) for r in regions]
    rows = central + regional
    Agency.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "kind", "level", "region", "ppk_title"],
        batch_size=1000,
    )
    _merge_administrative(administrative)
    return len(rows)


def _merge_administrative(administrative: dict[str, dict[str, Any]]) -> None:
    """Agencies loaded before for non-autonomous regions: inactive, merged into the province's
    agency, their employees moved there. Kept, not deleted: cases, imports and accounts point at
    them. Idempotent: a merged agency with no employees left is not touched again."""
    old = Agency.objects.filter(
        region_id__in=administrative, level=Agency.Level.REGENCY
    ).select_related("region")
    for agency in old:
        assert agency.region is not None
        entry = administrative[agency.region.code]
        province = Agency.objects.get(code=f"PEMPROV-{entry['province']}")
        merged = agency.merged_into_id == province.pk and not agency.is_active
        if merged and not agency.employees.exists():
            continue
        moved, renumbered = _move_employees(agency, province)
        agency.is_active, agency.merged_into = False, province
        agency.save(update_fields=["is_active", "merged_into"])
        accounts = get_user_model().objects.filter(agency=agency).count()
        record(
            actor_label=LOADER_LABEL,
            action="registry.agency_merged",
            target=agency,
            summary=f"{agency.code} merged into {province.code}: {moved} employees moved",
            merged_into=province.code,
            employees_moved=moved,
            staff_numbers_renumbered=renumbered,
            # Accounts bound to the old agency are left for the system admin to rebind: moving
            # them would widen what they may see to the whole province.
            accounts_still_bound=accounts,
            legal_basis=entry["legal_basis"],
            confidence=entry["confidence"],
        )


def _move_employees(agency: Agency, into: Agency) -> tuple[int, int]:
    """Move ``agency``'s employees to ``into``; (moved, staff numbers renumbered).

    They keep the region of their workplace (the old agency's region where they had none). A
    staff number (non-ASN staff) already used in ``into`` gets the old region's code in front
    (``31.74/TP-1``), or is cleared if that does not fit: it is unique only within an agency.
    """
    assert agency.region_id is not None
    taken = set(
        Employee.objects.filter(agency=into)
        .exclude(staff_number="")
        .values_list("staff_number", flat=True)
    )
    renumbered = 0
    for employee in Employee.objects.filter(agency=agency).exclude(staff_number=""):
        number = employee.staff_number
        if number in taken:
            prefixed = f"{agency.region_id}/{number}"
            number = prefixed if len(prefixed) <= 40 and prefixed not in taken else ""
            employee.staff_number = number
            employee.save(update_fields=["staff_number"])
            renumbered += 1
        taken.add(number)
    Employee.objects.filter(agency=agency, region__isnull=True).update(region_id=agency.region_id)
    moved = Employee.objects.filter(agency=agency).update(agency=into)
    return moved, renumbered
