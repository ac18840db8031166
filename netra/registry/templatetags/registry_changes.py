"""The import's change list in the page's language: "Jenis pegawai: PPPK → PNS", not
"employee_type: pppk → pns" (issue 14)."""

from __future__ import annotations

from typing import Any

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from netra.registry.models import Agency, Employee

register = template.Library()


def _field(column: str) -> Any:
    try:
        return Employee._meta.get_field(column.removesuffix("_id"))
    except FieldDoesNotExist:
        return None


@register.filter
def change_label(column: str) -> str:
    """The column's name for people: the field's verbose name, capitalised."""
    field = _field(column)
    return str(field.verbose_name).capitalize() if field is not None else column


@register.filter
def change_value(value: Any, column: str) -> str:
    """A value as people read it: a choice's label, yes or no, the agency's name."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    field = _field(column)
    if column == "agency_id":
        agency = Agency.objects.filter(pk=value).only("name").first()
        return agency.name if agency else str(value)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)
