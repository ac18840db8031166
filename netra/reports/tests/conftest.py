"""Fixtures for the reports tests: a private media dir, fixed keys, no rate limits unless asked."""

from __future__ import annotations

import copy
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.cache import cache
from django.utils import timezone
from PIL import Image

from netra.audit.models import AuditEntry
from netra.cases.models import Case, CaseEvent, ReportedPerson
from netra.reference.models import Confidence, Election, ElectionKind, ElectionPhase
from netra.reports.api import REPORT_EXAMPLE
from netra.reports.models import Evidence, IdentityReveal, IntakeReplay, Message, Report


@pytest.fixture(autouse=True)
def reports_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.NETRA_RATELIMIT_ENABLED = False
    settings.NETRA_IDENTITY_KEY = Fernet.generate_key().decode()
    settings.NETRA_RECEIPT_KEY = "test-receipt-key"
    # Previews are built by the task worker; here at once, so a test sees them after its request.
    # test_previews.py runs them through the database queue as production does.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    cache.clear()
    return settings


# An election under way today: reports are taken only about an election under way on the day
# (checks.election_stages), and the documented example's Pilkada 2024 has ended.
UNDER_WAY = "pilkada-uji"


def under_way() -> Election:
    """An election under way today: reports are taken only about one (reports/checks.py). Any test
    that files a report through ``payload()`` gets it, whichever app the test is in."""
    today = timezone.localdate()
    election, created = Election.objects.get_or_create(
        code=UNDER_WAY,
        defaults={
            "name": "Pilkada Uji",
            "kind": ElectionKind.PILKADA,
            "voting_date": today + dt.timedelta(days=20),
            "regulation": "(test)",
        },
    )
    if created:
        ElectionPhase.objects.create(
            election=election,
            kind=ElectionPhase.Kind.CAMPAIGN,
            starts_on=today - dt.timedelta(days=120),
            ends_on=today + dt.timedelta(days=30),
            legal_basis="(test)",
            confidence=Confidence.HIGH,
        )
    return election


@pytest.fixture(autouse=True)
def election_under_way(db):
    return under_way()


def payload(**changes: Any) -> dict[str, Any]:
    """The documented example, with today's dates (so it is on time), in an election under way
    today, and ``changes`` applied."""
    data = copy.deepcopy(REPORT_EXAMPLE)
    data["election"] = UNDER_WAY  # under_way() creates it (autouse here; conftest elsewhere)
    today = timezone.localdate()
    data["incident_date"] = (today - dt.timedelta(days=1)).isoformat()
    data["known_on"] = today.isoformat()
    data.update(changes)
    return data


def jpeg(color: str = "red", *, size: tuple[int, int] = (64, 48), exif: Any = None) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="JPEG", **({"exif": exif} if exif else {}))
    return out.getvalue()


def snapshot(media_root: Path) -> dict[str, Any]:
    """Everything a submission could write: row counts and the files under MEDIA_ROOT."""
    models = (Report, Case, CaseEvent, ReportedPerson, Evidence, Message, IntakeReplay)
    counts = {m.__name__: m.objects.count() for m in (*models, IdentityReveal, AuditEntry)}
    files = (
        sorted(str(p) for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
    )
    return {"rows": counts, "files": files}
