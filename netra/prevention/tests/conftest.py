"""Fixtures for prevention: an agency admin of Samarinda, employees, pacts and events."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone, translation

from netra.accounts.tests import factories
from netra.prevention import codes
from netra.prevention.models import PactCode, SecondFactor
from netra.prevention.services import events, pacts
from netra.reference.models import Election
from netra.registry.models import Agency, Employee

SMD, KUKAR, KALTIM = "PEMKOT-64.72", "PEMKAB-64.02", "PEMPROV-64"
_serial = itertools.count(1)


@pytest.fixture(autouse=True)
def _english(client, settings):
    """Tests read English messages unless they switch to Indonesian themselves."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _mail_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def employee(agency: str = SMD, *, unit: str = "Dinas Pendidikan", position_class: str = "pelaksana",
             nip: str | None = None, name: str = "") -> Employee:  # fmt: skip
    n = next(_serial)
    nip = nip or f"19850312201001{1 if n % 2 else 2}{n % 1000:03d}"
    return Employee.objects.create(
        nip=nip,
        name=name or f"Pegawai {n}",
        employee_type="pns",
        position_class=position_class,
        position_title="Staf",
        unit=unit,
        agency=Agency.objects.get(code=agency),
    )


@pytest.fixture
def admin(db):
    return factories.agency_admin("admin.samarinda", SMD)


@pytest.fixture
def pilkada(db):
    return Election.objects.get(code="pilkada-2024")


def make_pact(admin, *, factor=SecondFactor.PAPER, leaders_first=False, units=(), classes=(),
              publish=True, today=None):  # fmt: skip
    today = today or timezone.localdate()
    pact = pacts.save_pact(
        actor=admin,
        agency=admin.agency,
        data=pacts.PactInput(
            election=Election.objects.get(code="pilkada-2024"),
            opens_on=today - dt.timedelta(days=1),
            closes_on=today + dt.timedelta(days=30),
            second_factor=factor,
            leaders_first=leaders_first,
            units=list(units),
            position_classes=list(classes),
        ),
    )
    return pacts.publish(actor=admin, pact=pact) if publish else pact


def give_code(pact, person, plain: str = "ABCD2345", kind=SecondFactor.PAPER, **extra) -> str:
    PactCode.objects.update_or_create(
        pact=pact,
        employee=person,
        kind=kind,
        defaults={"digest": codes.digest(kind, f"{pact.pk}:{person.pk}:{plain}"), **extra},
    )
    return plain


def make_event(admin, *, mode="hybrid", starts_in=dt.timedelta(minutes=-10), hours=2,
               invite=(SMD,), schedule=True):  # fmt: skip
    start = timezone.now() + starts_in
    event = events.save_event(
        actor=admin,
        agency=admin.agency,
        data=events.EventInput(
            election=Election.objects.get(code="pilkada-2024"),
            title="Sosialisasi Netralitas ASN",
            mode=mode,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=hours),
            venue="Aula Balai Kota" if mode != "online" else "",
            meeting_url="https://zoom.example/j/123" if mode != "hall" else "",
            organisers=[{"kind": "bawaslu", "name": "Bawaslu Kota Samarinda"}],
            speakers=[{"name": "Komisioner KPU", "role": "KPU Provinsi Kalimantan Timur"}],
            moderator="Kepala BKPSDM",
            invites=[(Agency.objects.get(code=c), "", "") for c in invite],
        ),
    )
    return events.schedule(actor=admin, event=event) if schedule else event
