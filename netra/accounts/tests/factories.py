"""Factories for staff accounts in every role; used across the test suite."""

from __future__ import annotations

from netra.accounts.models import BawasluLevel, Role, User
from netra.reference.models import Region
from netra.registry.models import Agency

PASSWORD = "uji-rahasia-123"


def make_user(
    username: str,
    role: str,
    *,
    region: str | None = None,
    agency: str | None = None,
    office_level: str = "",
) -> User:
    user = User(
        username=username,
        role=role,
        office_level=office_level,
        region=Region.objects.get(code=region) if region else None,
        agency=Agency.objects.get(code=agency) if agency else None,
    )
    user.set_password(PASSWORD)
    user.full_clean()
    user.save()
    return user


def bawaslu(username: str = "bawaslu", region: str | None = None) -> User:
    """An officer of Bawaslu RI (no region), or of the province or kabupaten/kota ``region``,
    enrolled in two-step login as every officer must be (see ``login.py`` to log one in)."""
    from .login import enrol

    if region is None:
        level = BawasluLevel.RI
    elif Region.objects.get(code=region).level == Region.Level.PROVINCE:
        level = BawasluLevel.PROVINCE
    else:
        level = BawasluLevel.REGENCY
    user = make_user(username, Role.BAWASLU_OFFICER, region=region, office_level=level)
    enrol(user)
    return user


def analyst(username: str = "bkn") -> User:
    return make_user(username, Role.AUTHORITY_ANALYST)


def personnel(username: str = "ppk", agency: str = "PEMKOT-64.72") -> User:
    return make_user(username, Role.AGENCY_PERSONNEL, agency=agency)


def agency_admin(username: str = "admin-instansi", agency: str = "PEMKOT-64.72") -> User:
    return make_user(username, Role.AGENCY_ADMIN, agency=agency)


def system_admin(username: str = "sysadmin") -> User:
    return make_user(username, Role.SYSTEM_ADMIN)
