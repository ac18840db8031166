"""The building blocks of who may see what; each app decides its own objects next to its selectors.

The rules by role (docs/architecture.md, "Roles and jurisdictions"): a Bawaslu officer works for one
office (RI, a provinsi, a kabupaten/kota) and sees what that office and the offices below it handle;
the civil-service authority (BKN) works nationally once Bawaslu has forwarded; agency roles act for
one agency; the system admin manages accounts and reference data and reads no case content (a
reporter's trust must not depend on who runs the server).

This module only knows accounts: the acting user's role, office and agency, and how Kemendagri codes
nest. Scoping per object lives in the owning app: ``registry/permissions.py`` (employees, agencies,
imports), ``cases/permissions.py`` (cases), ``reports/permissions.py`` (identity reveals),
``sanctions/permissions.py`` (recommendations), ``prevention/permissions.py`` (pacts, events).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q
from typing_extensions import TypeIs

from .models import BawasluLevel, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from .models import User

    AnyUser = User | AnonymousUser

__all__ = [
    "NOTHING",
    "Role",
    "acts_for_agency",
    "is_bawaslu_officer",
    "is_national_office",
    "is_staff_user",
    "office_covers",
    "region_prefix_q",
]

NOTHING = Q(pk__in=[])


def is_staff_user(user: Any) -> TypeIs[User]:
    """An active, signed-in account with a Netra role."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.role)


def is_bawaslu_officer(user: Any) -> TypeIs[User]:
    return is_staff_user(user) and user.role == Role.BAWASLU_OFFICER


def is_national_office(user: Any) -> bool:
    """A Bawaslu RI officer. National scope needs the office chosen explicitly: an officer with no
    office sees nothing (issue 14: "no office" once silently meant national access)."""
    return is_bawaslu_officer(user) and user.office_level == BawasluLevel.RI


def acts_for_agency(user: Any, agency_id: int | None) -> bool:
    """An agency role (personnel officer or admin) of exactly this agency."""
    return (
        is_staff_user(user)
        and user.role in (Role.AGENCY_PERSONNEL, Role.AGENCY_ADMIN)
        and agency_id is not None
        and user.agency_id == agency_id
    )


def region_prefix_q(field: str, code: str) -> Q:
    """``field`` equals ``code`` or lies below it (Kemendagri codes are dotted prefixes)."""
    return Q(**{field: code}) | Q(**{f"{field}__startswith": code + "."})


def office_covers(upper: Any, lower: Any) -> bool:
    """``upper``'s Bawaslu office is ``lower``'s or above it (RI > provinsi > kabupaten/kota)."""
    if is_national_office(upper):
        return True
    if upper.region_id is None:
        return False
    if lower.region_id is None:
        return False
    return lower.region_id == upper.region_id or lower.region_id.startswith(upper.region_id + ".")
