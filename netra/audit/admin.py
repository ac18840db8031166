"""The audit trail in the admin (read-only), and the mixin that puts every admin edit into it.

The system admin edits rules, elections, agencies and employees through the Django admin; Django's
own ``LogEntry`` is editable by whoever runs the database and is not Netra's trail. So every admin
class of the project takes ``AuditedAdminMixin``: each add, change (with the names of the changed
fields, inline rows included) and delete writes an ``AuditEntry`` in the same transaction as the edit.
Audit is the lowest layer: this module imports no other Netra app, and every app may use it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, router, transaction

from .models import AuditEntry
from .services import record


def record_admin_edit(
    request: Any, action: str, obj: models.Model, fields: list[str] | None = None
) -> AuditEntry:
    """One admin edit of ``obj``: ``action`` is ``added``, ``changed`` or ``deleted``."""
    opts = obj._meta
    data: dict[str, Any] = {"model": opts.label_lower}
    if fields is not None:
        data["fields"] = sorted(fields)
    return record(
        actor=request.user,
        action=f"admin.{action}",
        target=obj,
        summary=f"{action} in the admin: {opts.label_lower} {obj}"[:300],
        **data,
    )


class AuditedAdminMixin:
    """Put before ``admin.ModelAdmin`` in the bases: ``class XAdmin(AuditedAdminMixin, ModelAdmin)``.

    Deletions are recorded before the row goes (its id is still known); the admin's add, change
    and delete views run in one transaction, so a failed edit leaves no entry behind."""

    model: type[models.Model]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        record_admin_edit(request, "changed" if change else "added", obj, list(form.changed_data))

    def save_formset(self, request, form, formset, change):
        # Inline rows (e.g. an election's phases): deletions first, while their ids are known.
        for inline_form in formset.deleted_forms:
            if inline_form.instance.pk is not None:
                record_admin_edit(request, "deleted", inline_form.instance)
        super().save_formset(request, form, formset, change)  # type: ignore[misc]
        for obj in formset.new_objects:
            record_admin_edit(request, "added", obj)
        for obj, fields in formset.changed_objects:
            record_admin_edit(request, "changed", obj, list(fields))

    def delete_model(self, request, obj):
        record_admin_edit(request, "deleted", obj)
        super().delete_model(request, obj)  # type: ignore[misc]

    def delete_queryset(self, request, queryset):
        # The changelist's "delete selected" action does not run in a transaction of its own.
        with transaction.atomic(using=router.db_for_write(self.model)):
            for obj in queryset:
                record_admin_edit(request, "deleted", obj)
            super().delete_queryset(request, queryset)  # type: ignore[misc]


def audit_registered_admins(site: admin.AdminSite) -> None:
    """Give the mixin to the admin classes other apps registered without it (Django's groups,
    django-axes' lockouts, whose deletion unlocks an account, the task results). Called below, so
    it covers the apps listed before ``netra.audit`` in INSTALLED_APPS; Netra's own admin classes
    name the mixin themselves, and a test checks that no admin class is left without it."""
    for model, model_admin in list(site._registry.items()):
        if not isinstance(model_admin, AuditedAdminMixin):
            base = type(model_admin)
            site.unregister(model)
            site.register(model, type(base.__name__, (AuditedAdminMixin, base), {}))


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("seq", "at", "actor_label", "action", "target_type", "target_id", "summary")
    list_filter = ("action",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


audit_registered_admins(admin.site)
