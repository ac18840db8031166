"""The outcomes of the demo world's decided cases: decisions per person, the queue's violation rows,
recommendations to the agencies and the sanctions imposed (netra/demo/cases.py plans them)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from netra.cases.models import Case, CaseStatus, CaseViolation, Decision
from netra.reference.models import CatalogueVersion, EmployeeType, ViolationGroup, ViolationType
from netra.sanctions.models import Recommendation, Sanction

BATCH = 5000


class Outcomes:
    """Decisions, the queue's violation rows, recommendations and sanctions of decided cases."""

    def __init__(self, rng: random.Random, catalogues, violations, authorities) -> None:
        self.rng = rng
        self.catalogues = catalogues
        self.violations = violations
        self.authorities = authorities

    def _version(self, decided_on: dt.date) -> CatalogueVersion:
        if self.catalogues[0].effective_from > decided_on:
            return self.catalogues[0]
        return next(c for c in reversed(self.catalogues) if c.effective_from <= decided_on)

    def _pool(self, p: Any, version: CatalogueVersion) -> list[ViolationType]:
        stage = p.election.candidate_stage_on(p.incident) or "calon"
        group = ViolationGroup.ETHICS if stage == "bakal_calon" else ViolationGroup.DISCIPLINE
        pool = self.violations[group]
        return [v for v in pool if v.version_id == version.pk] or pool

    def _recommendation(self, case: Case, p: Any, person, version, chosen, n: int):
        assert case.forwarded_at is not None
        forwarded_on = case.forwarded_at.date()
        authority = next(
            a
            for a in self.authorities
            if (a.effective_from or dt.date.min) <= forwarded_on <= (a.effective_to or dt.date.max)
        )
        status = p.outcome if case.status == CaseStatus.CLOSED else Recommendation.Status.ISSUED
        return Recommendation(
            case=case,
            reported_person=person,
            authority=authority,
            agency_id=person.agency_id,
            number=f"REK-{authority.code}/{case.code}/{n + 1}",
            issued_on=forwarded_on + dt.timedelta(days=self.rng.randint(5, 40)),
            catalogue_version=version,
            recommended_level=chosen.level if chosen else "berat",
            status=status,
        )

    def write(self, cases: list[Case], plans: Sequence[Any], by_case) -> None:
        decisions, recommendations = [], []
        for case, p in zip(cases, plans, strict=True):
            if case.decided_at is None:
                continue
            decided_on = case.decided_at.date()
            version = self._version(decided_on)
            pool = self._pool(p, version)
            for n, (person, proven) in enumerate(zip(by_case[case.pk], p.proven, strict=True)):
                decision = Decision(
                    case=case,
                    reported_person=person,
                    proven=proven,
                    catalogue_version=version,
                    decided_on=decided_on,
                )
                chosen = self.rng.choice(pool) if proven else None
                decisions.append((decision, chosen))
                if proven and case.forwarded_at and person.agency_id:
                    rec = self._recommendation(case, p, person, version, chosen, n)
                    recommendations.append((rec, chosen, person))
        self._decisions(decisions)
        Recommendation.objects.bulk_create([r for r, _, _ in recommendations], batch_size=BATCH)
        self._sanctions(recommendations)

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

    def _sanctions(self, recommendations) -> None:
        rng, sanctions = self.rng, []
        for recommendation, chosen, person in recommendations:
            if recommendation.status != Recommendation.Status.FOLLOWED_UP or chosen is None:
                continue
            employee_type = (
                person.category if person.category in EmployeeType.values else EmployeeType.PNS
            )
            allowed = sorted(chosen.sanctions_for(employee_type), key=lambda s: s.code)
            if allowed:
                sanctions.append(
                    Sanction(
                        recommendation=recommendation,
                        sanction_type=rng.choice(allowed),
                        decree_number=f"800/{rng.randint(100, 999)}/BKPSDM/{recommendation.issued_on.year}",
                        imposed_on=recommendation.issued_on + dt.timedelta(days=rng.randint(3, 30)),
                    )
                )
        Sanction.objects.bulk_create(sanctions, batch_size=BATCH)
