"""Template helpers of the transparency page: a published number, or the mark of a hidden one."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def cell(value: int | None) -> str:
    """A count with thousands separators; a hidden count as a dash that says why."""
    if value is None:
        return format_html(
            '<span class="hidden-cell" title="{}">—<span class="sr"> {}</span></span>',
            _("Hidden to protect the people concerned (small number)"),
            _("hidden"),
        )
    return format_html("{}", intcomma(value))


@register.filter
def get(mapping: Any, key: str) -> Any:
    try:
        return mapping.get(key)
    except AttributeError:
        return None
