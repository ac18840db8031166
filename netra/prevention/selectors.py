"""Reads over prevention. Functions over pacts and events take the acting user and scope through
``netra.prevention.permissions``; ``public_counts`` is for the public and returns counts only."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from netra.reference.models import Election

from .models import (
    EventAttendance,
    EventStatus,
    IntegrityPact,
    PactStatus,
    PactTally,
    QuizAttempt,
    SocializationEvent,
)
from .permissions import visible_events, visible_pacts


def _tally_sum(column: str) -> Coalesce:
    rows = (
        PactTally.objects.filter(pact=OuterRef("pk"))
        .order_by()
        .values("pact")
        .annotate(n=Sum(column))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def pacts_with_coverage(user) -> QuerySet:
    """Visible pacts with ``signed`` and ``required`` (from the coverage counters)."""
    return (
        visible_pacts(user)
        .select_related("agency", "election")
        .annotate(signed=_tally_sum("signed"), required=_tally_sum("required"))
        .order_by("-opens_on", "-pk")
    )


def upcoming_events(user, *, limit: int = 20) -> QuerySet:
    return visible_events(user).select_related("agency").order_by("-starts_at")[:limit]


@dataclass(frozen=True)
class CoverageRow:
    key: str
    required: int
    signed: int

    @property
    def not_yet(self) -> int:
        return max(self.required - self.signed, 0)

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.signed / self.required)) if self.required else 0


def pact_coverage(pact: IntegrityPact, *, by: str = "unit") -> list[CoverageRow]:
    """One pact's coverage per unit or per region code (callers checked the pact is visible)."""
    column = {"unit": "unit", "region": "region_code"}[by]
    rows = (
        PactTally.objects.filter(pact=pact)
        .order_by()
        .values(column)
        .annotate(required=Sum("required"), signed=Sum("signed"))
        .order_by(column)
    )
    return [CoverageRow(r[column], r["required"], r["signed"]) for r in rows]


@dataclass(frozen=True)
class PactCoverage:
    code: str
    title: str
    status: str
    agency_code: str
    agency_name: str
    election_name: str
    not_required: int
    row: CoverageRow

    @property
    def status_label(self) -> str:
        return str(PactStatus(self.status).label)


def coverage_by_agency(user, *, election: Election | None = None) -> list[PactCoverage]:
    """Per visible pact (one agency's), signed against required: Bawaslu's and BKN's overview.
    Nationally that is every agency: one grouped query, plain rows (no model per pact)."""
    pacts = visible_pacts(user).exclude(status=PactStatus.DRAFT)
    if election is not None:
        pacts = pacts.filter(election=election)
    totals = dict(
        (pact_id, (required, signed))
        for pact_id, required, signed in PactTally.objects.filter(pact__in=pacts.values("pk"))
        .order_by()
        .values("pact_id")
        .annotate(required=Sum("required"), signed=Sum("signed"))
        .values_list("pact_id", "required", "signed")
    )
    rows = pacts.order_by("agency__code", "-opens_on").values_list(
        "pk",
        "code",
        "title",
        "status",
        "agency__code",
        "agency__name",
        "election__name",
        "not_required",
    )
    out = []
    for pk, code, title, status, agency_code, agency_name, election_name, not_required in rows:
        required, signed = totals.get(pk, (0, 0))
        out.append(PactCoverage(code, title, status, agency_code, agency_name, election_name,
                                not_required, CoverageRow(agency_name, required, signed)))  # fmt: skip
    return out


def coverage_by_region(user, *, election: Election | None = None) -> list[CoverageRow]:
    """Coverage per region code of the employees (theirs, else their agency's), over visible pacts."""
    pacts = visible_pacts(user).exclude(status=PactStatus.DRAFT)
    if election is not None:
        pacts = pacts.filter(election=election)
    rows = (
        PactTally.objects.filter(pact__in=pacts.values("pk"))
        .order_by()
        .values("region_code")
        .annotate(required=Sum("required"), signed=Sum("signed"))
        .order_by("region_code")
    )
    return [CoverageRow(r["region_code"], r["required"], r["signed"]) for r in rows]


def attendance_by_agency(event: SocializationEvent) -> list[dict]:
    """Attendees per agency of the event: in the hall, online, invited or not."""
    return [
        dict(row)
        for row in EventAttendance.objects.filter(event=event)
        .order_by()
        .values("agency__code", "agency__name")
        .annotate(
            total=Count("pk"),
            remote=Count("pk", filter=Q(online=True)),
            in_hall=Count("pk", filter=Q(online=False)),
        )
        .order_by("agency__code")
    ]


def attendees(event: SocializationEvent) -> QuerySet:
    return (
        EventAttendance.objects.filter(event=event)
        .select_related("employee", "agency")
        .order_by("agency__code", "employee__name")
    )


def quiz_scores(events: QuerySet) -> dict:
    """Quiz results per event and per agency: attempts and mean score in percent."""
    attempts = QuizAttempt.objects.filter(event__in=events.values("pk"))
    percent = Avg(100.0 * Coalesce("score", 0) / Coalesce("total", 1))
    return {
        "events": list(
            attempts.order_by().values("event__code", "event__title")
            .annotate(n=Count("pk"), mean=percent).order_by("event__code")
        ),
        "agencies": list(
            attempts.order_by().values("agency__code", "agency__name")
            .annotate(n=Count("pk"), mean=percent).order_by("agency__code")
        ),
    }  # fmt: skip


def agency_overview(user, agency) -> dict:
    """What the agency page shows about prevention: pacts with coverage, events with attendance,
    quiz scores (as far as ``user`` may see)."""
    pacts = list(pacts_with_coverage(user).filter(agency=agency)[:20])
    events = (
        visible_events(user)
        .filter(Q(agency=agency) | Q(invites__agency=agency))
        .distinct()
        .annotate(present=Count("attendance", filter=Q(attendance__agency=agency), distinct=True))
        .order_by("-starts_at")
    )
    return {
        "pacts": pacts,
        "events": list(events[:20]),
        "quiz": quiz_scores(events),
    }


def public_counts(*, election: Election | None = None) -> dict[str, int | float]:
    """For the public insight stage: counts only, never names or per-person rows."""
    pacts = IntegrityPact.objects.exclude(status=PactStatus.DRAFT)
    events = SocializationEvent.objects.exclude(
        status__in=[EventStatus.DRAFT, EventStatus.CANCELLED]
    )
    if election is not None:
        pacts, events = pacts.filter(election=election), events.filter(election=election)
    tallies = PactTally.objects.filter(pact__in=pacts.values("pk")).aggregate(
        required=Coalesce(Sum("required"), 0), signed=Coalesce(Sum("signed"), 0)
    )
    attendance = EventAttendance.objects.filter(event__in=events.values("pk")).aggregate(
        total=Count("pk"), online=Count("pk", filter=Q(online=True))
    )
    quiz = QuizAttempt.objects.filter(event__in=events.values("pk")).aggregate(
        n=Count("pk"), score=Coalesce(Sum("score"), 0), total=Coalesce(Sum("total"), 0)
    )
    return {
        "pacts": pacts.count(),
        "agencies_with_pact": pacts.values("agency").distinct().count(),
        "employees_required": tallies["required"],
        "signatures": tallies["signed"],
        "events": events.count(),
        "attendances": attendance["total"],
        "attendances_online": attendance["online"],
        "quiz_attempts": quiz["n"],
        "quiz_mean_percent": round(100 * quiz["score"] / quiz["total"], 1)
        if quiz["total"]
        else 0.0,
    }
