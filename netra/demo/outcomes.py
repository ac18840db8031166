"""The outcomes of the demo world's decided cases: decisions per person, the queue's violation rows,
then the forwardings and recommendations of stage 4 (stage_four.py); netra/demo/cases.py plans them."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from netra.cases.models import Case, CaseViolation, Decision
from netra.reference.models import CatalogueVersion, ViolationGroup, ViolationType

from .stage_four import StageFour

BATCH = 5000


class Outcomes:
    """Decisions, the queue's violation rows, recommendations and sanctions of decided cases."""

    def __init__(self, rng: random.Random, catalogues, violations, competent) -> None:
        self.rng = rng
        self.catalogues = catalogues
        self.violations = violations
        self.competent = competent

    def _version(self, decided_on: dt.date) -> CatalogueVersion:
        if self.catalogues[0].effective_from > decided_on:
            return self.catalogues[0]
        return next(c for c in reversed(self.catalogues) if c.effective_from <= decided_on)

    def _pool(self, p: Any, version: CatalogueVersion) -> list[ViolationType]:
        stage = p.election.candidate_stage_on(p.incident) or "calon"
        group = ViolationGroup.ETHICS if stage == "bakal_calon" else ViolationGroup.DISCIPLINE
        pool = self.violations[group]
        return [v for v in pool if v.version_id == version.pk] or pool

    def write(self, cases: list[Case], plans: Sequence[Any], by_case) -> None:
        decisions, decided = [], []
        for case, p in zip(cases, plans, strict=True):
            if case.decided_at is None:
                continue
            decided_on = case.decided_at.date()
            version = self._version(decided_on)
            pool = self._pool(p, version)
            proven_here = []
            for person, proven in zip(by_case[case.pk], p.proven, strict=True):
                decision = Decision(
                    case=case,
                    reported_person=person,
                    proven=proven,
                    catalogue_version=version,
                    decided_on=decided_on,
                )
                chosen = self.rng.choice(pool) if proven else None
                decisions.append((decision, chosen))
                if proven:
                    proven_here.append((person, chosen))
            decided.append((case, proven_here))
        self._decisions(decisions)
        stage_four = StageFour(self.rng, self.competent)
        stage_four.forwardings(cases)
        stage_four.write(decided)

    def _decisions(self, decisions) -> None:
        Decision.objects.bulk_create([d for d, _ in decisions], batch_size=BATCH)
        through = Decision.violation_types.through
        through.objects.bulk_create(
            [
                through(decision_id=d.pk, violationtype_id=chosen.pk)
                for d, chosen in decisions
                if chosen is not None
            ],
            batch_size=BATCH,
        )
        # The queue's copy of the codes decided per case (what queue_violations.recount writes).
        decided = {(d.case_id, chosen.code): d.case for d, chosen in decisions if chosen}
        CaseViolation.objects.bulk_create(
            [
                CaseViolation(
                    case=case, code=code, due_on=case.due_on, received_at=case.received_at
                )
                for (_case_id, code), case in sorted(decided.items())
            ],
            batch_size=BATCH,
        )
