"""The employee and agency registry: who works where, and who their PPK is."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.reference.models import EmployeeType, Region


class Agency(models.Model):
    """An employer of ASN with its own PPK: a ministry, an agency, or a regional government."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        AGENCY = "agency", _("Non-ministerial agency")
        SECRETARIAT = "secretariat", _("State-institution secretariat")
        PROVINCE_GOV = "province_gov", _("Provincial government")
        REGENCY_GOV = "regency_gov", _("Regency government")
        CITY_GOV = "city_gov", _("City government")

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCE = "province", _("Province")
        REGENCY = "regency", _("Regency/city")

    code = models.CharField(max_length=30, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=15, choices=Kind.choices)
    level = models.CharField(max_length=10, choices=Level.choices)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT)
    ppk_title = models.CharField(max_length=200, help_text=_("Pejabat Pembina Kepegawaian"))
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name


class PositionClass(models.TextChoices):
    JPT = "jpt", _("High leadership (JPT)")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Supervisor (pengawas)")
    FUNGSIONAL = "fungsional", _("Functional")
    PELAKSANA = "pelaksana", _("Implementer (pelaksana)")
    NON_ASN = "non_asn", _("Non-ASN staff")


class Employee(models.Model):
    nip = models.CharField(max_length=18, unique=True, null=True, blank=True)
    name = models.CharField(max_length=150)
    employee_type = models.CharField(max_length=10, choices=EmployeeType.choices)
    position_class = models.CharField(max_length=15, choices=PositionClass.choices)
    position_title = models.CharField(max_length=200)
    unit = models.CharField(max_length=200, blank=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="employees")
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["agency", "name"]
        indexes = [models.Index(fields=["agency", "name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.nip})" if self.nip else self.name
