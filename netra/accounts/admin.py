from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import User


@admin.register(User)
class NetraUserAdmin(UserAdmin):
    list_display = ("username", "get_full_name", "role", "region", "agency", "is_active")
    list_filter = ("role", "is_active")
    autocomplete_fields = ("region", "agency")
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Netra", {"fields": ("role", "region", "agency")}))
