from django.contrib import admin

from netra.audit.admin import AuditedAdminMixin

from .models import CatalogueVersion, Election, ElectionPhase, Region, SanctionType, ViolationType


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
