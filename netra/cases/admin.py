"""Admin for case handling's own data: the letter templates.

Cases themselves are not here: the system admin reads no case content (docs/architecture.md, roles).
Deadline rules and holiday overrides are reference data (netra/reference/admin.py); API tokens
belong to accounts."""

from django.contrib import admin

from .models import DocumentTemplate


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    list_display = ("kind", "title", "updated_at")
