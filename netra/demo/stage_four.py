"""Stage 4 in the demo world: Bawaslu's forwardings and the recommendations of decided cases in every
state the authority and the PPKs meet (awaiting the PPK, not yet due or overdue, blocked,
escalated, contested, sanctioned, sanctioned lighter than recommended, referred, withdrawn).

Written in bulk beside the cases (a million-case world must build in minutes); ``scenarios`` then
runs the real services on the built world: the 2024 KASN → BKN hand-over (SE MenPAN-RB 4/2024) and
fresh recommendations with their letters to ``ppk.samarinda`` and ``ppk.kaltim``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.utils import timezone

from netra.accounts.models import Role, User
from netra.cases.models import Case, CaseStatus, Forwarding, ReportedPerson
from netra.reference.models import (
    CivilServiceAuthority,
    DeadlineRule,
    EmployeeType,
)
from netra.sanctions.models import (
    Block,
    Contest,
    Escalation,
    Recommendation,
    Route,
    Sanction,
    SanctionFlag,
)
from netra.sanctions.services.enforcement import block_personnel_data, escalate_recommendation
from netra.sanctions.services.grading import LEVEL_RANK, allowed_for, is_lighter
from netra.sanctions.services.handover import perform_handover, plan_handover
from netra.sanctions.services.recommending import issue_recommendation, options_for, person_facts
from netra.sanctions.services.responses import contest_recommendation, record_sanction

S = Recommendation.Status
BATCH = 5000
HANDOVER_ON = dt.date(2024, 9, 4)  # SE MenPAN-RB 4/2024 (docs/legal/deadlines.md T2, T3)
# What became of the recommendations of cases still forwarded (None: not recommended yet, the
# authority's work); closed cases' recommendations are settled.
OPEN_OUTCOMES = (
    (None, 30),
    (S.ISSUED, 28),
    ("blocked", 8),
    (S.ESCALATED, 8),
    (S.CONTESTED, 8),
    (S.FOLLOWED_UP, 18),
)
SANCTIONED_KINDS = (EmployeeType.PNS, EmployeeType.PPPK)


def _weighted(rng: random.Random, pairs) -> Any:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


@dataclass
class Written:
    recommendations: list[Recommendation] = field(default_factory=list)
    violations: list[tuple[Recommendation, int]] = field(default_factory=list)
    sanctions: list[Sanction] = field(default_factory=list)
    contests: list[Contest] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    escalations: list[Escalation] = field(default_factory=list)


class StageFour:
    """Forwardings and recommendations of one batch of demo cases, written in bulk."""

    def __init__(self, rng: random.Random, competent: dict[dt.date, CivilServiceAuthority]) -> None:
        self.rng = rng
        self._competent = competent  # the build's cache of competent_on, shared by every batch
        self.today = timezone.localdate()
        users = User.objects.filter(role__in=[Role.BAWASLU_OFFICER, Role.AUTHORITY_ANALYST])
        by_role = {u.role: u for u in users.order_by("username")}
        self.officer = by_role.get(Role.BAWASLU_OFFICER)
        self.analyst = by_role.get(Role.AUTHORITY_ANALYST)
        self.ppks = {
            u.agency_id: u for u in User.objects.filter(role=Role.AGENCY_PERSONNEL).order_by("pk")
        }
        rule = DeadlineRule.objects.filter(code="A2").first()
        self.ppk_days = rule.value if rule and rule.value else 10
        self._allowed: dict[tuple[int, str], list[Any]] = {}

    def authority_on(self, day: dt.date) -> CivilServiceAuthority:
        """The reference data's answer (``competent_on``), asked once per day of the world."""
        if day not in self._competent:
            competent = CivilServiceAuthority.competent_on(day)
            assert competent is not None, f"no civil-service authority on {day}"
            self._competent[day] = competent
        return self._competent[day]

    def allowed(self, violation, kind: str) -> list[Any]:
        key = (violation.pk, kind)
        if key not in self._allowed:
            self._allowed[key] = sorted(violation.sanctions_for(kind), key=lambda s: s.code)
        return self._allowed[key]

    # -- forwardings -------------------------------------------------------------------------------
    def forwardings(self, cases: list[Case]) -> None:
        if self.officer is None:
            return
        Forwarding.objects.bulk_create(
            [
                Forwarding(
                    case=case,
                    authority=self.authority_on(case.forwarded_at.date()),
                    forwarded_on=case.forwarded_at.date(),
                    forwarded_by=self.officer,
                )
                for case in cases
                if case.forwarded_at is not None
            ],
            batch_size=BATCH,
        )

    # -- recommendations ---------------------------------------------------------------------------
    def outcomes(self, case: Case, proven: list[tuple[ReportedPerson, Any]]) -> list[Any]:
        """One outcome per proven person; an open case keeps at least one unsettled."""
        if case.status == CaseStatus.CLOSED:
            return [S.WITHDRAWN if self.rng.random() < 0.03 else S.FOLLOWED_UP for _ in proven]
        chosen = [_weighted(self.rng, OPEN_OUTCOMES) for _ in proven]
        if all(c in Recommendation.SETTLED for c in chosen):
            chosen[-1] = S.ISSUED
        return chosen

    def write(self, decided: list[tuple[Case, list[tuple[ReportedPerson, Any]]]]) -> None:
        out = Written()
        for case, proven in decided:
            if case.forwarded_at is None or not proven:
                continue
            for n, ((person, violation), outcome) in enumerate(
                zip(proven, self.outcomes(case, proven), strict=True)
            ):
                if outcome is not None and person.agency_id:
                    self._recommend(out, case, person, violation, outcome, n)
        self._save(out)

    def _issued_on(self, case: Case, outcome: str) -> dt.date:
        assert case.forwarded_at is not None
        forwarded = case.forwarded_at.date()
        rng = self.rng
        if outcome == S.ISSUED and rng.random() < 0.5:  # fresh ones, some not yet due
            return max(forwarded, self.today - dt.timedelta(days=rng.randint(0, 15)))
        issued = forwarded + dt.timedelta(days=rng.randint(5, 40))
        if case.status != CaseStatus.CLOSED and issued < HANDOVER_ON and rng.random() < 0.8:
            # Most of KASN's open files were still unprocessed when BKN took them over.
            issued = HANDOVER_ON + dt.timedelta(days=rng.randint(0, 300))
        return min(self.today, issued)

    def _recommend(self, out: Written, case, person, violation, outcome, n: int) -> None:
        if violation is None:  # proven without a violation type: nothing to recommend on
            return
        rng, kind = self.rng, person.category
        issued_on = self._issued_on(case, outcome)
        authority = self.authority_on(issued_on)
        employee = person.employee
        forms = self.allowed(violation, kind)
        referred = kind not in SANCTIONED_KINDS
        if referred:
            status, form = S.REFERRED, None
        else:
            status = S.ISSUED if outcome == "blocked" else outcome
            at_level = [f for f in forms if f.level == violation.level] or forms
            form = rng.choice(at_level) if at_level else None
        rec = Recommendation(
            case=case,
            reported_person=person,
            authority=authority,
            agency_id=person.agency_id,
            number=f"REK-{authority.code}/{case.code}/{n + 1}",
            issued_on=issued_on,
            issued_by=self.analyst,
            catalogue_version_id=violation.version_id,
            employee_kind=kind,
            position_class=employee.position_class if employee else "",
            route=Route.OWN_AUTHORITY if referred else Route.SANCTION,
            group=violation.group,
            recommended_level="" if referred else (form.level if form else "berat"),
            recommended_sanction=form,
            reasoning="Terbukti melanggar netralitas ASN berdasarkan putusan pleno Bawaslu.",
            status=status,
            due_on=None if referred else issued_on + dt.timedelta(days=self.ppk_days),
            deadline_rule="" if referred else "A2",
        )
        if rec.due_on and status in (S.ISSUED, S.ESCALATED) and rec.due_on < self.today:
            rec.overdue_since = rec.due_on + dt.timedelta(days=1)
        if status in Recommendation.SETTLED:
            rec.settled_at = timezone.make_aware(dt.datetime.combine(issued_on, dt.time(10)))
        out.recommendations.append(rec)
        out.violations.append((rec, violation.pk))
        self._follow_up(out, rec, outcome, forms)

    def _follow_up(self, out: Written, rec: Recommendation, outcome: str, forms) -> None:
        rng = self.rng
        if outcome == S.FOLLOWED_UP and rec.route == Route.SANCTION:
            if rec.recommended_sanction is None:  # nothing to impose: still awaiting the PPK
                rec.status, rec.settled_at = S.ISSUED, None
            else:
                out.sanctions.append(self._sanction(rec, forms))
        elif outcome == S.CONTESTED:
            ppk = self.ppks.get(rec.agency_id) or self.analyst
            at = timezone.make_aware(dt.datetime.combine(rec.issued_on, dt.time(14)))
            out.contests.append(
                Contest(
                    recommendation=rec,
                    reasons="Pegawai yang bersangkutan sedang mengajukan keberatan atas fakta.",
                    recorded_by=ppk,
                    recorded_at=at + dt.timedelta(days=rng.randint(1, 5)),
                )
            )
        elif outcome in ("blocked", S.ESCALATED) and rec.due_on and rec.due_on < self.today:
            blocked_on = min(self.today, rec.due_on + dt.timedelta(days=rng.randint(1, 10)))
            out.blocks.append(
                Block(
                    recommendation=rec,
                    blocked_on=blocked_on,
                    letter_number=f"BLK-{rec.number}",
                    blocked_by=self.analyst,
                )
            )
            escalate_on = blocked_on + dt.timedelta(days=14 + rng.randint(0, 10))
            if outcome == S.ESCALATED and escalate_on > self.today:
                rec.status = S.ISSUED  # blocked, the second period still running
            elif outcome == S.ESCALATED:
                out.escalations.append(
                    Escalation(
                        recommendation=rec,
                        escalated_on=escalate_on,
                        addressed_to="Menteri Dalam Negeri",
                        escalated_by=self.analyst,
                    )
                )
        elif outcome == S.ESCALATED:  # not overdue yet: still awaiting the PPK
            rec.status = S.ISSUED

    def _sanction(self, rec: Recommendation, forms) -> Sanction:
        rng = self.rng
        assert rec.recommended_sanction is not None
        imposed = min(self.today, rec.issued_on + dt.timedelta(days=rng.randint(2, 12)))
        chosen, flag, note = rec.recommended_sanction, SanctionFlag.NONE, ""
        # Grading's order, so the flag agrees with what the PPK's service decides.
        ranks = {str(level): n for level, n in LEVEL_RANK.items()}
        lighter = [f for f in forms if ranks.get(f.level, -1) < ranks.get(chosen.level, -1)]
        if lighter and rng.random() < 0.1:
            chosen, flag = rng.choice(lighter), SanctionFlag.LIGHTER
            note = "PPK mempertimbangkan masa kerja dan pengakuan pegawai."
        return Sanction(
            recommendation=rec,
            sanction_type=chosen,
            decree_number=f"800/{rng.randint(100, 999)}/BKPSDM/{imposed.year}",
            imposed_on=imposed,
            flag=flag,
            flag_note=note,
            recorded_by=self.ppks.get(rec.agency_id),
            recorded_at=timezone.make_aware(dt.datetime.combine(imposed, dt.time(11))),
        )

    def _save(self, out: Written) -> None:
        users_ok = self.analyst is not None
        Recommendation.objects.bulk_create(out.recommendations, batch_size=BATCH)
        through = Recommendation.violation_types.through
        through.objects.bulk_create(
            [through(recommendation_id=r.pk, violationtype_id=v) for r, v in out.violations],
            batch_size=BATCH,
        )
        Sanction.objects.bulk_create(out.sanctions, batch_size=BATCH)
        if users_ok:
            Contest.objects.bulk_create(out.contests, batch_size=BATCH)
            Block.objects.bulk_create(out.blocks, batch_size=BATCH)
            Escalation.objects.bulk_create(out.escalations, batch_size=BATCH)


def scenarios(say) -> None:
    """The services on the built world: the 2024 hand-over of KASN's open files, then a fresh
    recommendation with its letter for each demo PPK (what ``bkn.analis`` would do today)."""
    analyst = User.objects.filter(username="bkn.analis", is_active=True).first()
    kasn = CivilServiceAuthority.objects.filter(code="KASN").first()
    bkn = CivilServiceAuthority.objects.filter(code="BKN").first()
    if analyst is None or kasn is None or bkn is None:
        return
    plan = plan_handover(from_authority=kasn, to_authority=bkn, effective_on=HANDOVER_ON)
    if plan.items:
        perform_handover(
            from_authority=kasn, to_authority=bkn, effective_on=HANDOVER_ON, actor=analyst
        )
        say(f"  hand-over KASN → BKN: {len(plan.items)} files")
    for agency in ("PEMKOT-64.72", "PEMPROV-64"):
        waiting = (
            ReportedPerson.objects.filter(
                case__status=CaseStatus.FORWARDED,
                case__forwarding__authority=bkn,
                decision__proven=True,
                decision__violation_types__isnull=False,
                recommendation__isnull=True,
                agency__code=agency,
                category__in=SANCTIONED_KINDS,
            )
            .order_by("case__code", "pk")
            .first()
        )
        if waiting is None:
            continue
        allowed = options_for(person_facts(waiting))
        if not allowed.forms:
            continue
        form = allowed.forms[-1].sanction
        issue_recommendation(
            person=waiting,
            actor=analyst,
            level=form.level,
            sanction_type=form,
            reasoning="Terbukti melanggar netralitas ASN berdasarkan putusan pleno Bawaslu.",
        )
        say(f"  recommendation to the PPK of {agency}: {waiting.case.code}")
    for agency in ("PEMKOT-64.72", "PEMPROV-64"):
        _showcase(agency, analyst, bkn, say)


def _showcase(agency: str, analyst: User, bkn: CivilServiceAuthority, say) -> None:
    """Through the services, so their letters, timelines and audit entries exist: of the agency's
    open recommendations, one escalated after a block, one blocked, one contested by the PPK and
    one answered with a decree lighter than recommended (flagged for the authority)."""
    today = timezone.localdate()
    ppk = User.objects.filter(role=Role.AGENCY_PERSONNEL, agency__code=agency).first()
    followed_by_bkn = Q(report_to=bkn) | Q(report_to__isnull=True, authority=bkn)
    open_ = Recommendation.objects.filter(
        followed_by_bkn, agency__code=agency, status=S.ISSUED
    ).order_by("number")
    overdue = list(open_.filter(due_on__lt=today - dt.timedelta(days=40), blocks__isnull=True))
    done = []
    if overdue:
        rec = overdue.pop(0)
        blocked = today - dt.timedelta(days=30)
        block_personnel_data(
            recommendation=rec, actor=analyst, blocked_on=blocked, letter_number=f"BLK-{rec.number}"
        )
        escalate_recommendation(recommendation=rec, actor=analyst)
        done.append("escalated")
    if overdue:
        rec = overdue.pop(0)
        block_personnel_data(
            recommendation=rec, actor=analyst, blocked_on=today, letter_number=f"BLK-{rec.number}"
        )
        done.append("blocked")
    if ppk is None:
        return
    # The fresh recommendations with letters stay as they are: work waiting for the PPK.
    rest = list(open_.filter(blocks__isnull=True, letter__isnull=True))
    lighter = next((r for r in rest if _lighter_form(r)), None)
    if lighter is not None:
        rest.remove(lighter)
        record_sanction(
            recommendation=lighter,
            actor=ppk,
            sanction_type=_lighter_form(lighter),
            decree_number=f"800.1.6/{lighter.number}",
            imposed_on=today,
            decree_scan=SimpleUploadedFile("sk.pdf", DEMO_PDF, "application/pdf"),
            reason="Pegawai mengakui perbuatannya dan baru pertama kali melanggar.",
        )
        done.append("lighter decree")
    if rest:
        contest_recommendation(
            recommendation=rest[0],
            actor=ppk,
            reasons="Pegawai menyampaikan bukti baru bahwa foto diambil sebelum masa kampanye.",
        )
        done.append("contested")
    if done:
        say(f"  {agency}: {', '.join(done)}")


def _lighter_form(rec: Recommendation) -> Any:
    forms = allowed_for(rec).forms
    return next((f.sanction for f in forms if is_lighter(f.sanction, rec)), None)


# A one-page PDF standing in for a scanned decree (the PPK's upload is checked as a PDF).
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
