"""Admin for case handling's own data: deadline rules, holiday overrides, letter templates, tokens.

Cases themselves are not here: the system admin reads no case content (permissions.py)."""

from django.contrib import admin

from netra.audit.admin import AuditedAdminMixin

from .models import ApiToken, DeadlineRule, DocumentTemplate, HolidayOverride


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("code", "election_kind", "title", "value", "unit", "start_event", "status")
    list_filter = ("election_kind", "status", "unit")
    search_fields = ("code", "title", "legal_basis")


@admin.register(HolidayOverride)
class HolidayOverrideAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("date", "kind", "name", "source")
    list_filter = ("kind",)
    search_fields = ("name", "source")
    readonly_fields = ("created_by", "created_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("kind", "title", "updated_at")


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "name", "prefix", "key_digest", "created_at", "last_used_at")
    fields = (*readonly_fields, "revoked_at")

    def has_add_permission(self, request):
        return False  # tokens come from `manage.py create_api_token`, shown once
