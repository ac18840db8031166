"""A case: one event, one or more reports about it, one or more reported persons, handled by Bawaslu."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.reference.models import (
    CatalogueVersion,
    CriminalArticle,
    Election,
    EmployeeType,
    Region,
    ViolationType,
)
from netra.registry.models import Agency, Employee


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    INITIAL_REVIEW = "initial_review", _("Initial review (kajian awal)")
    NOT_REGISTERED = "not_registered", _("Not registered")
    REGISTERED = "registered", _("Registered")
    CLARIFICATION = "clarification", _("Clarification (klarifikasi)")
    DECIDED = "decided", _("Decided (pleno)")
    FORWARDED = "forwarded", _("Forwarded to the civil-service authority")
    CLOSED = "closed", _("Closed")


class Origin(models.TextChoices):
    LAPORAN = "laporan", _("Laporan (identified report)")
    INFORMASI_AWAL = "informasi_awal", _("Informasi awal (anonymous or incomplete)")
    TEMUAN = "temuan", _("Temuan (supervisors' own finding)")


class HandlingLevel(models.TextChoices):
    RI = "ri", _("Bawaslu RI")
    PROVINCE = "province", _("Bawaslu provinsi")
    REGENCY = "regency", _("Bawaslu kabupaten/kota")


class PersonCategory(models.TextChoices):
    PNS = EmployeeType.PNS.value, _("PNS")
    PPPK = EmployeeType.PPPK.value, _("PPPK")
    NON_ASN = EmployeeType.NON_ASN.value, _("Non-ASN staff")
    # Supervised by Bawaslu under election law but not ASN; their sanction path differs (BRIEF.md).
    VILLAGE_HEAD = "village_head", _("Village head (kepala desa)")
    VILLAGE_STAFF = "village_staff", _("Village staff (perangkat desa)")
    TNI = "tni", _("TNI member")
    POLRI = "polri", _("Polri member")
    UNKNOWN = "unknown", _("Not known")


class Case(models.Model):
    code = models.CharField(max_length=24, unique=True)
    election = models.ForeignKey(Election, on_delete=models.PROTECT)
    status = models.CharField(
        max_length=20, choices=CaseStatus.choices, default=CaseStatus.RECEIVED
    )
    origin = models.CharField(max_length=20, choices=Origin.choices)
    handling_level = models.CharField(max_length=10, choices=HandlingLevel.choices)
    # Region code of the handling Bawaslu office: "" for RI, "64" for a province, "64.72" for a
    # kabupaten/kota. Officers are scoped by it (netra/accounts/permissions.py).
    jurisdiction_code = models.CharField(max_length=5, blank=True, db_index=True)
    incident_region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    incident_date = models.DateField()
    known_on = models.DateField(help_text=_("When the event became known or was discovered"))
    summary = models.TextField()
    received_at = models.DateTimeField()
    registered_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    forwarded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True, help_text=_("The next statutory deadline"))

    class Meta:
        ordering = ["due_on", "received_at"]
        indexes = [models.Index(fields=["jurisdiction_code", "status", "due_on"])]

    def __str__(self) -> str:
        return self.code


class ReportedPerson(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reported_persons")
    employee = models.ForeignKey(Employee, null=True, blank=True, on_delete=models.SET_NULL)
    name = models.CharField(max_length=150)
    nip = models.CharField(max_length=18, blank=True)
    position_title = models.CharField(max_length=200, blank=True)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT)
    category = models.CharField(max_length=15, choices=PersonCategory.choices)

    def __str__(self) -> str:
        return self.name


class CaseEvent(models.Model):
    """One step on the case timeline: a status change, with who, when and why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    from_status = models.CharField(max_length=20, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=CaseStatus.choices)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]


class Decision(models.Model):
    """The plenary decision for one reported person (pleno), under the catalogue version it used."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="decisions")
    reported_person = models.OneToOneField(ReportedPerson, on_delete=models.CASCADE)
    proven = models.BooleanField()
    catalogue_version = models.ForeignKey(CatalogueVersion, on_delete=models.PROTECT)
    violation_types = models.ManyToManyField(ViolationType, blank=True)
    # Also an election crime (e.g. UU 7/2017 Pasal 494): goes to Gakkumdu as well.
    criminal_articles = models.ManyToManyField(CriminalArticle, blank=True)
    decided_on = models.DateField()
    reasoning = models.TextField(blank=True)
