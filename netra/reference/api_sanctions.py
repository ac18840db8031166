"""The allowed-sanction rule as a public, read-only API operation, so an agency's own personnel system
can ask which sanctions the catalogue allows (issue 16). Reference data: no authentication; it
reads and changes nothing but answers (a POST only because the question has a list in it)."""

from __future__ import annotations

from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from . import selectors
from .models import ViolationType
from .sanction_rules import (
    KINDS,
    POSITION_CLASSES,
    RuleInputError,
    allowed_sanctions,
    check_kind,
)

router = Router(tags=["reference"])

EXAMPLES: dict[str, dict[str, Any]] = {
    "pns_pelaksana_repeat": {
        "violation_codes": ["DS-01", "KE-02"],
        "employee_kind": "pns",
        "position_class": "pelaksana",
        "earlier_proven": 1,
    },
    "pppk_attributes": {"violation_codes": ["PP-N2"], "employee_kind": "pppk"},
    "village_head": {"violation_codes": ["DS-04"], "employee_kind": "village_head"},
}
_SUMMARIES = {
    "pns_pelaksana_repeat": "A PNS in a pelaksana post, two violations, one earlier proven",
    "pppk_attributes": "A PPPK campaigning with party attributes (agency-set forms)",
    "village_head": "A village head: referred to the bupati/wali kota",
}

Code = Annotated[str, Field(max_length=20)]


class AllowedSanctionsIn(Schema):
    violation_codes: list[Code] = Field(
        ..., min_length=1, max_length=30, description="Catalogue row codes, e.g. DS-01, KE-02."
    )
    employee_kind: str = Field(..., max_length=20, json_schema_extra={"enum": list(KINDS)})
    position_class: str = Field(
        "",
        max_length=20,
        description='The registry\'s position class; "" if not known.',
        json_schema_extra={"enum": ["", *POSITION_CLASSES]},
    )
    earlier_proven: int = Field(
        0, ge=0, le=1000, strict=True, description="Earlier proven violations"
    )
    catalogue_version: str = Field(
        "", max_length=40, description='A catalogue version code; "" for the one in force today.'
    )


class FormOut(Schema):
    code: str = Field(examples=["HD-B3"])
    name_id: str
    name_en: str
    level: str = Field(examples=["berat"])
    article: str = Field(examples=["PP 94/2021 Pasal 8 ayat (4) huruf c"])
    confidence: str = Field(examples=["medium"])
    reason: str


class NoteOut(Schema):
    code: str = Field(examples=["DS-08"])
    text: str
    confidence: str = Field(examples=["low"])
    detail: str = Field("", description="The catalogue's own note, as the data holds it")


class AllowedSanctionsOut(Schema):
    route: str = Field(examples=["sanction"], description='"sanction" or "own_authority"')
    groups: list[str] = Field(examples=[["discipline", "ethics"]])
    governing_level: str = Field(examples=["berat"])
    levels: list[str] = Field(examples=[["berat"]])
    forms: list[FormOut]
    explanation: list[str]
    disputes: list[NoteOut]
    advice: list[NoteOut]
    catalogue_version: str = Field(examples=["skb-5kl-2022-rev-2026-11"])


class ErrorOut(Schema):
    detail: str = Field(examples=["Tidak ada dalam katalog skb-5kl-2022-rev-2026-11: XX-99."])


def _body_examples() -> dict[str, Any]:
    return {
        "requestBody": {
            "content": {
                "application/json": {
                    "examples": {
                        name: {"summary": _SUMMARIES[name], "value": value}
                        for name, value in EXAMPLES.items()
                    }
                }
            }
        }
    }


def _answer(result) -> dict[str, Any]:
    return {
        "route": result.route,
        "groups": result.groups,
        "governing_level": result.governing_level,
        "levels": result.levels,
        "forms": [
            {
                "code": f.sanction.code,
                "name_id": f.sanction.name_id,
                "name_en": f.sanction.name_en,
                "level": f.sanction.level,
                "article": f.article,
                "confidence": f.confidence,
                "reason": f.reason,
            }
            for f in result.forms
        ],
        "explanation": result.explanation,
        "disputes": [vars(n) for n in result.disputes],
        "advice": [vars(n) for n in result.advice],
        "catalogue_version": result.catalogue_version,
    }


@router.post(
    "/catalogue/allowed-sanctions",
    response={200: AllowedSanctionsOut, 400: ErrorOut, 404: ErrorOut},
    summary="Which sanctions the catalogue allows (public, read-only)",
    openapi_extra=_body_examples(),
)
def allowed(request, payload: AllowedSanctionsIn):
    """For proven violation codes, a kind of employee, a position class and the number of earlier
    proven violations: the route (the PPK's sanction, or a letter to the person's own authority),
    the groups and levels, and each allowed form with its article, confidence and reason, under the
    catalogue version in force today (or the one named). Reads nothing personal and changes nothing,
    so it needs no token. Errors: 400 an unknown violation code, kind of employee or position
    class; 404 an unknown catalogue version; 422 a malformed body."""
    version = selectors.catalogue(payload.catalogue_version or None)
    if version is None:
        return Status(
            404,
            {
                "detail": _("Catalogue version %(code)s does not exist.")
                % {"code": payload.catalogue_version}
            },
        )
    codes = sorted(set(payload.violation_codes))
    violations = list(
        ViolationType.objects.filter(version=version, code__in=codes)
        .select_related("version")
        .prefetch_related("allowed_sanctions")
    )
    unknown = sorted(set(codes) - {v.code for v in violations})
    if unknown:
        return Status(
            400,
            {
                "detail": _("Not in catalogue %(version)s: %(codes)s.")
                % {"version": version.code, "codes": ", ".join(unknown)}
            },
        )
    try:
        check_kind(payload.employee_kind)  # "" is not a kind here, though the rule reads it so
        result = allowed_sanctions(
            violation_types=violations,
            employee_kind=payload.employee_kind,
            position_class=payload.position_class,
            earlier_proven=payload.earlier_proven,
        )
    except RuleInputError as exc:
        return Status(400, {"detail": exc.message})
    return _answer(result)
