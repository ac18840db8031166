"""When the PPK does not act: the block of the employee's personnel data (SIASN) and escalation.

A block is recorded by the authority once the PPK's time has run out and lifted when the PPK
complies (deadlines.md A4: SKB 5 K/L 2022, Perpres 116/2022, Peraturan BKN 1/2023). Escalation to
the ministry follows after a second period (rule A3's successor; its day count is data, unverified).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.cases.models import IssuedDocument

from .recommendation import Recommendation


class Block(models.Model):
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="blocks"
    )
    blocked_on = models.DateField(_("blocked on"))
    letter_number = models.CharField(_("letter number"), max_length=80)
    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    lifted_on = models.DateField(_("lifted on"), null=True, blank=True)
    lift_reason = models.TextField(blank=True, default="")
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation"],
                condition=models.Q(lifted_on__isnull=True),
                name="one_active_block_per_recommendation",
            )
        ]

    def __str__(self) -> str:
        return self.letter_number


class Escalation(models.Model):
    recommendation = models.OneToOneField(Recommendation, on_delete=models.PROTECT)
    escalated_on = models.DateField(_("escalated on"))
    addressed_to = models.CharField(_("addressed to"), max_length=200)
    letter = models.ForeignKey(
        IssuedDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.recommendation} → {self.addressed_to}"
