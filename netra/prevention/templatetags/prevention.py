"""Display helpers for prevention templates (labels only; no logic)."""

from django import template
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netra.prevention.codes import pretty

register = template.Library()

VERDICTS = {
    "boleh": pgettext_lazy("guide verdict", "Allowed"),
    "tidak_boleh": pgettext_lazy("guide verdict", "Not allowed"),
    "boleh_dengan_syarat": pgettext_lazy("guide verdict", "Allowed with conditions"),
}
CONFIDENCE = {
    "high": _("high"),
    "medium": _("medium"),
    "low": _("low"),
    "unverified": _("unverified"),
}


@register.filter
def verdict(value: str) -> str:
    return str(VERDICTS.get(value, value))


@register.filter
def confidence(value: str) -> str:
    return str(CONFIDENCE.get(value, value))


@register.filter
def paper_code(value: str) -> str:
    return pretty(value)


@register.filter
def masked_nip(value: str | None) -> str:
    """The first eight digits (the birth date) hidden: enough to tell colleagues apart."""
    text = value or ""
    return "••••••••" + text[8:] if len(text) == 18 else text
