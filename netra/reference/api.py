"""Public reference endpoints: regions for cascading pickers, elections and phases, the catalogue."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import BeforeValidator

from . import selectors
from .models import Region

router = Router(tags=["reference"])


def _iso_date(value: object) -> object:
    """Only YYYY-MM-DD: pydantic alone would also read "0" as 1 January 1970 (a Unix time)."""
    if isinstance(value, dt.date) or (
        isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
    ):
        return value
    raise ValueError("Use a date written YYYY-MM-DD.")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class ErrorOut(Schema):
    detail: str = Field(examples=["Wilayah tidak ditemukan."])


class RegionOut(Schema):
    code: str = Field(examples=["64.72"])
    name: str = Field(examples=["Kota Samarinda"])
    level: str = Field(examples=["regency"])
    parent: str | None = Field(None, alias="parent_id", examples=["64"])


class PhaseOut(Schema):
    kind: str
    starts_on: dt.date
    ends_on: dt.date
    legal_basis: str
    confidence: str


class RaceDateOut(Schema):
    race: str = Field(examples=["dpr"])
    on: dt.date = Field(examples=["2023-11-03"])
    confidence: str = Field(examples=["high"])
    source: str = ""
    note: str = ""


class ElectionOut(Schema):
    code: str = Field(examples=["pilkada-2024"])
    name: str
    kind: str
    voting_date: dt.date
    candidates_fixed_on: dt.date | None
    candidates_fixed_confidence: str
    candidates_fixed_by_race: list[RaceDateOut] = Field(
        description="When the races fix their candidates on different days (Pemilu 2024)"
    )
    regulation: str
    phases: list[PhaseOut]

    @staticmethod
    def resolve_phases(obj):
        return list(obj.phases.all())


class PhaseOnDateOut(Schema):
    election: str
    phase: str
    candidate_stage: str | None = Field(
        description="null when unknown, or when the race is not given and the races differ that day"
    )
    candidate_stages: list[str] = Field(
        examples=[["bakal_calon", "calon"]], description="Every stage possible that day"
    )


class ViolationOut(Schema):
    code: str
    instrument_number: str
    group: str
    level: str
    stage: str
    title_id: str
    title_en: str
    violation_basis: str
    sanction_basis: str
    confidence: str
    disputed: bool
    dispute_note: str
    allowed_sanctions: list[str]

    @staticmethod
    def resolve_allowed_sanctions(obj):
        return [s.code for s in obj.allowed_sanctions.all()]


class CatalogueOut(Schema):
    code: str
    title: str
    instrument: str
    effective_from: dt.date
    status_note: str
    violations: list[ViolationOut]

    @staticmethod
    def resolve_violations(obj):
        return list(obj.violations.all())


@router.get("/regions", response=list[RegionOut], summary="List regions")
def list_regions(request, parent: str | None = None, level: Region.Level | None = None):
    """Provinces by default; the children of ``parent`` (e.g. ``64`` → its kabupaten/kota)."""
    return list(selectors.regions(parent=parent, level=level))


@router.get(
    "/regions/{code}",
    response={200: RegionOut, 404: ErrorOut},
    summary="One region by Kemendagri code",
)
def get_region(request, code: str):
    region = Region.objects.filter(code=code).first()
    if region is None:
        return Status(404, {"detail": _("Region %(code)s does not exist.") % {"code": code}})
    return region


@router.get("/elections", response=list[ElectionOut], summary="Elections with their phases")
def list_elections(request):
    return list(selectors.elections_with_phases())


@router.get(
    "/phases",
    response=list[PhaseOnDateOut],
    summary="Which election phases cover a date",
)
def phases_on_date(request, date: IsoDate, race: Annotated[str, Field(max_length=20)] = ""):
    """Elections overlap (Pemilu and Pilkada 2024), so a date can be in several phases at once.
    ``race`` (e.g. ``presiden``, ``dpr``, ``dpd``, ``dprd``) picks the stage of one race where an
    election fixed its races on different days; without it such a day gives both stages."""
    return [
        {
            "election": p.election.code,
            "phase": p.kind,
            "candidate_stage": p.election.candidate_stage_on(date, race),
            "candidate_stages": p.election.candidate_stages_on(date, race),
        }
        for p in selectors.phases_on(date)
    ]


@router.get(
    "/catalogue",
    response={200: CatalogueOut, 404: ErrorOut},
    summary="The violation catalogue (the version in force, or one by code)",
)
def get_catalogue(request, version: str | None = None):
    found = selectors.catalogue(version)
    if found is None:
        return Status(
            404, {"detail": _("Catalogue version %(code)s does not exist.") % {"code": version}}
        )
    return found
