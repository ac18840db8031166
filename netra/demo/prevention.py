"""The demo world's prevention: pacts and socialization events in several states, as Kaltim, Kukar
and Samarinda ran them before the 2024 elections (issue 17: the provincial government's hotel
meeting organised by Kesbangpol, Kukar's virtual session with its Bawaslu and BKPSDM, pacts signed by
leaders first).

Deterministic per seed: everything comes from the builder's ``random.Random``; codes are fixed names
(the staff API's examples use them). The pacts and events that must be *open today* for a live demo
are dated from the build day and carry no signatures or attendance, so the world's digest (which
covers signatures) does not depend on the day.
"""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.utils import timezone

from netra.prevention import codes
from netra.prevention.guide import data as guide_data
from netra.prevention.models import (
    EmployeeEmail,
    EventAttendance,
    EventInvitation,
    EventStatus,
    IntegrityPact,
    PactCode,
    PactSignature,
    PactStatus,
    QuizAttempt,
    SecondFactor,
    SocializationEvent,
)
from netra.prevention.services.coverage import rebuild_signed, recount
from netra.prevention.services.distribution import unsigned
from netra.prevention.services.pacts import default_template, fill
from netra.prevention.services.quiz import questions
from netra.reference.models import Election
from netra.registry.models import Agency, Employee

WIB = ZoneInfo("Asia/Jakarta")
BATCH = 5000
SMD, KUKAR, KALTIM = "PEMKOT-64.72", "PEMKAB-64.02", "PEMPROV-64"
# Fixed codes: the API examples (netra/prevention/api_staff.py) and the docs name them.
OPEN_PACT = {SMD: "smd-penguatan", KUKAR: "kkr-pimpinan", KALTIM: "kaltim-2029"}


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=WIB)


def _pact(agency: Agency, election: Election, code: str, **fields) -> IntegrityPact:
    template = default_template()
    return IntegrityPact(
        agency=agency,
        election=election,
        code=code,
        title=fill(template["title"], agency=agency, election=election),
        body=fill(template["body"], agency=agency, election=election),
        created_at=_at(fields.get("opens_on", dt.date(2024, 8, 1)), 8),
        **fields,
    )


def build_prevention(world_rng: random.Random, *, seed: int) -> None:
    """Called once by ``DemoWorld.build`` after the employees exist. Prevention draws from its own
    generator; the builder's draws only what its earlier prevention step drew (``_former_draws``)."""
    elections = {e.code: e for e in Election.objects.all()}
    agencies = list(Agency.objects.filter(employees__isnull=False).distinct().order_by("code"))
    by_code = {a.code: a for a in agencies}
    staff = {
        a.pk: list(Employee.objects.filter(agency=a, is_active=True).order_by("pk"))
        for a in agencies
    }
    _former_draws(world_rng, agencies, staff)
    rng = random.Random(f"netra-demo-prevention-{seed}")
    closed = _closed_pacts(rng, agencies, elections, staff)
    _live_pacts(by_code, elections)
    events = _events(rng, by_code, agencies, elections, staff)
    for pact in [*closed, *IntegrityPact.objects.filter(code__in=OPEN_PACT.values())]:
        recount(pact=pact, actor_label="command:build_demo")
        rebuild_signed(pact)
    _emails(by_code.get(SMD), staff)
    _quiz(rng, events)
    _example_paper_code()


# The signing example of the public API (netra/prevention/api.py SIGN_EXAMPLE) uses this code, held
# by the first employee (by NIP) of the Samarinda pact who has not signed.
EXAMPLE_PAPER_CODE = "DEMO2345"


def example_signer(pact: IntegrityPact) -> Employee | None:
    return unsigned(pact).filter(nip__isnull=False).order_by("nip").first()


def _example_paper_code() -> None:
    pact = IntegrityPact.objects.filter(code=OPEN_PACT[SMD]).first()
    person = example_signer(pact) if pact else None
    if pact is None or person is None:
        return
    plain = f"{pact.pk}:{person.pk}:{EXAMPLE_PAPER_CODE}"
    PactCode.objects.update_or_create(
        pact=pact,
        employee=person,
        kind=SecondFactor.PAPER,
        defaults={"digest": codes.digest(SecondFactor.PAPER, plain)},
    )


def _former_draws(rng: random.Random, agencies: list[Agency], staff) -> None:
    """Draw from the builder's generator exactly what its former prevention step drew (three events
    and one pact per agency, then per employee a signature and three attendance draws), so the cases
    built after this step stay the world the case-handling API examples name."""
    for _agency in agencies:
        for _mode in range(3):
            rng.randint(0, 4), rng.randint(8, 16), rng.randint(0, 59)
    for agency in agencies:
        coverage = rng.uniform(0.55, 0.97)
        for _employee in staff[agency.pk]:
            if rng.random() < coverage:
                rng.randint(0, 50), rng.randint(8, 16), rng.randint(0, 59)
            for mode in ("hall", "online", "hybrid"):
                if rng.random() < 0.3 and mode == "hybrid":
                    rng.random()


def _closed_pacts(rng, agencies, elections, staff) -> list[IntegrityPact]:
    pilkada = elections["pilkada-2024"]
    pacts = [
        _pact(
            a,
            pilkada,
            f"p24-{a.code.lower()}"[:16],
            opens_on=dt.date(2024, 8, 1),
            closes_on=dt.date(2024, 9, 24),
            status=PactStatus.CLOSED,
            second_factor=SecondFactor.PAPER,
            published_at=_at(dt.date(2024, 8, 1), 8),
            closed_at=_at(dt.date(2024, 9, 24), 17),
        )  # fmt: skip
        for a in agencies
    ]
    IntegrityPact.objects.bulk_create(pacts)
    signatures = []
    for pact in pacts:
        coverage = rng.uniform(0.55, 0.97)
        agency_region = pact.agency.region_id or ""
        for n, employee in enumerate(staff[pact.agency_id]):
            if rng.random() < coverage:
                day = pact.opens_on + dt.timedelta(days=rng.randint(0, 50))
                signatures.append(
                    PactSignature(
                        pact=pact, employee=employee, signer_name=employee.name, unit=employee.unit,
                        region_code=employee.region_id or agency_region, method=SecondFactor.PAPER,
                        signed_at=_at(day, rng.randint(8, 16), rng.randint(0, 59)),
                        token=f"{pact.code}-{n}"[:32],
                    )
                )  # fmt: skip
    PactSignature.objects.bulk_create(signatures, batch_size=BATCH)
    return pacts


def _live_pacts(by_code, elections) -> None:
    """Open today: Samarinda (everyone, paper codes), Kukar (leaders first, e-mail codes), Kaltim
    (e-mail codes), plus a draft in Samarinda."""
    today = timezone.localdate()
    pemilu = elections["pemilu-2024"]
    rows = []
    for code, status, factor, leaders in (
        (SMD, PactStatus.OPEN, SecondFactor.PAPER, False),
        (KUKAR, PactStatus.LEADERS, SecondFactor.EMAIL, True),
        (KALTIM, PactStatus.OPEN, SecondFactor.EMAIL, False),
    ):
        if code in by_code:
            rows.append(_pact(by_code[code], pemilu, OPEN_PACT[code], opens_on=today - dt.timedelta(days=7),
                              closes_on=today + dt.timedelta(days=60), status=status, second_factor=factor,
                              leaders_first=leaders, published_at=_at(today, 8)))  # fmt: skip
    if SMD in by_code:
        rows.append(_pact(by_code[SMD], pemilu, "smd-draft", opens_on=today + dt.timedelta(days=14),
                          closes_on=today + dt.timedelta(days=90), second_factor=SecondFactor.EMAIL,
                          units=["Dinas Pendidikan"]))  # fmt: skip
    IntegrityPact.objects.bulk_create(rows)


def _event(agency, election, code, **fields) -> SocializationEvent:
    return SocializationEvent(agency=agency, election=election, code=code, door_secret=f"{code:0<32}"[:32],
                              online_secret=f"{code[::-1]:0<32}"[:32], **fields)  # fmt: skip


def _events(rng, by_code, agencies, elections, staff) -> list[SocializationEvent]:
    pemilu, pilkada = elections["pemilu-2024"], elections["pilkada-2024"]
    today = timezone.localdate()
    plans = []
    if KALTIM in by_code:
        plans.append((_event(by_code[KALTIM], pemilu, "kaltim-hotel24", title="Sosialisasi Netralitas ASN Pemilu 2024 — seluruh perangkat daerah",
                             mode="hall", starts_at=_at(dt.date(2024, 1, 17), 9), ends_at=_at(dt.date(2024, 1, 17), 13),
                             venue="Ballroom Hotel, Samarinda", status=EventStatus.CLOSED, moderator="Kepala Badan Kesbangpol Kaltim",
                             organisers=[{"kind": "kesbangpol", "name": "Badan Kesbangpol Provinsi Kalimantan Timur", "role": ""}],
                             speakers=[{"name": "Sekretaris Daerah Provinsi Kalimantan Timur", "role": ""},
                                       {"name": "Komisioner KPU Provinsi Kalimantan Timur", "role": "KPU"}],
                             closed_at=_at(dt.date(2024, 1, 18), 9)), agencies))  # fmt: skip
    if KUKAR in by_code:
        plans.append((_event(by_code[KUKAR], pilkada, "kkr-virtual24", title="Sosialisasi Netralitas ASN Pilkada 2024 (virtual)",
                             mode="online", starts_at=_at(dt.date(2024, 9, 10), 9), ends_at=_at(dt.date(2024, 9, 10), 11),
                             meeting_url="https://meet.example/kukar-netralitas", status=EventStatus.CLOSED,
                             organisers=[{"kind": "bawaslu", "name": "Bawaslu Kabupaten Kutai Kartanegara", "role": ""},
                                         {"kind": "agency", "name": "BKPSDM Kabupaten Kutai Kartanegara", "role": ""}],
                             speakers=[{"name": "Anggota Bawaslu Kabupaten Kutai Kartanegara", "role": "Bawaslu"}],
                             moderator="Kepala BKPSDM", closed_at=_at(dt.date(2024, 9, 11), 9)), [by_code[KUKAR]]))  # fmt: skip
    if SMD in by_code:
        smd = by_code[SMD]
        plans.append((_event(smd, pilkada, "smd-aula24", title="Sosialisasi dan Penandatanganan Pakta Integritas Netralitas ASN",
                             mode="hybrid", starts_at=_at(dt.date(2024, 8, 14), 9), ends_at=_at(dt.date(2024, 8, 14), 12),
                             venue="Aula Balai Kota Samarinda", meeting_url="https://meet.example/smd-netralitas",
                             status=EventStatus.CLOSED, organisers=[{"kind": "agency", "name": smd.name, "role": ""}],
                             speakers=[{"name": "Komisioner Bawaslu Kota Samarinda", "role": "Bawaslu"}],
                             moderator="Sekretaris BKPSDM", closed_at=_at(dt.date(2024, 8, 15), 9)), [smd]))  # fmt: skip
        plans.append((_event(smd, pemilu, "smd-hari-ini", title="Sosialisasi Netralitas ASN — penguatan",
                             mode="hybrid", starts_at=_at(today, 0, 30), ends_at=_at(today, 23, 30),
                             venue="Aula Balai Kota Samarinda", meeting_url="https://meet.example/smd-hari-ini",
                             status=EventStatus.SCHEDULED, organisers=[{"kind": "kpu", "name": "KPU Kota Samarinda", "role": ""}],
                             speakers=[{"name": "Komisioner KPU Kota Samarinda", "role": "KPU"}],
                             moderator="Kepala BKPSDM"), [smd]))  # fmt: skip
        plans.append((_event(smd, pemilu, "smd-draft", title="Sosialisasi untuk tenaga non-ASN", mode="hall",
                             starts_at=_at(today + dt.timedelta(days=21), 9), ends_at=_at(today + dt.timedelta(days=21), 11),
                             venue="Ruang Rapat BKPSDM", status=EventStatus.DRAFT), [smd]))  # fmt: skip
    SocializationEvent.objects.bulk_create([e for e, _ in plans])
    EventInvitation.objects.bulk_create(
        [EventInvitation(event=e, agency=a) for e, invited in plans for a in invited]
    )
    attendance = []
    for event, invited in plans:
        if event.status != EventStatus.CLOSED:
            continue  # events dated from today stay empty (see the module docstring)
        for agency in invited:
            for employee in staff[agency.pk]:
                if rng.random() < (0.08 if len(invited) > 1 else 0.35):
                    online = event.mode == "online" or (
                        event.mode == "hybrid" and rng.random() < 0.4
                    )
                    attendance.append(EventAttendance(
                        event=event, employee=employee, online=online, agency=agency, unit=employee.unit,
                        method="online" if online else rng.choice(["door", "door", "kiosk"]),
                        joined_at=event.starts_at + dt.timedelta(minutes=rng.randint(-25, 40))))  # fmt: skip
    EventAttendance.objects.bulk_create(attendance, batch_size=BATCH)
    return [e for e, _ in plans]


def _emails(agency: Agency | None, staff) -> None:
    """Samarinda gave Netra its staff's official addresses (the e-mailed codes need them)."""
    if agency is None:
        return
    EmployeeEmail.objects.bulk_create(
        [EmployeeEmail(employee=e, email=f"{e.nip or e.staff_number}@pegawai.samarinda.example")
         for e in staff[agency.pk]], batch_size=BATCH,
    )  # fmt: skip


def _quiz(rng: random.Random, events: list[SocializationEvent]) -> None:
    guide = guide_data.current()
    attempts = []
    for event in events:
        if event.status != EventStatus.CLOSED:
            continue
        asked = questions(event, guide)
        present = EventAttendance.objects.filter(event=event).order_by("employee__nip", "pk")
        ended = event.ends_at or event.starts_at
        for n, (employee_id, agency_id) in enumerate(
            present.values_list("employee_id", "employee__agency_id")
        ):
            if rng.random() < 0.6:
                answers = [{"key": a.key, "correct": a.verdict,
                            "chosen": a.verdict if rng.random() < 0.75 else rng.choice(guide_data.VERDICTS)}
                           for a in asked]  # fmt: skip
                attempts.append(QuizAttempt(
                    event=event, employee_id=employee_id, agency_id=agency_id, guide_version=guide.code,
                    answers=answers, score=sum(a["chosen"] == a["correct"] for a in answers), total=len(answers),
                    submitted_at=ended + dt.timedelta(minutes=rng.randint(5, 600)),
                    token=f"{event.code}-{n}"))  # fmt: skip
    QuizAttempt.objects.bulk_create(attempts, batch_size=BATCH)
