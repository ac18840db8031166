"""The demo builder is deterministic for a seed and fills every state of the lifecycle."""

import pytest

from netra.cases.models import Case, CaseStatus, Forwarding, ReportedPerson
from netra.demo.builder import DEMO_ACCOUNTS, DemoWorld
from netra.demo.world import clear_world, world_digest
from netra.prevention.models import PactSignature
from netra.registry.models import Employee
from netra.sanctions.models import Block, Escalation, Handover, Recommendation, Sanction

pytestmark = pytest.mark.django_db


def build(seed: int) -> str:
    clear_world()
    DemoWorld(seed=seed, employees=600, cases=150).build()
    return world_digest()


def test_same_seed_builds_the_same_world_and_another_seed_does_not():
    first = build(7)
    assert build(7) == first
    assert build(8) != first


def test_demo_world_covers_every_case_state_and_the_sanction_chain():
    DemoWorld(seed=2024, employees=4000, cases=400).build()  # what `bin/run` builds
    assert set(Case.objects.values_list("status", flat=True)) == set(CaseStatus.values)
    assert Employee.objects.count() == 4000
    assert Recommendation.objects.filter(status=Recommendation.Status.ISSUED).exists()
    assert Recommendation.objects.filter(status=Recommendation.Status.ESCALATED).exists()
    assert Sanction.objects.exists()
    assert PactSignature.objects.exists()
    # Forwards after the 2024 hand-over go to BKN, earlier ones to KASN; a recommendation comes
    # from the authority competent the day it is issued (docs/legal/deadlines.md T2, T3).
    for rec in Recommendation.objects.select_related("case__forwarding__authority", "authority"):
        forwarded_on = rec.case.forwarding.forwarded_on
        assert rec.issued_on >= forwarded_on
        expected = "BKN" if rec.issued_on.isoformat() >= "2024-09-04" else "KASN"
        assert rec.authority.code == expected
    # The hand-over moved KASN's unprocessed files to BKN, through the service (with its history).
    assert Handover.objects.filter(from_authority__code="KASN", to_authority__code="BKN").exists()
    waiting = ReportedPerson.objects.filter(decision__proven=True, recommendation__isnull=True)
    assert not Forwarding.objects.filter(
        authority__code="KASN",
        case__status=CaseStatus.FORWARDED,
        case__reported_persons__in=waiting,
    ).exists()
    # Work for the authority and the PPKs in every state.
    statuses = set(Recommendation.objects.values_list("status", flat=True))
    assert {"issued", "followed_up", "contested", "escalated", "referred"} <= statuses
    assert Block.objects.filter(lifted_on=None).exists() and Escalation.objects.exists()
    for agency in ("PEMKOT-64.72", "PEMPROV-64"):
        assert Recommendation.objects.filter(
            agency__code=agency, status="issued", letter__isnull=False
        ).exists()


def test_the_employees_nips_are_unique_and_eighteen_digits():
    DemoWorld(seed=3, employees=500, cases=10).build()
    nips = [n for n in Employee.objects.values_list("nip", flat=True) if n is not None]
    assert len(nips) == len(set(nips))
    assert all(len(n) == 18 and n.isdigit() for n in nips)
    # Staff without a NIP carry a staff number, so an agency's re-import does not deactivate them.
    assert not Employee.objects.filter(nip=None, staff_number="").exists()


def test_build_demo_command_prints_every_login(capsys):
    from django.core.management import call_command

    call_command("build_demo", "--employees", "50", "--cases", "5")
    out = capsys.readouterr().out
    for account in DEMO_ACCOUNTS:
        assert account.username in out


def test_the_demo_system_admin_manages_rules_but_cannot_open_cases():
    from netra.accounts.models import User

    DemoWorld(seed=1, employees=20, cases=2).build()
    admin = User.objects.get(username="sysadmin")
    assert admin.has_perm("reference.change_holidayoverride")
    assert admin.has_perm("reference.view_region")
    assert not admin.has_perm("cases.view_case")
    assert not admin.has_perm("reports.view_report")


def test_the_world_rebuilds_after_its_accounts_have_acted():
    """The audit trail is append-only and names the accounts that acted: clearing the world keeps
    them (deactivated) and the next build brings them back."""
    from netra.accounts.models import User
    from netra.audit.services import record

    DemoWorld(seed=3, employees=30, cases=4).build()
    officer = User.objects.get(username="bawaslu.samarinda")
    record(actor=officer, action="demo.test", target=officer, summary="acted")
    clear_world()
    assert not User.objects.get(username="bawaslu.samarinda").is_active
    DemoWorld(seed=3, employees=30, cases=4).build()
    assert User.objects.get(username="bawaslu.samarinda").is_active


def test_the_api_examples_name_the_demo_worlds_first_receipt():
    from netra.demo.cases import first_receipt
    from netra.reports.api_follow import DEMO_RECEIPT

    assert DEMO_RECEIPT.replace(" ", "") == first_receipt(2024)  # build_demo's default seed
