"""Moving every open file from one authority to another on a date, keeping the history.

The 2024 rule (SE MenPAN-RB 4/2024; deadlines.md T3): files KASN had already processed (a
recommendation issued) report to MenPAN-RB; files not yet processed (forwarded, no recommendation)
go to BKN.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.cases.models import Case
from netra.reference.models import CivilServiceAuthority

from .recommendation import Recommendation


class Handover(models.Model):
    from_authority = models.ForeignKey(
        CivilServiceAuthority, on_delete=models.PROTECT, related_name="+", verbose_name=_("from")
    )
    to_authority = models.ForeignKey(
        CivilServiceAuthority, on_delete=models.PROTECT, related_name="+", verbose_name=_("to")
    )
    effective_on = models.DateField(_("effective on"))
    performed_at = models.DateTimeField()
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    legal_basis = models.CharField(max_length=300, blank=True, default="")
    summary = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"{self.from_authority} → {self.to_authority} ({self.effective_on})"


class HandoverItem(models.Model):
    class Kind(models.TextChoices):
        FORWARDING = "forwarding", _("Forwarded file not yet processed")
        RECOMMENDATION = "recommendation", _("Processed file: recommendation issued")

    handover = models.ForeignKey(Handover, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=15, choices=Kind.choices)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    recommendation = models.ForeignKey(
        Recommendation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    from_authority = models.ForeignKey(
        CivilServiceAuthority, on_delete=models.PROTECT, related_name="+"
    )
    to_authority = models.ForeignKey(
        CivilServiceAuthority, on_delete=models.PROTECT, related_name="+"
    )
