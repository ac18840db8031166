from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .imports import ImportFileError, RowSource, map_header

MAX_UPLOAD_BYTES = 200 * 1024 * 1024  # a large provincial government's export, with room to spare


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("HR export (CSV or XLSX)"),
        help_text=_("One row per employee; the columns are listed below."),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: only report what would change"), required=False, initial=True
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 200 MB; split it."))
        # Check the header now, so a wrong file is refused at once rather than by a failed job.
        try:
            map_header(RowSource(upload, upload.name).header)
        except ImportFileError as exc:
            raise forms.ValidationError(str(exc)) from exc
        finally:
            upload.seek(0)
        return upload


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name or NIP"), max_length=100, required=False)
