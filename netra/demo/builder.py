"""A reproducible demo world in Kalimantan Timur: agencies' employees, reports and cases in every
state, decisions, recommendations, sanctions, pacts and events.

Everything is drawn from one ``random.Random(seed)`` and dated from the elections' own calendars (no
``now()``), so the same seed and size always build the same world (``world_digest`` proves it). Rows
are written with ``bulk_create`` in batches, so ``--cases 1000000`` works for benchmarks.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Model, Q

from netra.accounts.models import Role, User
from netra.audit.services import record
from netra.cases.models import (
    Case,
    CaseEvent,
    CaseStatus,
    CaseViolation,
    Decision,
    Origin,
    PersonCategory,
    ReportedPerson,
)
from netra.cases.routing import handling_office
from netra.prevention.models import (
    EventAttendance,
    IntegrityPact,
    PactSignature,
    SocializationEvent,
)
from netra.reference.models import (
    CatalogueVersion,
    CivilServiceAuthority,
    Election,
    EmployeeType,
    Region,
    ViolationGroup,
    ViolationType,
)
from netra.registry.models import Agency, Employee, PositionClass
from netra.reports import identity as sealed_identity
from netra.reports import receipts
from netra.reports.models import Report
from netra.sanctions.models import Recommendation, Sanction

from . import names
from .prevention import build_prevention

WIB = ZoneInfo("Asia/Jakarta")
DEMO_PASSWORD = "netra-demo"  # noqa: S105 - the published demo password (README)
KALTIM = "64"
NATIONAL_AGENCIES_IN_KALTIM = ("KEMENAG", "KEMENKEU")
BATCH = 5000


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    region: str | None = None
    agency: str | None = None
    name: str = ""


DEMO_ACCOUNTS = (
    DemoAccount("bawaslu.ri", Role.BAWASLU_OFFICER, name="Rahmat Hidayat"),
    DemoAccount("bawaslu.kaltim", Role.BAWASLU_OFFICER, region="64", name="Siti Rahmawati"),
    DemoAccount("bawaslu.samarinda", Role.BAWASLU_OFFICER, region="64.72", name="Andi Saputra"),
    DemoAccount("bawaslu.kukar", Role.BAWASLU_OFFICER, region="64.02", name="Dewi Lestari"),
    DemoAccount("bkn.analis", Role.AUTHORITY_ANALYST, name="Budi Santoso"),
    DemoAccount("ppk.kaltim", Role.AGENCY_PERSONNEL, agency="PEMPROV-64", name="Hendra Wijaya"),
    DemoAccount("ppk.samarinda", Role.AGENCY_PERSONNEL, agency="PEMKOT-64.72", name="Maya Sari"),
    DemoAccount("admin.samarinda", Role.AGENCY_ADMIN, agency="PEMKOT-64.72", name="Fajar Nugroho"),
    DemoAccount("sysadmin", Role.SYSTEM_ADMIN, name="Admin Sistem"),
)

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


def _weighted(rng: random.Random, pairs):
    items, weights = zip(*pairs, strict=True)
    return rng.choices(items, weights=weights)[0]


def _at(day: dt.date, rng: random.Random) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(rng.randint(8, 16), rng.randint(0, 59)), tzinfo=WIB)


class DemoWorld:
    def __init__(self, *, seed: int, employees: int, cases: int, stdout=None):
        self.rng = random.Random(seed)
        self.seed = seed
        self.n_employees = employees
        self.n_cases = cases
        self.stdout = stdout
        self.nips: set[str] = set()
        self.receipts: list[str] = []  # the first receipt code, printed so a person can follow it

    def say(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message)

    # -- accounts -------------------------------------------------------------------------------
    def accounts(self) -> list[User]:
        users = []
        password = make_password(DEMO_PASSWORD)  # hashed once: the demo accounts share it
        # Rules and letter templates are reference data too; the cases themselves are not.
        admin_perms = Permission.objects.filter(
            Q(content_type__app_label__in=["accounts", "reference", "registry"])
            | Q(
                content_type__app_label="cases",
                content_type__model__in=[
                    "deadlinerule",
                    "holidayoverride",
                    "documenttemplate",
                    "apitoken",
                ],
            )
        )
        for account in DEMO_ACCOUNTS:
            first, _, last = account.name.partition(" ")
            user = User(
                username=account.username,
                first_name=first,
                last_name=last,
                role=account.role,
                region_id=account.region,
                agency=Agency.objects.get(code=account.agency) if account.agency else None,
                is_staff=account.role == Role.SYSTEM_ADMIN,
            )
            user.password = password
            user.full_clean()
            user.save()
            if account.role == Role.SYSTEM_ADMIN:
                # Django admin for accounts and reference data only: no case content (permissions.py).
                user.user_permissions.set(admin_perms)
            users.append(user)
        return users

    # -- registry ---------------------------------------------------------------------------------
    def _nip(self, birth: dt.date, tmt: dt.date, gender: int) -> str:
        serial = self.rng.randint(1, 999)
        while True:
            nip = f"{birth:%Y%m%d}{tmt:%Y%m}{gender}{serial:03d}"
            if nip not in self.nips:
                self.nips.add(nip)
                return nip
            serial = serial % 999 + 1

    def _person(self) -> tuple[str, int]:
        rng = self.rng
        gender = rng.choice((1, 2))
        if gender == 1:
            given, prefix = rng.choice(names.MALE), rng.choice(names.PREFIX_TITLES)
        else:
            given, prefix = rng.choice(names.FEMALE), rng.choice(names.FEMALE_PREFIX_TITLES)
        name = f"{prefix}{given} {rng.choice(names.FAMILY)}{rng.choice(names.SUFFIX_TITLES)}"
        return name, gender

    def employees(self) -> list[Employee]:
        rng = self.rng
        agencies = list(
            Agency.objects.filter(
                Q(region_id=KALTIM)
                | Q(region__parent_id=KALTIM)
                | Q(code__in=NATIONAL_AGENCIES_IN_KALTIM)
            ).order_by("code")
        )
        weights = [
            6 if a.level == Agency.Level.PROVINCE else 1 if a.region_id is None else 3
            for a in agencies
        ]
        districts: dict[str, list[str]] = {}
        for code in Region.objects.filter(parent__parent_id=KALTIM).values_list("code", flat=True):
            districts.setdefault(code[:5], []).append(code)
        regencies = sorted(districts)
        rows: list[Employee] = []
        for _ in range(self.n_employees):
            agency = rng.choices(agencies, weights=weights)[0]
            regency = rng.choice(regencies)
            if agency.level == Agency.Level.REGENCY and agency.region_id:
                regency = agency.region_id
            name, gender = self._person()
            employee_type = _weighted(
                rng, ((EmployeeType.PNS, 7), (EmployeeType.PPPK, 2), (EmployeeType.NON_ASN, 1))
            )
            staff_number = ""
            if employee_type == EmployeeType.NON_ASN:
                # Non-ASN staff have no NIP: the agency's own staff number identifies them on import.
                position_class, nip = PositionClass.NON_ASN, None
                staff_number = f"TP-{len(rows) + 1:06d}"
            else:
                position_class = _weighted(
                    rng,
                    (
                        ("jpt", 1),
                        ("administrator", 4),
                        ("pengawas", 10),
                        ("fungsional", 45),
                        ("pelaksana", 40),
                    ),
                )
                birth = dt.date(rng.randint(1966, 1999), rng.randint(1, 12), rng.randint(1, 28))
                tmt = dt.date(min(birth.year + rng.randint(20, 32), 2024), rng.randint(1, 12), 1)
                nip = self._nip(birth, tmt, gender)
            rows.append(
                Employee(
                    nip=nip,
                    staff_number=staff_number,
                    name=name,
                    employee_type=employee_type,
                    position_class=position_class,
                    position_title=rng.choice(names.POSITIONS[position_class]),
                    unit=rng.choice(names.UNITS),
                    agency=agency,
                    region_id=rng.choice(districts[regency]),
                    is_active=rng.random() > 0.03,
                )
            )
        return Employee.objects.bulk_create(rows, batch_size=BATCH)

    # -- cases ------------------------------------------------------------------------------------
    def cases(self, employees: list[Employee]) -> int:
        rng = self.rng
        elections = {e.code: e for e in Election.objects.prefetch_related("phases")}
        election_weights = (
            ("pemilu-2019", 1),
            ("pilkada-2020", 1),
            ("pemilu-2024", 4),
            ("pilkada-2024", 5),
        )
        districts = list(Region.objects.filter(parent__parent_id=KALTIM).order_by("code"))
        catalogues = list(CatalogueVersion.objects.order_by("effective_from"))
        violations = {
            group: list(ViolationType.objects.filter(group=group).order_by("code"))
            for group in ViolationGroup.values
        }
        authorities = list(CivilServiceAuthority.objects.all())
        with_nip = [e for e in employees if e.is_active]
        made = 0
        while made < self.n_cases:
            size = min(BATCH, self.n_cases - made)
            plans = [
                self._plan_case(
                    made + i, elections[_weighted(rng, election_weights)], districts, with_nip
                )
                for i in range(size)
            ]
            self._write_batch(plans, catalogues, violations, authorities)
            made += size
            self.say(f"  cases: {made}/{self.n_cases}")
        return made

    def _plan_case(self, index, election, districts, employees) -> dict:
        rng = self.rng
        phases = list(election.phases.all())
        first, last = phases[0].starts_on, phases[-1].ends_on
        finished = election.voting_date.year < 2024
        status = _weighted(rng, FINISHED_STATUSES if finished else LIVE_STATUSES)
        if status == CaseStatus.NOT_REGISTERED:
            path = [CaseStatus.RECEIVED, CaseStatus.INITIAL_REVIEW, CaseStatus.NOT_REGISTERED]
        else:
            path = PATH[: PATH.index(status) + 1]
        # Open cases cluster near voting day, as reports do in real life.
        if status in (CaseStatus.RECEIVED, CaseStatus.INITIAL_REVIEW):
            incident = election.voting_date - dt.timedelta(days=rng.randint(0, 20))
        else:
            span = (election.voting_date - first).days
            incident = first + dt.timedelta(days=int(span * rng.random() ** 0.4))
        incident = min(incident, last)
        known = incident + dt.timedelta(days=rng.choice((0, 0, 0, 1, 2, 3)))
        received = _at(known + dt.timedelta(days=rng.randint(0, 4)), rng)
        district = rng.choice(districts)
        persons: list[dict[str, Any]] = []
        for _ in range(1 if rng.random() < 0.8 else 2):
            if rng.random() < 0.1:
                category = rng.choice((PersonCategory.VILLAGE_HEAD, PersonCategory.VILLAGE_STAFF))
                persons.append({"employee": None, "category": category, "name": self._person()[0]})
            else:
                employee = rng.choice(employees)
                persons.append(
                    {
                        "employee": employee,
                        "category": employee.employee_type,
                        "name": employee.name,
                    }
                )
        agency = next((p["employee"].agency for p in persons if p["employee"]), None)
        office = handling_office(incident_region=district, agency=agency)
        origin = _weighted(
            rng, ((Origin.LAPORAN, 11), (Origin.INFORMASI_AWAL, 5), (Origin.TEMUAN, 4))
        )
        times = [received]
        for _ in path[1:]:
            times.append(times[-1] + dt.timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 5)))
        return {
            "code": f"NTR-{election.voting_date.year}-{index + 1:07d}",
            "election": election,
            "status": status,
            "path": path,
            "times": times,
            "origin": origin,
            "office": office,
            "district": district,
            "incident": incident,
            "known": known,
            "persons": persons,
            "reports": 2 if origin != Origin.TEMUAN and rng.random() < 0.15 else 1,
            "proven": [rng.random() < 0.8 for _ in persons],
            "outcome": _weighted(
                rng,
                (
                    (Recommendation.Status.FOLLOWED_UP, 6),
                    (Recommendation.Status.ISSUED, 3),
                    (Recommendation.Status.ESCALATED, 1),
                ),
            ),
            "summary": rng.choice(SUMMARIES),
        }

    def _write_batch(self, plans, catalogues, violations, authorities) -> None:
        rng = self.rng
        cases = []
        for p in plans:
            t = dict(zip(p["path"], p["times"], strict=True))
            due = None
            if p["status"] in (CaseStatus.RECEIVED, CaseStatus.INITIAL_REVIEW):
                due = (t[CaseStatus.RECEIVED] + dt.timedelta(days=2)).date()
            elif p["status"] in (
                CaseStatus.REGISTERED,
                CaseStatus.CLARIFICATION,
                CaseStatus.DECIDED,
            ):
                due = (t[CaseStatus.REGISTERED] + dt.timedelta(days=14)).date()
            cases.append(
                Case(
                    code=p["code"],
                    election=p["election"],
                    status=p["status"],
                    origin=p["origin"],
                    handling_level=p["office"].level,
                    jurisdiction_code=p["office"].jurisdiction_code,
                    incident_region=p["district"],
                    incident_date=p["incident"],
                    known_on=p["known"],
                    summary=p["summary"],
                    received_at=t[CaseStatus.RECEIVED],
                    registered_at=t.get(CaseStatus.REGISTERED),
                    decided_at=t.get(CaseStatus.DECIDED),
                    forwarded_at=t.get(CaseStatus.FORWARDED),
                    closed_at=t.get(CaseStatus.CLOSED) or t.get(CaseStatus.NOT_REGISTERED),
                    due_on=due,
                )
            )
        Case.objects.bulk_create(cases, batch_size=BATCH)

        persons, reports, events = [], [], []
        for case, p in zip(cases, plans, strict=True):
            for person in p["persons"]:
                employee = person["employee"]
                persons.append(
                    ReportedPerson(
                        case=case,
                        employee=employee,
                        name=person["name"],
                        nip=(employee.nip or "") if employee else "",
                        position_title=employee.position_title if employee else "Kepala Desa",
                        agency=employee.agency if employee else None,
                        category=person["category"],
                    )
                )
            for n in range(p["reports"]):
                anonymous = p["origin"] == Origin.INFORMASI_AWAL or rng.random() < 0.3
                code = f"{rng.randrange(10**16):016d}"
                if not self.receipts:
                    self.receipts.append(code)
                identity = (
                    {}
                    if anonymous
                    else {"name": self._person()[0], "phone": f"08{rng.randrange(10**10):010d}"}
                )
                reports.append(
                    Report(
                        case=case,
                        receipt_digest=receipts.digest(code),
                        kind=p["origin"],
                        election=p["election"],
                        submitted_at=p["times"][0] + dt.timedelta(hours=3 * n),
                        incident_date=p["incident"],
                        known_on=p["known"],
                        incident_region=p["district"],
                        description=p["summary"],
                        is_anonymous=anonymous,
                        reporter_pseudonym=f"Pelapor-{rng.randrange(16**6):06X}",
                        sealed_identity=sealed_identity.seal(identity) if identity else "",
                    )
                )
            previous = ""
            for status, at in zip(p["path"], p["times"], strict=True):
                events.append(
                    CaseEvent(case=case, at=at, from_status=previous, to_status=status, reason="")
                )
                previous = status
        ReportedPerson.objects.bulk_create(persons, batch_size=BATCH)
        Report.objects.bulk_create(reports, batch_size=BATCH)
        CaseEvent.objects.bulk_create(events, batch_size=BATCH)

        decisions, decision_violations, recommendations = [], [], []
        by_case: dict[int, list[ReportedPerson]] = {}
        for person in persons:
            by_case.setdefault(person.case_id, []).append(person)
        for case, p in zip(cases, plans, strict=True):
            if case.decided_at is None:
                continue
            decided_on = case.decided_at.date()
            version = (
                next(c for c in reversed(catalogues) if c.effective_from <= decided_on)
                if catalogues[0].effective_from <= decided_on
                else catalogues[0]
            )
            stage = p["election"].candidate_stage_on(p["incident"]) or "calon"
            pool = violations[
                ViolationGroup.ETHICS if stage == "bakal_calon" else ViolationGroup.DISCIPLINE
            ]
            pool = [v for v in pool if v.version_id == version.pk] or pool
            for n, (person, proven) in enumerate(zip(by_case[case.pk], p["proven"], strict=True)):
                decision = Decision(
                    case=case,
                    reported_person=person,
                    proven=proven,
                    catalogue_version=version,
                    decided_on=decided_on,
                )
                chosen = rng.choice(pool) if proven else None
                decisions.append((decision, chosen))
                if proven and case.forwarded_at and person.agency_id:
                    forwarded_on = case.forwarded_at.date()
                    authority = next(
                        a
                        for a in authorities
                        if (a.effective_from or dt.date.min)
                        <= forwarded_on
                        <= (a.effective_to or dt.date.max)
                    )
                    status = (
                        p["outcome"]
                        if case.status == CaseStatus.CLOSED
                        else Recommendation.Status.ISSUED
                    )
                    recommendations.append(
                        (
                            Recommendation(
                                case=case,
                                reported_person=person,
                                authority=authority,
                                agency_id=person.agency_id,
                                number=f"REK-{authority.code}/{case.code}/{n + 1}",
                                issued_on=forwarded_on + dt.timedelta(days=rng.randint(5, 40)),
                                catalogue_version=version,
                                recommended_level=chosen.level if chosen else "berat",
                                status=status,
                            ),
                            chosen,
                            person,
                        )
                    )
        Decision.objects.bulk_create([d for d, _ in decisions], batch_size=BATCH)
        through = Decision.violation_types.through
        for decision, chosen in decisions:
            if chosen is not None:
                decision_violations.append(
                    through(decision_id=decision.pk, violationtype_id=chosen.pk)
                )
        through.objects.bulk_create(decision_violations, batch_size=BATCH)
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
        Recommendation.objects.bulk_create([r for r, _, _ in recommendations], batch_size=BATCH)
        sanctions = []
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

    # -- prevention --------------------------------------------------------------------------------
    def prevention(self) -> None:
        build_prevention(self.rng, seed=self.seed)

    def build(self) -> None:
        with transaction.atomic():
            users = self.accounts()
            self.say(f"  accounts: {len(users)}")
            employees = self.employees()
            self.say(f"  employees: {len(employees)}")
            self.prevention()
            self.say("  pacts and events: done")
        # Cases are written batch by batch so a million-case build does not hold one huge transaction.
        self.cases(employees)
        record(
            actor_label="command:build_demo",
            action="demo.built",
            target=users[-1],
            summary=f"Demo world, seed {self.seed}",
            employees=self.n_employees,
            cases=self.n_cases,
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


def clear_world() -> None:
    """Remove everything the demo builder writes (reference data stays)."""
    with transaction.atomic():
        models: tuple[type[Model], ...] = (
            Sanction,
            Recommendation,
            Decision,
            CaseEvent,
            Report,
            ReportedPerson,
            Case,
            EventAttendance,
            SocializationEvent,
            PactSignature,
            IntegrityPact,
        )
        for model in models:
            model._default_manager.all().delete()
        Employee.objects.all().delete()
        User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).delete()


def _rows() -> Iterator[str]:
    """A stable text form of the world: natural keys only, never database ids or wall-clock times."""
    for e in Employee.objects.order_by("nip", "name").values_list(
        "nip", "name", "employee_type", "position_title", "agency__code", "region_id", "is_active"
    ):
        yield repr(e)
    for c in Case.objects.order_by("code").values_list(
        "code",
        "election__code",
        "status",
        "origin",
        "jurisdiction_code",
        "incident_region_id",
        "incident_date",
        "received_at",
        "due_on",
    ):
        yield repr(c)
    for r in Report.objects.order_by("case__code").values_list(
        "case__code", "kind", "submitted_at", "is_anonymous"
    ):
        yield repr(r)
    for p in ReportedPerson.objects.order_by("case__code", "name").values_list(
        "case__code", "name", "nip", "category"
    ):
        yield repr(p)
    for d in Decision.objects.order_by(
        "reported_person__case__code", "reported_person__name"
    ).values_list("case__code", "proven", "violation_types__code"):
        yield repr(d)
    for rec in Recommendation.objects.order_by("number").values_list(
        "number", "authority__code", "status", "issued_on"
    ):
        yield repr(rec)
    for s in Sanction.objects.order_by("decree_number", "imposed_on").values_list(
        "decree_number", "sanction_type__code"
    ):
        yield repr(s)
    for ps in PactSignature.objects.order_by("employee__nip", "employee__name").values_list(
        "employee__nip", "signed_at"
    ):
        yield repr(ps)


def world_digest() -> str:
    digest = hashlib.sha256()
    for row in sorted(_rows()):  # sorted: ties in ORDER BY must not change the digest
        digest.update(row.encode())
    return digest.hexdigest()
