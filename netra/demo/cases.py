"""The demo world's cases: planned from the seed, opened through case handling's own service
(``cases.services.open_cases``: routing, registry match, case codes), then given a history in bulk —
later statuses with their dates, reports, decisions, recommendations and sanctions — so that
``--cases 1000000`` builds in minutes for the queue benchmark.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from netra.cases.models import (
    Case,
    CaseEvent,
    CaseStatus,
    Origin,
    PersonCategory,
    ReportedPerson,
)
from netra.cases.services import CaseHistory, CaseSpec, PersonSpec, open_cases
from netra.reference.models import (
    CatalogueVersion,
    CivilServiceAuthority,
    Election,
    Region,
    ViolationGroup,
    ViolationType,
)
from netra.registry.models import Employee
from netra.reports import identity as sealed_identity
from netra.reports import receipts
from netra.reports.models import Evidence, Report
from netra.sanctions.models import Recommendation

from .outcomes import Outcomes

WIB = ZoneInfo("Asia/Jakarta")
KALTIM = "64"
BATCH = 5000

# Where the demo's cases stand. Pemilu 2019 and Pilkada 2020 are long finished; the 2024 elections
# hold cases in every state of the workflow.
FINISHED_STATUSES = ((CaseStatus.CLOSED, 7), (CaseStatus.NOT_REGISTERED, 2))
LIVE_STATUSES = (
    (CaseStatus.RECEIVED, 2),
    (CaseStatus.INITIAL_REVIEW, 2),
    (CaseStatus.NOT_REGISTERED, 1),
    (CaseStatus.REGISTERED, 2),
    (CaseStatus.CLARIFICATION, 2),
    (CaseStatus.DECIDED, 1),
    (CaseStatus.FORWARDED, 3),
    (CaseStatus.CLOSED, 3),
)
PATH = [
    CaseStatus.RECEIVED,
    CaseStatus.INITIAL_REVIEW,
    CaseStatus.REGISTERED,
    CaseStatus.CLARIFICATION,
    CaseStatus.DECIDED,
    CaseStatus.FORWARDED,
    CaseStatus.CLOSED,
]
ELECTION_WEIGHTS = (
    ("pemilu-2019", 1),
    ("pilkada-2020", 1),
    ("pemilu-2024", 4),
    ("pilkada-2024", 5),
)
SUMMARIES = (
    "Pegawai mengunggah foto bersama calon dengan pose jari menunjukkan nomor urut.",
    "Camat menghadiri deklarasi pasangan calon dan memberikan sambutan dukungan.",
    "Guru membagikan unggahan kampanye calon di grup WhatsApp sekolah.",
    "Kepala dinas menggunakan mobil dinas untuk menghadiri kampanye.",
    "Lurah mengajak warga memilih calon tertentu dalam pertemuan RT.",
    "Pegawai memberi 'like' dan komentar dukungan pada akun tim pemenangan.",
    "Pegawai memasang baliho bakal calon di depan rumahnya.",
    "Pejabat menerbitkan keputusan yang menguntungkan salah satu pasangan calon.",
)


def first_receipt(seed: int) -> str:
    """The receipt code of the demo world's first report: 16 digits from the seed."""
    digest = hashlib.sha256(f"netra-demo-receipt:{seed}".encode()).hexdigest()
    return f"{int(digest, 16) % 10**16:016d}"


# The summaries that tell of a post, and where it was posted.
SOCIAL_HOSTS = {
    SUMMARIES[0]: "www.instagram.com",
    SUMMARIES[2]: "chat.whatsapp.com",
    SUMMARIES[5]: "www.facebook.com",
}


def weighted(rng: random.Random, pairs):
    items, weights = zip(*pairs, strict=True)
    return rng.choices(items, weights=weights)[0]


def at_time(day: dt.date, rng: random.Random) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(rng.randint(8, 16), rng.randint(0, 59)), tzinfo=WIB)


@dataclass
class Plan:
    """One demo case: where it stands, when each step happened, who it names."""

    election: Election
    status: str
    path: list[CaseStatus]
    times: list[dt.datetime]
    origin: str
    district: Region
    incident: dt.date
    known: dt.date
    persons: list[dict[str, Any]]
    reports: int
    proven: list[bool]
    outcome: str
    summary: str

    @property
    def at(self) -> dict[str, dt.datetime]:
        return dict(zip(self.path, self.times, strict=True))


def _history_of(p: Plan) -> CaseHistory:
    """Where the planned case stands: written with the case (no update of a million rows after)."""
    t = p.at
    due = None
    if p.status in (CaseStatus.RECEIVED, CaseStatus.INITIAL_REVIEW):
        due = (t[CaseStatus.RECEIVED] + dt.timedelta(days=2)).date()
    elif p.status in (CaseStatus.REGISTERED, CaseStatus.CLARIFICATION, CaseStatus.DECIDED):
        due = (t[CaseStatus.REGISTERED] + dt.timedelta(days=14)).date()
    return CaseHistory(
        status=p.status,
        registered_at=t.get(CaseStatus.REGISTERED),
        decided_at=t.get(CaseStatus.DECIDED),
        forwarded_at=t.get(CaseStatus.FORWARDED),
        closed_at=t.get(CaseStatus.CLOSED) or t.get(CaseStatus.NOT_REGISTERED),
        due_on=due,
    )


class DemoCases:
    """Writes ``n`` cases batch by batch (a million-case build holds no huge transaction)."""

    def __init__(
        self, rng: random.Random, person_name, receipts_out: list[str], seed: int = 0
    ) -> None:
        self.seed = seed
        self.rng = rng
        self.person_name = person_name  # the world's name generator
        self.receipts = receipts_out  # the first receipt code, printed so a person can follow it
        self.elections = {e.code: e for e in Election.objects.prefetch_related("phases")}
        self.districts = list(Region.objects.filter(parent__parent_id=KALTIM).order_by("code"))
        self.catalogues = list(CatalogueVersion.objects.order_by("effective_from"))
        self.violations = {
            group: list(ViolationType.objects.filter(group=group).order_by("code"))
            for group in ViolationGroup.values
        }
        # The authority competent on each day, asked once per build (stage_four.StageFour).
        self.competent: dict[dt.date, CivilServiceAuthority] = {}

    def write(self, n: int, employees: list[Employee], say) -> int:
        with_nip = [e for e in employees if e.is_active]
        made = 0
        while made < n:
            size = min(BATCH, n - made)
            elections = [self.elections[weighted(self.rng, ELECTION_WEIGHTS)] for _ in range(size)]
            plans = [self.plan(election, with_nip) for election in elections]
            self.write_batch(plans)
            made += size
            say(f"  cases: {made}/{n}")
        return made

    # -- planning ----------------------------------------------------------------------------------
    def _status_path(self, election: Election) -> tuple[str, list[CaseStatus]]:
        finished = election.voting_date.year < 2024
        status = weighted(self.rng, FINISHED_STATUSES if finished else LIVE_STATUSES)
        if status == CaseStatus.NOT_REGISTERED:
            return status, [CaseStatus.RECEIVED, CaseStatus.INITIAL_REVIEW, status]
        return status, PATH[: PATH.index(status) + 1]

    def _persons(self, employees: list[Employee]) -> list[dict[str, Any]]:
        rng = self.rng
        persons: list[dict[str, Any]] = []
        for _ in range(1 if rng.random() < 0.8 else 2):
            if rng.random() < 0.1:
                category = rng.choice((PersonCategory.VILLAGE_HEAD, PersonCategory.VILLAGE_STAFF))
                persons.append({"employee": None, "category": category, "name": self.person_name()})
            else:
                employee = rng.choice(employees)
                persons.append(
                    {
                        "employee": employee,
                        "category": employee.employee_type,
                        "name": employee.name,
                    }
                )
        return persons

    def plan(self, election: Election, employees: list[Employee]) -> Plan:
        rng = self.rng
        phases = list(election.phases.all())
        first, last = phases[0].starts_on, phases[-1].ends_on
        status, path = self._status_path(election)
        # Open cases cluster near voting day, as reports do in real life.
        if status in (CaseStatus.RECEIVED, CaseStatus.INITIAL_REVIEW):
            incident = election.voting_date - dt.timedelta(days=rng.randint(0, 20))
        else:
            span = (election.voting_date - first).days
            incident = first + dt.timedelta(days=int(span * rng.random() ** 0.4))
        incident = min(incident, last)
        known = incident + dt.timedelta(days=rng.choice((0, 0, 0, 1, 2, 3)))
        times = [at_time(known + dt.timedelta(days=rng.randint(0, 4)), rng)]
        district = rng.choice(self.districts)
        persons = self._persons(employees)
        origin = weighted(
            rng, ((Origin.LAPORAN, 11), (Origin.INFORMASI_AWAL, 5), (Origin.TEMUAN, 4))
        )
        for _ in path[1:]:
            times.append(times[-1] + dt.timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 5)))
        return Plan(
            election=election,
            status=status,
            path=path,
            times=times,
            origin=origin,
            district=district,
            incident=incident,
            known=known,
            persons=persons,
            reports=2 if origin != Origin.TEMUAN and rng.random() < 0.15 else 1,
            proven=[rng.random() < 0.8 for _ in persons],
            outcome=weighted(
                rng,
                (
                    (Recommendation.Status.FOLLOWED_UP, 6),
                    (Recommendation.Status.ISSUED, 3),
                    (Recommendation.Status.ESCALATED, 1),
                ),
            ),
            summary=rng.choice(SUMMARIES),
        )

    # -- writing ----------------------------------------------------------------------------------
    def _open(self, plans: Sequence[Plan]) -> list[Case]:
        specs = [
            CaseSpec(
                election=p.election,
                origin=p.origin,
                incident_region=p.district,
                incident_date=p.incident,
                known_on=p.known,
                summary=p.summary,
                persons=[
                    PersonSpec(
                        name=person["name"],
                        nip=(person["employee"].nip or "") if person["employee"] else "",
                        position_title=(
                            person["employee"].position_title
                            if person["employee"]
                            else "Kepala Desa"
                        ),
                        agency=person["employee"].agency if person["employee"] else None,
                        category=person["category"],
                        employee=person["employee"],
                    )
                    for person in p.persons
                ],
                received_at=p.times[0],
                history=_history_of(p),
            )
            for p in plans
        ]
        return open_cases(specs=specs, rng=self.rng)

    def _history(self, cases: list[Case], plans: Sequence[Plan]) -> None:
        """The steps each case took after RECEIVED, on its timeline (open_cases wrote the first)."""
        events = []
        for case, p in zip(cases, plans, strict=True):
            steps = zip(p.path, p.path[1:], p.times[1:], strict=False)  # each step after RECEIVED
            for before, status, when in steps:
                events.append(CaseEvent(case=case, at=when, from_status=before, to_status=status))
        CaseEvent.objects.bulk_create(events, batch_size=BATCH)

    def _reports(self, cases: list[Case], plans: Sequence[Plan]) -> None:
        rng, rows = self.rng, []
        for case, p in zip(cases, plans, strict=True):
            for n in range(p.reports):
                anonymous = p.origin == Origin.INFORMASI_AWAL or rng.random() < 0.3
                code = f"{rng.randrange(10**16):016d}"
                if not self.receipts:
                    # The first report's code is fixed by the seed alone, so the API's examples
                    # (netra/reports/api_follow.py DEMO_RECEIPT) can name it.
                    code = first_receipt(self.seed)
                    self.receipts.append(code)
                identity = (
                    {}
                    if anonymous
                    else {"name": self.person_name(), "phone": f"08{rng.randrange(10**10):010d}"}
                )
                rows.append(
                    Report(
                        case=case,
                        receipt_digest=receipts.digest(code),
                        kind=p.origin,
                        election=p.election,
                        submitted_at=p.times[0] + dt.timedelta(hours=3 * n),
                        incident_date=p.incident,
                        known_on=p.known,
                        incident_region=p.district,
                        description=p.summary,
                        is_anonymous=anonymous,
                        reporter_pseudonym=f"Pelapor-{rng.randrange(16**6):06X}",
                        sealed_identity=sealed_identity.seal(identity) if identity else "",
                    )
                )
        Report.objects.bulk_create(rows, batch_size=BATCH)
        self._links(rows)

    @staticmethod
    def _links(reports: list[Report]) -> None:
        """The posts the social-media summaries speak of, as evidence links (the transparency
        page's channel, netra/insights). Derived from the case, not drawn: the seed's draws and
        so the rest of the world stay as they were."""
        links = []
        for report in reports:
            host = SOCIAL_HOSTS.get(report.description)
            if host is not None and report.pk is not None:
                links.append(
                    Evidence(
                        report=report,
                        kind=Evidence.Kind.LINK,
                        url=f"https://{host}/{report.case.code.lower()}",
                        submitted_at=report.submitted_at,
                    )
                )
        Evidence.objects.bulk_create(links, batch_size=BATCH)

    def write_batch(self, plans: Sequence[Plan]) -> None:
        cases = self._open(plans)
        self._history(cases, plans)
        self._reports(cases, plans)
        by_case: dict[int, list[ReportedPerson]] = {}
        persons = (
            ReportedPerson.objects.filter(case__in=[c.pk for c in cases])
            .select_related("employee")
            .order_by("pk")
        )
        for person in persons:
            by_case.setdefault(person.case_id, []).append(person)
        Outcomes(self.rng, self.catalogues, self.violations, self.competent).write(
            cases, plans, by_case
        )
