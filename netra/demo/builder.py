"""A reproducible demo world in Kalimantan Timur: agencies' employees, reports and cases in every
state, decisions, recommendations, sanctions, pacts and events.

Everything is drawn from one ``random.Random(seed)`` and dated from the elections' own calendars (no
``now()``), so the same seed and size always build the same world (``world_digest`` proves it). Rows
are written with ``bulk_create`` in batches, so ``--cases 1000000`` works for benchmarks.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q

from netra.accounts.models import BawasluLevel, Role, User
from netra.audit.services import record
from netra.reference.models import EmployeeType, Region
from netra.registry.models import Agency, Employee, PositionClass

from . import names, otp
from .cases import BATCH, DemoCases, weighted
from .election import demo_election
from .prevention import build_prevention
from .stage_four import scenarios as stage_four_scenarios

DEMO_PASSWORD = "netra-demo"  # noqa: S105 - the published demo password (README)
KALTIM = "64"
NATIONAL_AGENCIES_IN_KALTIM = ("KEMENAG", "KEMENKEU")


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    region: str | None = None
    agency: str | None = None
    name: str = ""
    position: str = ""
    office: str = ""  # Bawaslu officers: the office level, explicit


RI, PROV, KAB = BawasluLevel.RI, BawasluLevel.PROVINCE, BawasluLevel.REGENCY
DIVISION = "Koordinator Divisi Penanganan Pelanggaran"
DEMO_ACCOUNTS = (
    DemoAccount(
        "bawaslu.ri", Role.BAWASLU_OFFICER, name="Rahmat Hidayat", position=DIVISION, office=RI
    ),
    DemoAccount(
        "bawaslu.kaltim",
        Role.BAWASLU_OFFICER,
        "64",
        name="Siti Rahmawati",
        position=DIVISION,
        office=PROV,
    ),
    DemoAccount(
        "bawaslu.samarinda",
        Role.BAWASLU_OFFICER,
        "64.72",
        name="Andi Saputra",
        position=DIVISION,
        office=KAB,
    ),
    DemoAccount(
        "bawaslu.kukar",
        Role.BAWASLU_OFFICER,
        "64.02",
        name="Dewi Lestari",
        position=DIVISION,
        office=KAB,
    ),
    DemoAccount("bkn.analis", Role.AUTHORITY_ANALYST, name="Budi Santoso"),
    DemoAccount("ppk.kaltim", Role.AGENCY_PERSONNEL, agency="PEMPROV-64", name="Hendra Wijaya"),
    DemoAccount("ppk.samarinda", Role.AGENCY_PERSONNEL, agency="PEMKOT-64.72", name="Maya Sari"),
    DemoAccount("admin.samarinda", Role.AGENCY_ADMIN, agency="PEMKOT-64.72", name="Fajar Nugroho"),
    DemoAccount("sysadmin", Role.SYSTEM_ADMIN, name="Admin Sistem"),
)


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
            | Q(content_type__app_label="cases", content_type__model="documenttemplate")
        )
        for account in DEMO_ACCOUNTS:
            first, _, last = account.name.partition(" ")
            # An account kept from an earlier world (``clear_world`` never deletes accounts: the
            # audit trail points at them) is brought back to its demo state.
            user = User.objects.filter(username=account.username).first() or User(
                username=account.username
            )
            user.first_name, user.last_name = first, last
            user.role, user.office_level, user.region_id = (
                account.role,
                account.office,
                account.region,
            )
            user.agency = Agency.objects.get(code=account.agency) if account.agency else None
            user.is_staff = account.role == Role.SYSTEM_ADMIN
            user.is_active, user.position_title = True, account.position
            user.password = password
            user.full_clean()
            user.save()
            if account.role == Role.BAWASLU_OFFICER:
                otp.enrol(user, seed=self.seed)  # officers need a second factor (issue 14)
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

    def _employee(self, agency: Agency, district: str, index: int) -> Employee:
        rng = self.rng
        name, gender = self._person()
        employee_type = weighted(
            rng, ((EmployeeType.PNS, 7), (EmployeeType.PPPK, 2), (EmployeeType.NON_ASN, 1))
        )
        staff_number = ""
        if employee_type == EmployeeType.NON_ASN:
            # Non-ASN staff have no NIP: the agency's own staff number identifies them on import.
            position_class, nip = PositionClass.NON_ASN, None
            staff_number = f"TP-{index + 1:06d}"
        else:
            position_class = weighted(
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
        return Employee(
            nip=nip,
            staff_number=staff_number,
            name=name,
            employee_type=employee_type,
            position_class=position_class,
            position_title=rng.choice(names.POSITIONS[position_class]),
            unit=rng.choice(names.UNITS),
            agency=agency,
            region_id=district,
            is_active=rng.random() > 0.03,
        )

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
            rows.append(self._employee(agency, rng.choice(districts[regency]), len(rows)))
        return Employee.objects.bulk_create(rows, batch_size=BATCH)

    # -- cases ------------------------------------------------------------------------------------
    def cases(self, employees: list[Employee]) -> int:
        return DemoCases(self.rng, lambda: self._person()[0], self.receipts, self.seed).write(
            self.n_cases, employees, self.say
        )

    # -- prevention --------------------------------------------------------------------------------
    def prevention(self) -> None:
        build_prevention(self.rng, seed=self.seed)

    def build(self) -> None:
        with transaction.atomic():
            demo_election()  # reports about today are taken only under an election under way
            users = self.accounts()
            self.say(f"  accounts: {len(users)}")
            employees = self.employees()
            self.say(f"  employees: {len(employees)}")
            self.prevention()
            self.say("  pacts and events: done")
        # Cases are written batch by batch so a million-case build does not hold one huge transaction.
        self.cases(employees)
        stage_four_scenarios(self.say)
        record(
            actor_label="command:build_demo",
            action="demo.built",
            target=users[-1],
            summary=f"Demo world, seed {self.seed}",
            employees=self.n_employees,
            cases=self.n_cases,
        )
