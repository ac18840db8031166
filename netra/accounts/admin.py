from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import ApiToken, User


@admin.register(User)
class NetraUserAdmin(UserAdmin):
    list_display = ("username", "get_full_name", "role", "region", "agency", "is_active")
    list_filter = ("role", "is_active")
    autocomplete_fields = ("region", "agency")
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Netra", {"fields": ("role", "region", "agency")}))


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "name", "prefix", "key_digest", "created_at", "last_used_at")
    fields = (*readonly_fields, "revoked_at")

    def has_add_permission(self, request):
        return False  # tokens come from `manage.py create_api_token`, shown once
