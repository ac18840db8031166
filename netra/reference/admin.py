from django.contrib import admin

from netra.audit.admin import AuditedAdminMixin

from .models import (
    CatalogueVersion,
    DeadlineRule,
    Election,
    ElectionPhase,
    HolidayOverride,
    Region,
    SanctionType,
    ViolationType,
)


@admin.register(Region)
class RegionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("code", "name", "level")
    list_filter = ("level",)
    search_fields = ("code", "name")


class PhaseInline(admin.TabularInline):
    model = ElectionPhase
    extra = 0


@admin.register(Election)
class ElectionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("code", "name", "kind", "voting_date")
    inlines = [PhaseInline]


@admin.register(CatalogueVersion)
class CatalogueVersionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("code", "effective_from", "loaded_at")

    def has_change_permission(self, request, obj=None):
        return False  # a published version is never edited: publish a new one


@admin.register(ViolationType)
class ViolationTypeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("code", "version", "group", "level", "confidence", "disputed")
    list_filter = ("version", "group", "level", "disputed")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SanctionType)
class SanctionTypeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("code", "name_id", "level", "legal_basis")


# --- Deadline rules and the holiday overrides of the working-day calendar -------------------------


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
