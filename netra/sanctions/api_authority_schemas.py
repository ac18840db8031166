"""Request and response schemas of the authority's API (api_authority.py)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Schema

Id = Annotated[int, Field(ge=1, le=2**62)]
Tab = Literal["awaiting", "overdue", "blocked", "escalated", "contested"]


class InboxIn(Schema):
    page: int = Field(1, ge=1, le=10_000)


class RecommendationsIn(InboxIn):
    tab: Tab = "awaiting"


class PersonToRecommendOut(Schema):
    id: int = Field(description="Use it in POST /authority/persons/{id}/recommendation")
    name: str
    agency: str | None
    category: str


class ForwardOut(Schema):
    case: str = Field(examples=["NTR-2024-0000003"])
    election: str
    forwarded_on: dt.date
    days_since_forward: int
    service_level_days: int | None = Field(
        description="Rule A1: a service level with no statutory basis, never 'overdue'"
    )
    persons: list[PersonToRecommendOut]


class ForwardPageOut(Schema):
    page: int
    has_next: bool
    results: list[ForwardOut]


class RecommendationOut(Schema):
    id: int
    number: str = Field(examples=["RS-00001/BKN/2024"])
    case: str
    person: str
    agency: str
    status: str = Field(examples=["issued"])
    route: str = Field(examples=["sanction"])
    level: str = Field(examples=["berat"])
    sanction: str | None = Field(examples=["HD-B1"])
    issued_on: dt.date
    due_on: dt.date | None = Field(description="Rule A2: a service level, no statutory basis")
    overdue_since: dt.date | None
    blocked: bool
    report_to: str | None
    letter_token: str | None = Field(description="Verify the letter at /verify/{token}/")


class RecommendationPageOut(Schema):
    page: int
    has_next: bool
    results: list[RecommendationOut]


class RecommendIn(Schema):
    level: str = Field(
        "",
        max_length=15,
        description="A level the catalogue allows (moral, ringan, sedang, berat, ...); "
        "ignored for a referral (non-ASN, village heads)",
    )
    sanction: str = Field("", max_length=24, description="Optional sanction type code, e.g. HD-B1")
    reasoning: str = Field(min_length=1, max_length=4000)
    issued_on: dt.date | None = Field(None, description="Empty: today")


class BlockIn(Schema):
    blocked_on: dt.date
    letter_number: str = Field(min_length=1, max_length=80)


class EscalationIn(Schema):
    escalated_on: dt.date | None = Field(None, description="Empty: today")
    addressed_to: str = Field(
        "", max_length=200, description="Empty: Menteri Dalam Negeri (MenPAN-RB for central PPKs)"
    )


class ContestAnswerIn(Schema):
    decision: Literal["maintain", "withdraw"]
    answer: str = Field(min_length=1, max_length=4000)
