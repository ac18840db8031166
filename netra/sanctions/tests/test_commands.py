"""The management commands: the hand-over's dry run and perform, the overdue flag."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from netra.cases.models import Forwarding
from netra.sanctions.models import Handover

from .conftest import forwarded_case

pytestmark = pytest.mark.django_db


def _run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_handover_command_dry_runs_then_performs(bkn):
    case = forwarded_case(authority="KASN", forwarded_on=dt.date(2024, 8, 20))
    dry = _run("authority_handover", "KASN", "BKN", "2024-09-04")
    assert case.code in dry and "Dry run" in dry and not Handover.objects.exists()
    with pytest.raises(CommandError, match="another authority"):
        _run("authority_handover", "BKN", "BKN", "2024-09-04")
    with pytest.raises(CommandError, match="--actor"):
        _run("authority_handover", "KASN", "BKN", "2024-09-04", "--perform")
    done = _run(
        "authority_handover", "KASN", "BKN", "2024-09-04", "--perform", "--actor", bkn.username
    )
    assert "1 files moved" in done
    assert Forwarding.objects.get(case=case).authority.code == "BKN"


def test_flag_overdue_command_runs():
    assert "flagged overdue: 0" in _run("flag_overdue_recommendations")
