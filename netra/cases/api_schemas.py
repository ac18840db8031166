"""The request and response schemas of the case-handling API (api.py)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

Id = Annotated[int, Field(ge=1, le=2**62)]


class ErrorOut(Schema):
    detail: str = Field(examples=["“Register the report” is not possible for a case that is …"])


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]] = Field(
        examples=[
            [{"type": "missing", "loc": ["body", "payload", "action"], "msg": "Field required"}]
        ]
    )


class DeadlineOut(Schema):
    rule: str = Field(examples=["P2"])
    title: str
    legal_basis: str
    statutory: bool = Field(description="False: a service level, never overdue against the law")
    unit: str = Field(examples=["calendar_day"])
    value: int | None
    starts_at: dt.datetime
    due_on: dt.date | None
    days_left: int | None
    overdue: bool


class CaseRowOut(Schema):
    code: str = Field(examples=["NTR-2024-0000003"])
    status: str = Field(examples=["received"])
    election: str = Field(examples=["pilkada-2024"])
    incident_region: str = Field(examples=["64.72.01"])
    jurisdiction_code: str = Field(examples=["64.72"], description='"" is Bawaslu RI')
    received_at: dt.datetime
    due_on: dt.date | None
    deadline_rule: str
    days_left: int | None
    overdue: bool


class CasePageOut(Schema):
    page: int
    has_next: bool
    results: list[CaseRowOut]


class PersonOut(Schema):
    id: int
    name: str
    category: str
    agency: str | None


class ActionOut(Schema):
    action: str = Field(examples=["register"])
    label: str
    inputs: list[str]


class CaseOut(Schema):
    code: str
    status: str
    status_label: str
    origin: str
    election: str
    handling_level: str
    jurisdiction_code: str
    received_at: dt.datetime
    registered_at: dt.datetime | None
    decided_at: dt.datetime | None
    forwarded_at: dt.datetime | None
    forwarded_to: str | None = Field(None, examples=["BKN"])
    merged_into: str | None
    deadline: DeadlineOut | None
    allowed_actions: list[ActionOut]
    persons: list[PersonOut]
    report_ids: list[int]


class QueueIn(Schema):
    status: str = Field("", max_length=20, description='"" open cases, "all", or one status')
    due: Literal["", "overdue", "today", "week", "none"] = ""
    region: str = Field("", max_length=13, examples=["64.72"])
    agency: str = Field("", max_length=30, examples=["PEMKOT-64.72"])
    election: str = Field("", max_length=30, examples=["pilkada-2024"])
    violation: str = Field("", max_length=10, examples=["DS-01"])
    page: int = Field(1, ge=1, le=10_000)
    per_page: int = Field(50, ge=1, le=100)


class TransitionIn(Schema):
    model_config = ConfigDict(extra="forbid")
    action: Literal[
        "start_review",
        "register",
        "decline",
        "start_clarification",
        "request_more_time",
        "forward",
        "close",
    ]
    reason: str = Field("", max_length=4000)
    forwarded_on: dt.date | None = Field(None, description="forward only; default today")
    note: str = Field("", max_length=4000)


class FindingIn(Schema):
    model_config = ConfigDict(extra="forbid")
    person_id: int | None = Field(None, ge=1, le=2**62, description="persons[].id of the case")
    nip: str = Field("", max_length=18, description="or the reported person's NIP")
    proven: bool
    violation_codes: list[str] = Field(default_factory=list, max_length=20)
    criminal_codes: list[str] = Field(default_factory=list, max_length=20)
    reasoning: str = Field("", max_length=4000)


class DecisionIn(Schema):
    model_config = ConfigDict(extra="forbid")
    decided_on: dt.date
    findings: list[FindingIn] = Field(min_length=1, max_length=50)
    reason: str = Field("", max_length=4000)


class HandOverIn(Schema):
    model_config = ConfigDict(extra="forbid")
    direction: Literal["up", "down"]
    to_code: str = Field("", max_length=13, description="down only: the office's region code")
    reason: str = Field(min_length=1, max_length=4000)


class MergeIn(Schema):
    model_config = ConfigDict(extra="forbid")
    other_codes: list[str] = Field(min_length=1, max_length=20)
    reason: str = Field(min_length=1, max_length=4000)


class SplitIn(Schema):
    model_config = ConfigDict(extra="forbid")
    report_ids: list[Id] = Field(default_factory=list, max_length=100)
    person_ids: list[Id] = Field(default_factory=list, max_length=100)
    person_nips: list[str] = Field(default_factory=list, max_length=100, description="or NIPs")
    reason: str = Field(min_length=1, max_length=4000)
    summary: str = Field("", max_length=500)


ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ValidationErrorOut,
}
