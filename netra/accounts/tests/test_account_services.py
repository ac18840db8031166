"""Staff accounts change only through one audited service (issue 14, item 3)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from netra.accounts import services
from netra.accounts.models import BawasluLevel, Role, User
from netra.accounts.tests import factories
from netra.audit.models import AuditEntry
from netra.reference.models import Region
from netra.registry.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user():
    return factories.system_admin("sysadmin")


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def test_a_new_officer_needs_an_explicit_office(admin_user):
    with pytest.raises(ValidationError) as err:
        services.create_staff_account(
            actor=admin_user, username="petugas", role=Role.BAWASLU_OFFICER
        )
    assert "office_level" in err.value.message_dict
    assert not User.objects.filter(username="petugas").exists()
    assert not AuditEntry.objects.filter(action="account.created").exists()


@pytest.mark.parametrize(
    ("office", "code", "field"),
    [
        (BawasluLevel.RI, "64", "region"),
        (BawasluLevel.PROVINCE, "64.72", "region"),
        (BawasluLevel.REGENCY, "64", "region"),
        (BawasluLevel.REGENCY, "64.72.01", "region"),
        (BawasluLevel.PROVINCE, None, "region"),
    ],
)
def test_the_region_must_match_the_office(admin_user, office, code, field):
    with pytest.raises(ValidationError) as err:
        services.create_staff_account(
            actor=admin_user,
            username="petugas",
            role=Role.BAWASLU_OFFICER,
            office_level=office,
            region=region(code) if code else None,
        )
    assert field in err.value.message_dict


def test_an_agency_role_needs_its_agency(admin_user):
    with pytest.raises(ValidationError) as err:
        services.create_staff_account(actor=admin_user, username="ppk", role=Role.AGENCY_PERSONNEL)
    assert "agency" in err.value.message_dict


def test_creating_an_officer_is_audited_and_sets_no_password_by_default(admin_user):
    officer = services.create_staff_account(
        actor=admin_user,
        username="petugas.kaltim",
        role=Role.BAWASLU_OFFICER,
        office_level=BawasluLevel.PROVINCE,
        region=region("64"),
        email="petugas@bawaslu.test",
    )
    assert officer.bawaslu_level == BawasluLevel.PROVINCE
    assert not officer.has_usable_password()  # set through the reset e-mail, unknown to the admin
    entry = AuditEntry.objects.get(action="account.created")
    assert entry.actor == admin_user and entry.target_id == str(officer.pk)
    assert entry.data["office_level"] == "province" and entry.data["region"] == "64"


def test_only_a_system_admin_manages_accounts():
    for actor in (factories.personnel("ppk"), factories.bawaslu("ri")):
        with pytest.raises(PermissionDenied):
            services.create_staff_account(actor=actor, username="x", role=Role.AUTHORITY_ANALYST)


def test_a_system_admin_cannot_change_its_own_role_or_access(admin_user):
    with pytest.raises(ValidationError):
        services.change_jurisdiction(
            actor=admin_user,
            user=admin_user,
            role=Role.BAWASLU_OFFICER,
            office_level=BawasluLevel.RI,
        )
    with pytest.raises(ValidationError):
        services.set_admin_access(actor=admin_user, user=admin_user, is_staff=True)
    with pytest.raises(ValidationError):
        services.set_active(actor=admin_user, user=admin_user, active=False)
    admin_user.refresh_from_db()
    assert admin_user.role == Role.SYSTEM_ADMIN and not admin_user.is_staff
    # Its own name and e-mail it may change.
    services.update_profile(
        actor=admin_user,
        user=admin_user,
        username="sysadmin",
        first_name="Admin",
        last_name="Sistem",
        email="admin@netra.test",
    )


def test_a_jurisdiction_change_is_audited_with_before_and_after(admin_user):
    officer = factories.bawaslu("petugas", "64.72")
    services.change_jurisdiction(
        actor=admin_user,
        user=officer,
        role=Role.BAWASLU_OFFICER,
        office_level=BawasluLevel.PROVINCE,
        region=region("64"),
    )
    officer.refresh_from_db()
    assert (officer.office_level, officer.region_id) == ("province", "64")
    entry = AuditEntry.objects.get(action="account.jurisdiction_changed")
    assert entry.data["before"]["region"] == "64.72" and entry.data["after"]["region"] == "64"


def test_a_superuser_is_changed_only_by_a_superuser(admin_user):
    root = User.objects.create_superuser("root", "root@x.test", "x-y-z-123-abc")
    with pytest.raises(ValidationError):
        services.set_active(actor=admin_user, user=root, active=False)


def test_an_agency_account_gets_its_agency(admin_user):
    ppk = services.create_staff_account(
        actor=admin_user,
        username="ppk.smd",
        role=Role.AGENCY_PERSONNEL,
        agency=Agency.objects.get(code="PEMKOT-64.72"),
        password="sandi-yang-panjang-42",
    )
    assert ppk.check_password("sandi-yang-panjang-42")
    assert AuditEntry.objects.get(action="account.created").data["agency"] == "PEMKOT-64.72"
