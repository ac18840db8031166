"""Staff accounts in the Django admin, written only through ``accounts.services``.

The forms show no ``is_superuser``, ``groups`` or ``user_permissions``: the system admin manages
accounts, not its own powers. Saving calls the audited services (the form never writes the row), and
the services refuse a change of one's own role, jurisdiction, activation or admin access; the same
check runs while the form validates, so the refusal is shown on the form. Second-factor devices are
not in the admin at all (a system admin must not be able to give itself an officer's second factor);
a lost device is replaced on the server with ``manage.py addstatictoken <username>``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.plugins.otp_static import admin as _static_admin  # noqa: F401 - registers first
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp import admin as _totp_admin  # noqa: F401 - registers first
from django_otp.plugins.otp_totp.models import TOTPDevice

from netra.audit.admin import AuditedAdminMixin

from . import services, views
from .models import ApiToken, User

NETRA_FIELDS = ("role", "office_level", "region", "agency")


class _ActorFormMixin:
    """Runs the services' own permission check while the form validates."""

    actor: Any = None
    instance: User
    changed_data: list[str]

    def clean(self):
        cleaned = super().clean()  # type: ignore[misc]
        user = self.instance if self.instance.pk else None
        try:
            services.check_account_change(
                actor=self.actor, user=user, fields=frozenset(self.changed_data)
            )
        except ValidationError as error:
            self.add_error(None, error)  # type: ignore[attr-defined]
        return cleaned


class StaffChangeForm(_ActorFormMixin, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User


class StaffCreationForm(_ActorFormMixin, AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email", *NETRA_FIELDS, "is_staff")


@admin.register(User)
class NetraUserAdmin(AuditedAdminMixin, UserAdmin):
    form = StaffChangeForm
    add_form = StaffCreationForm
    list_display = (
        "username",
        "get_full_name",
        "role",
        "office_level",
        "region",
        "agency",
        "is_active",
    )
    list_filter = ("role", "office_level", "is_active")
    autocomplete_fields = ("region", "agency")
    readonly_fields = ("last_login", "date_joined")
    # No bulk "delete selected": one account at a time, where the checks below apply.
    actions = None
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email", "position_title")}),
        (_("Role and jurisdiction"), {"fields": NETRA_FIELDS}),
        (_("Access"), {"fields": ("is_active", "is_staff")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2"),
            },
        ),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email", "position_title")}),
        (_("Role and jurisdiction"), {"fields": NETRA_FIELDS}),
        (_("Access"), {"fields": ("is_staff",)}),
    )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (
            obj.pk == request.user.pk or (obj.is_superuser and not request.user.is_superuser)
        ):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        """The services write the account; the form's unsaved ``obj`` only carries the values."""
        data = form.cleaned_data
        if not change:
            user = services.create_staff_account(
                actor=request.user,
                password=data.get("password1") if data.get("set_usable_password") else None,
                **{f: data.get(f) for f in services.PROFILE_FIELDS},
                **{f: data.get(f) for f in NETRA_FIELDS},
                is_staff=bool(data.get("is_staff")),
            )
            obj.pk, obj._state.adding, obj._state.db = user.pk, False, user._state.db
            return
        self._apply_changes(request, obj, set(form.changed_data))

    def _apply_changes(self, request, obj: User, changed: set[str]) -> None:
        user = User.objects.select_for_update().get(pk=obj.pk)
        actor = request.user
        if changed & set(services.PROFILE_FIELDS):
            values = {f: getattr(obj, f) for f in services.PROFILE_FIELDS}
            services.update_profile(actor=actor, user=user, **values)
        if changed & set(NETRA_FIELDS):
            values = {f: getattr(obj, f) for f in NETRA_FIELDS}
            services.change_jurisdiction(actor=actor, user=user, **values)
        if "is_active" in changed:
            services.set_active(actor=actor, user=user, active=obj.is_active)
        if "is_staff" in changed:
            services.set_admin_access(actor=actor, user=user, is_staff=obj.is_staff)

    @method_decorator(sensitive_post_parameters())
    def user_change_password(self, request, id, form_url=""):
        # Django's password form saves the row itself; keep it and its audit entry together.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().user_change_password(request, id, form_url)

    def log_change(self, request, obj, message):
        # Django's password view reports its change as the field "password" (the change form
        # cannot change it: there the password is read-only).
        entries = message if isinstance(message, list) else []
        fields = [f for entry in entries for f in entry.get("changed", {}).get("fields", [])]
        if "password" in fields:
            try:
                services.record_password_set(actor=request.user, user=obj)
            except ValidationError as error:
                raise PermissionDenied(error.messages[0]) from error
        return super().log_change(request, obj, message)


# Second-factor devices stay out of the admin (see the module docstring).
for _device in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device):
        admin.site.unregister(_device)

# The admin logs in through Netra's login page: same lockout, same second factor.
admin.site.login = views.admin_login  # type: ignore[method-assign]


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "name", "prefix", "key_digest", "created_at", "last_used_at")
    fields = (*readonly_fields, "revoked_at")

    def has_add_permission(self, request):
        return False  # tokens come from `manage.py create_api_token`, shown once
