from django.contrib import admin

from netra.audit.admin import AuditedAdminMixin

from .models import Agency, Employee, ImportJob


@admin.register(Agency)
class AgencyAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("code", "name", "kind", "ppk_title", "is_active")
    list_filter = ("kind", "level")
    search_fields = ("code", "name")


@admin.register(Employee)
class EmployeeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("nip", "name", "employee_type", "position_title", "agency")
    search_fields = ("nip", "name")
    raw_id_fields = ("agency", "region")


@admin.register(ImportJob)
class ImportJobAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "source_name", "agency", "dry_run", "status", "new", "rejected")
    list_filter = ("status", "dry_run")
    readonly_fields = [f.name for f in ImportJob._meta.fields]
