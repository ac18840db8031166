"""How sure we are of a legal fact: every rule row carries one (the legend of docs/legal/README.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Confidence(models.TextChoices):
    HIGH = "high", _("High: primary text read")
    MEDIUM = "medium", _("Medium: official statement or consistent secondary sources")
    LOW = "low", _("Low: a single or ambiguous secondary source")
    UNVERIFIED = "unverified", _("Unverified: no source read")
