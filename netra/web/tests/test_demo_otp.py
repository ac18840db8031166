"""The demo's Bawaslu officers come with a second factor whose codes testers can print."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from netra.accounts import second_factor
from netra.accounts.models import User
from netra.accounts.tests import factories
from netra.demo.builder import DEMO_ACCOUNTS, DemoWorld

pytestmark = pytest.mark.django_db


def test_demo_officers_are_enrolled_and_demo_otp_prints_their_code(capsys):
    DemoWorld(seed=2024, employees=50, cases=5).build()
    officers = [a.username for a in DEMO_ACCOUNTS if a.role == "bawaslu_officer"]
    assert len(officers) == 4
    for username in officers:
        user = User.objects.get(username=username)
        assert second_factor.has_authenticator(user)
    capsys.readouterr()
    call_command("demo_otp", "bawaslu.samarinda")
    code = capsys.readouterr().out.strip()
    assert len(code) == 6 and code.isdigit()
    officer = User.objects.get(username="bawaslu.samarinda")
    assert second_factor.verify(officer, code) is not None


def test_demo_otp_refuses_anything_but_the_demo_builders_own_device():
    factories.bawaslu("petugas", "64.72")
    with pytest.raises(CommandError, match="not a demo account"):
        call_command("demo_otp", "petugas")
    DemoWorld(seed=7, employees=50, cases=5).build()
    with pytest.raises(CommandError, match="no demo authenticator for seed 2024"):
        call_command("demo_otp", "bawaslu.ri")  # built with another seed
    call_command("demo_otp", "bawaslu.ri", "--seed", "7")
    with pytest.raises(CommandError, match="needs no code"):
        call_command("demo_otp", "bkn.analis", "--seed", "7")


def test_build_demo_tells_how_to_get_the_code(capsys):
    call_command("build_demo", "--employees", "50", "--cases", "5")
    assert "manage.py demo_otp <username>" in capsys.readouterr().out
