from django.contrib import admin

from .models import CatalogueVersion, Election, ElectionPhase, Region, SanctionType, ViolationType


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level")
    list_filter = ("level",)
    search_fields = ("code", "name")


class PhaseInline(admin.TabularInline):
    model = ElectionPhase
    extra = 0


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "voting_date")
    inlines = [PhaseInline]


@admin.register(CatalogueVersion)
class CatalogueVersionAdmin(admin.ModelAdmin):
    list_display = ("code", "effective_from", "loaded_at")

    def has_change_permission(self, request, obj=None):
        return False  # a published version is never edited: publish a new one


@admin.register(ViolationType)
class ViolationTypeAdmin(admin.ModelAdmin):
    list_display = ("code", "version", "group", "level", "confidence", "disputed")
    list_filter = ("version", "group", "level", "disputed")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SanctionType)
class SanctionTypeAdmin(admin.ModelAdmin):
    list_display = ("code", "name_id", "level", "legal_basis")
