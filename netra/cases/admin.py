"""Admin for case handling's own data: the letter templates.

Cases themselves are not here: the system admin reads no case content (docs/architecture.md, roles).
Deadline rules and holiday overrides are reference data (netra/reference/admin.py); API tokens
belong to accounts."""

from django import forms
from django.contrib import admin

from netra.audit.admin import AuditedAdminMixin
from netra.lib import untrusted

from .models import DocumentTemplate


class DocumentTemplateForm(forms.ModelForm):
    class Meta:
        model = DocumentTemplate
        fields = ("kind", "title", "body")

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        try:
            untrusted.check(body)  # the body is rendered into letters: hostile input
        except untrusted.UnsafeTemplate as exc:
            raise forms.ValidationError(str(exc)) from exc
        return body


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = DocumentTemplateForm
    list_display = ("kind", "title", "updated_at")
