"""How long personal data of a closed case is kept: reference data with its basis (UU 27/2022)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .confidence import Confidence


class RetentionOutcome(models.TextChoices):
    """How a case ended, for how long its reporters' personal data is kept (RetentionRule)."""

    NOT_REGISTERED = "not_registered", _("Not registered (declined at kajian awal)")
    NOT_PROVEN = "not_proven", _("Decided: no violation proven")
    PROVEN = "proven", _("Decided: a violation proven")


class RetentionRule(models.Model):
    """How long reporters' identities and evidence are kept after a case closes, per outcome.

    Loaded from ``data/retention.toml`` with its legal basis, status and confidence: UU 27/2022 asks
    that personal data be erased once its purpose is served, without a number of years, so the
    periods are Netra's default policy until Bawaslu's archive retention schedule says otherwise.
    """

    code = models.CharField(max_length=24, unique=True)
    outcome = models.CharField(max_length=20, choices=RetentionOutcome.choices, unique=True)
    months = models.PositiveSmallIntegerField()
    legal_basis = models.CharField(max_length=300)
    status = models.CharField(max_length=20)
    confidence = models.CharField(max_length=10, choices=Confidence.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["outcome"]

    def __str__(self) -> str:
        return f"{self.code}: {self.outcome}, {self.months} months"
