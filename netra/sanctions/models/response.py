"""What the PPK records on a recommendation: the sanction decree, or a contest with reasons."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.reference.models import SanctionType

from .recommendation import Recommendation


class SanctionFlag(models.TextChoices):
    """How the imposed sanction compares with the recommendation; the authority sees any flag."""

    NONE = "", _("As recommended or heavier")
    LIGHTER = "lighter", _("Lighter than recommended")
    NOT_ALLOWED = "not_allowed", _("Not allowed by the catalogue")


class Sanction(models.Model):
    """The PPK's decree (surat keputusan) imposing a sanction."""

    recommendation = models.OneToOneField(Recommendation, on_delete=models.PROTECT)
    sanction_type = models.ForeignKey(
        SanctionType, on_delete=models.PROTECT, verbose_name=_("sanction imposed")
    )
    decree_number = models.CharField(_("decree number"), max_length=80)
    imposed_on = models.DateField(_("decree date"))
    decree_scan = models.FileField(
        _("decree scan (PDF)"), upload_to="sanctions/decrees/%Y/", blank=True, max_length=200
    )
    decree_sha256 = models.CharField(max_length=64, blank=True, default="")
    flag = models.CharField(max_length=12, choices=SanctionFlag.choices, blank=True, default="")
    flag_note = models.TextField(blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.decree_number


class Contest(models.Model):
    """The PPK's objection to a recommendation, with reasons; the authority answers it."""

    recommendation = models.OneToOneField(Recommendation, on_delete=models.PROTECT)
    reasons = models.TextField(_("reasons"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    answer = models.TextField(_("answer"), blank=True, default="")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.recommendation} contested"
