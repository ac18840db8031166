"""``{% employee_links employee as links %}``: the later stages' links for one employee row
(``registry.hooks``)."""

from __future__ import annotations

from typing import Any

from django import template

from netra.registry.hooks import employee_links as _links

register = template.Library()


@register.simple_tag(takes_context=True)
def employee_links(context: Any, employee: Any) -> list[tuple[str, str]]:
    request = context.get("request")
    return _links(getattr(request, "user", None), employee) if request is not None else []
