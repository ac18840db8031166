"""A demonstration election under way today, so the demo of `bin/run` takes reports about what
happened this week.

Reports are taken only about an election under way on the incident date (reports/checks.py); the
real elections preloaded in the reference data ended in 2024. This one is plainly labelled as demo
data, exists only in the demo world (never in ``netra/reference/data/``), and is added through the
same audited service as a real one (``reference.services.add_election``).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from netra.reference.models import Confidence, Election, ElectionKind, ElectionPhase
from netra.reference.services import ElectionInput, PhaseInput, add_election

CODE = "demo-simulasi"
NOT_REAL = "Data demo untuk mencoba Netra: bukan pemilihan sungguhan."


def demo_election(today: dt.date | None = None) -> Election:
    """The demo election, its stages around ``today`` (pre-campaign now, voting in ten weeks)."""
    existing = Election.objects.filter(code=CODE).first()
    if existing is not None:
        return existing
    today = today or timezone.localdate()
    start = today - dt.timedelta(days=90)
    spans = [
        (ElectionPhase.Kind.PRE_CAMPAIGN, start, today + dt.timedelta(days=20)),
        (ElectionPhase.Kind.CAMPAIGN, today + dt.timedelta(days=21), today + dt.timedelta(days=66)),
        (ElectionPhase.Kind.QUIET, today + dt.timedelta(days=67), today + dt.timedelta(days=69)),
        (ElectionPhase.Kind.VOTING, today + dt.timedelta(days=70), today + dt.timedelta(days=70)),
        (ElectionPhase.Kind.COUNTING, today + dt.timedelta(days=71), today + dt.timedelta(days=90)),
    ]
    data = ElectionInput(
        code=CODE,
        name="Pemilihan Simulasi (data demo)",
        kind=ElectionKind.PILKADA,
        voting_date=today + dt.timedelta(days=70),
        regulation="— (data demo)",
        candidates_fixed_on=today + dt.timedelta(days=18),
        candidates_fixed_confidence=Confidence.UNVERIFIED,
        note=NOT_REAL,
        phases=[
            PhaseInput(
                kind=kind,
                starts_on=starts,
                ends_on=ends,
                legal_basis="— (data demo)",
                confidence=Confidence.UNVERIFIED,
                note=NOT_REAL,
            )
            for kind, starts, ends in spans
        ],
    )
    return add_election(actor_label="command:build_demo", data=data)
