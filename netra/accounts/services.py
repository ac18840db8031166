"""Staff accounts: the one way to create them and to change who may see what.

Each function checks the actor, runs in a transaction and writes the audit trail. The Django admin's
user form calls them (``accounts/admin.py``), so an account cannot gain case access behind Netra's
back. The rules that keep a system admin from raising its own access (issue 14, item 3):

- Only a system admin (or a superuser) manages accounts.
- Nobody changes the role, the jurisdiction (office, region, agency), the activation or the admin
  access of their own account: another system admin must, and it is audited under their name.
- Superuser status, groups and individual permissions are never set here and are not on the admin
  form: a superuser is made on the server (``manage.py createsuperuser``) by whoever runs it.
- A superuser's account is changed only by a superuser.
- A Bawaslu officer always has an explicit office (RI, provinsi, kabupaten/kota) whose region has
  the right level (``User.clean``); the database refuses an officer without one too.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from netra.audit.services import record
from netra.reference.models import Region

from .models import Role, User

# The registry is a later layer: an agency arrives as a model instance, untyped here so that
# accounts imports nothing above it (User.agency's foreign key names it by its label only).
Agency = Any

JURISDICTION_FIELDS = ("role", "office_level", "region", "agency")
PROFILE_FIELDS = ("username", "first_name", "last_name", "email", "position_title")
# What one's own account may not change: everything that decides what the account may see or do.
ACCESS_FIELDS = (*JURISDICTION_FIELDS, "is_active", "is_staff")


def can_manage_accounts(actor: Any) -> bool:
    return bool(
        getattr(actor, "is_authenticated", False)
        and actor.is_active
        and (actor.is_superuser or actor.role == Role.SYSTEM_ADMIN)
    )


def check_account_change(*, actor: Any, user: User | None, fields: set[str] | frozenset[str]):
    """Refuse what ``actor`` may not do to ``user`` (None: a new account). The admin form calls
    this while validating, so the refusal is a message on the form, not an error page."""
    if not can_manage_accounts(actor):
        raise PermissionDenied(_("Only a system admin manages staff accounts."))
    if user is None:
        return
    if user.is_superuser and not actor.is_superuser:
        raise ValidationError(_("Only a superuser changes a superuser's account."))
    if user.pk == actor.pk and fields & set(ACCESS_FIELDS):
        raise ValidationError(
            _(
                "You cannot change the role, office, region, agency, activation or admin access "
                "of your own account. Ask another system admin."
            )
        )


def _jurisdiction(user: User) -> dict[str, Any]:
    return {
        "role": user.role,
        "office_level": user.office_level,
        "region": user.region_id,
        "agency": user.agency.code if user.agency else None,
    }


def create_staff_account(
    *,
    actor: Any,
    username: str,
    role: str,
    office_level: str = "",
    region: Region | None = None,
    agency: Agency | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    position_title: str = "",
    password: str | None = None,
    is_staff: bool = False,
) -> User:
    """A new staff account. Without ``password`` it has none yet: the person sets one through the
    password-reset e-mail, so the admin who created the account never knows it."""
    check_account_change(actor=actor, user=None, fields=frozenset())
    with transaction.atomic():
        user = User(
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=email,
            position_title=position_title,
            role=role,
            office_level=office_level,
            region=region,
            agency=agency,
            is_staff=is_staff,
        )
        if password:
            validate_password(password, user)
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean()
        user.save()
        record(
            actor=actor,
            action="account.created",
            target=user,
            summary=f"Account {user.username} created ({user.role or 'no role'})",
            is_staff=is_staff,
            password_set=bool(password),
            **_jurisdiction(user),
        )
    return user


def change_jurisdiction(
    *,
    actor: Any,
    user: User,
    role: str,
    office_level: str = "",
    region: Region | None = None,
    agency: Agency | None = None,
) -> User:
    """Change what the account may see: its role and its office, region or agency, together (a
    role without its jurisdiction is refused by ``User.clean``)."""
    check_account_change(actor=actor, user=user, fields=frozenset(JURISDICTION_FIELDS))
    with transaction.atomic():
        before = _jurisdiction(user)
        user.role, user.office_level, user.region, user.agency = role, office_level, region, agency
        user.full_clean()
        user.save(update_fields=list(JURISDICTION_FIELDS))
        after = _jurisdiction(user)
        record(
            actor=actor,
            action="account.jurisdiction_changed",
            target=user,
            summary=f"Account {user.username}: {before['role']} → {after['role']}",
            before=before,
            after=after,
        )
    return user


def set_active(*, actor: Any, user: User, active: bool) -> User:
    check_account_change(actor=actor, user=user, fields=frozenset({"is_active"}))
    with transaction.atomic():
        user.is_active = active
        user.save(update_fields=["is_active"])
        action = "account.activated" if active else "account.deactivated"
        record(actor=actor, action=action, target=user, summary=f"{action} {user.username}")
    return user


def set_admin_access(*, actor: Any, user: User, is_staff: bool) -> User:
    """Whether the account may open the Django admin (what it may do there: its permissions)."""
    check_account_change(actor=actor, user=user, fields=frozenset({"is_staff"}))
    with transaction.atomic():
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])
        record(
            actor=actor,
            action="account.admin_access_changed",
            target=user,
            summary=f"Admin access of {user.username}: {is_staff}",
            is_staff=is_staff,
        )
    return user


def update_profile(
    *,
    actor: Any,
    user: User,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    position_title: str = "",
) -> User:
    """Name, e-mail and position (printed under the letters the account signs). The e-mail
    receives password resets, so the change is audited too."""
    check_account_change(actor=actor, user=user, fields=frozenset(PROFILE_FIELDS))
    with transaction.atomic():
        values = {
            "username": username,
            "first_name": first_name,
            "last_name": last_name,
            "email": email,
            "position_title": position_title,
        }
        changed = sorted(f for f, v in values.items() if getattr(user, f) != v)
        for field, value in values.items():
            setattr(user, field, value)
        user.full_clean()
        user.save(update_fields=list(PROFILE_FIELDS))
        record(
            actor=actor,
            action="account.profile_changed",
            target=user,
            summary=f"Profile of {user.username} changed",
            fields=changed,
        )
    return user


def record_password_set(*, actor: Any, user: User) -> None:
    """The admin's own password form (Django's) set or removed ``user``'s password: audit it."""
    check_account_change(actor=actor, user=user, fields=frozenset({"password"}))
    record(
        actor=actor,
        action="account.password_set",
        target=user,
        summary=f"Password of {user.username} set in the admin",
        usable=user.has_usable_password(),
    )
