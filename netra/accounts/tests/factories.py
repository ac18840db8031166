"""Factories for staff accounts in every role; used across the test suite."""

from __future__ import annotations

from netra.accounts.models import Role, User
from netra.reference.models import Region
from netra.registry.models import Agency

PASSWORD = "uji-rahasia-123"


def make_user(
    username: str, role: str, *, region: str | None = None, agency: str | None = None
) -> User:
    user = User(
        username=username,
        role=role,
        region=Region.objects.get(code=region) if region else None,
        agency=Agency.objects.get(code=agency) if agency else None,
    )
    user.set_password(PASSWORD)
    user.full_clean()
    user.save()
    return user


def bawaslu(username: str = "bawaslu", region: str | None = None) -> User:
    return make_user(username, Role.BAWASLU_OFFICER, region=region)


def analyst(username: str = "bkn") -> User:
    return make_user(username, Role.AUTHORITY_ANALYST)


def personnel(username: str = "ppk", agency: str = "PEMKOT-64.72") -> User:
    return make_user(username, Role.AGENCY_PERSONNEL, agency=agency)


def agency_admin(username: str = "admin-instansi", agency: str = "PEMKOT-64.72") -> User:
    return make_user(username, Role.AGENCY_ADMIN, agency=agency)


def system_admin(username: str = "sysadmin") -> User:
    return make_user(username, Role.SYSTEM_ADMIN)
