"""After Bawaslu forwards: the authority's recommendation to the PPK, and the sanction the PPK imposes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.cases.models import Case, ReportedPerson
from netra.reference.models import (
    CatalogueVersion,
    CivilServiceAuthority,
    SanctionLevel,
    SanctionType,
)
from netra.registry.models import Agency


class Recommendation(models.Model):
    class Status(models.TextChoices):
        ISSUED = "issued", _("Issued, awaiting the PPK")
        FOLLOWED_UP = "followed_up", _("Sanction imposed")
        ESCALATED = "escalated", _("Escalated: PPK did not act")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="recommendations")
    reported_person = models.OneToOneField(ReportedPerson, on_delete=models.PROTECT)
    authority = models.ForeignKey(CivilServiceAuthority, on_delete=models.PROTECT)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="recommendations")
    number = models.CharField(max_length=60, unique=True)
    issued_on = models.DateField()
    catalogue_version = models.ForeignKey(CatalogueVersion, on_delete=models.PROTECT)
    recommended_level = models.CharField(max_length=15, choices=SanctionLevel.choices)
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.ISSUED)

    class Meta:
        ordering = ["-issued_on"]

    def __str__(self) -> str:
        return self.number


class Sanction(models.Model):
    recommendation = models.OneToOneField(Recommendation, on_delete=models.PROTECT)
    sanction_type = models.ForeignKey(SanctionType, on_delete=models.PROTECT)
    decree_number = models.CharField(max_length=80)
    imposed_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)

    def __str__(self) -> str:
        return self.decree_number
