"""Schemas and examples of the PPK's API (api_ppk.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema


class ErrorOut(Schema):
    detail: str = Field(examples=["Tanggal keputusan tidak boleh di masa depan."])


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]]


ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ValidationErrorOut,
}


class InboxIn(Schema):
    state: Literal["open", "done"] = Field(
        "open",
        description="open: awaiting, contested, escalated (most urgent first); done: settled",
    )
    page: int = Field(1, ge=1, le=100_000)


class RecommendationOut(Schema):
    id: int
    number: str = Field(examples=["REK/BKN/2024/0001"])
    status: str = Field(examples=["issued"])
    status_label: str
    blocked: bool = Field(description="The employee's personnel data is blocked (active block)")
    issued_on: dt.date
    due_on: dt.date | None
    overdue: bool
    person_name: str
    person_nip: str
    person_position: str
    recommended_level: str = Field(examples=["berat"])
    recommended_level_label: str
    recommended_sanction: str | None = Field(examples=["HD-B3"])
    recommended_sanction_label: str | None
    article: str | None = Field(examples=["PP 94/2021 Pasal 8 ayat (4) huruf c"])
    settled_at: dt.datetime | None


class InboxOut(Schema):
    page: int
    pages: int
    count: int
    results: list[RecommendationOut]


class SanctionIn(Schema):
    sanction: str = Field(description="SanctionType code", examples=["HD-B3"], max_length=24)
    decree_number: str = Field(max_length=80, examples=["800.1.6.4/123/BKPSDM/2024"])
    imposed_on: dt.date = Field(description="Date of the decree (not before the recommendation)")
    reason: str = Field("", max_length=5000, description="Required if lighter than recommended")


class SanctionOut(Schema):
    recommendation: str
    status: str
    sanction: str
    decree_number: str
    imposed_on: dt.date
    decree_sha256: str
    flag: str = Field(description='"" as recommended; "lighter"; "not_allowed"')
    flag_note: str
    case_closed: bool


class ContestIn(Schema):
    reasons: str = Field(
        min_length=1, max_length=5000, examples=["Pegawai tersebut telah pensiun."]
    )


class ContestOut(Schema):
    recommendation: str
    status: str
    reasons: str
    recorded_at: dt.datetime


# Fits the demo world's older recommendations to ppk.samarinda's agency (a 25% allowance cut for
# six months, recommended early in 2025; netra/demo/api_examples_sanctions.py finds the target).
SANCTION_EXAMPLE = {
    "sanction": "HD-S6",
    "decree_number": "800.1.6.4/123/BKPSDM/2025",
    "imposed_on": "2025-03-20",
    "reason": "",
}
SANCTION_OPENAPI = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                "examples": {
                    "as_recommended": {
                        "summary": "The sanction as recommended, with the decree scan (PDF)",
                        "description": "On a recommendation of the demo world addressed to "
                        "ppk.samarinda's agency (token of ppk.samarinda); attach decree_scan.",
                        "value": SANCTION_EXAMPLE,
                    }
                }
            }
        }
    }
}
CONTEST_EXAMPLE = {"reasons": "Pegawai tersebut telah pensiun sebelum kejadian."}
CONTEST_OPENAPI = {
    "requestBody": {
        "content": {
            "application/json": {
                "examples": {
                    "contest": {
                        "summary": "Contest with reasons",
                        "description": "Token of ppk.samarinda, on an issued recommendation.",
                        "value": CONTEST_EXAMPLE,
                    }
                }
            }
        }
    }
}
