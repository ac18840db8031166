"""Staff accounts. Each account has one role and, where the role needs it, one jurisdiction."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.reference.models import Region


class Role(models.TextChoices):
    BAWASLU_OFFICER = "bawaslu_officer", _("Bawaslu officer")
    AUTHORITY_ANALYST = "authority_analyst", _("Civil-service authority analyst (BKN)")
    AGENCY_PERSONNEL = "agency_personnel", _("Agency personnel officer (PPK/BKPSDM)")
    AGENCY_ADMIN = "agency_admin", _("Agency admin (pacts and events)")
    SYSTEM_ADMIN = "system_admin", _("System admin")


class BawasluLevel(models.TextChoices):
    RI = "ri", _("Bawaslu RI")
    PROVINCE = "province", _("Bawaslu provinsi")
    REGENCY = "regency", _("Bawaslu kabupaten/kota")


class User(AbstractUser):
    role = models.CharField(max_length=20, choices=Role.choices, blank=True)
    # Bawaslu officers: no region = Bawaslu RI; a province or a kabupaten/kota otherwise.
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT)
    # Agency personnel officers and agency admins act for exactly one agency.
    # By label, not by import: the registry is a later layer than accounts (docs/architecture.md).
    agency = models.ForeignKey("registry.Agency", null=True, blank=True, on_delete=models.PROTECT)
    # Printed under the signature of the letters the account issues (e.g. "Koordinator Divisi
    # Penanganan Pelanggaran").
    position_title = models.CharField(max_length=150, blank=True, default="")

    def clean(self) -> None:
        super().clean()
        if self.role == Role.BAWASLU_OFFICER:
            if self.region and self.region.level == Region.Level.DISTRICT:
                raise ValidationError(
                    {
                        "region": _(
                            "Bawaslu offices exist for provinces and regencies, not districts."
                        )
                    }
                )
        elif self.region_id:
            raise ValidationError({"region": _("Only Bawaslu officers are bound to a region.")})
        if self.role in (Role.AGENCY_PERSONNEL, Role.AGENCY_ADMIN):
            if not self.agency_id:
                raise ValidationError({"agency": _("This role acts for one agency: choose it.")})
        elif self.agency_id:
            raise ValidationError({"agency": _("Only agency roles are bound to an agency.")})

    @property
    def bawaslu_level(self) -> str | None:
        if self.role != Role.BAWASLU_OFFICER:
            return None
        if self.region is None:
            return BawasluLevel.RI
        if self.region.level == Region.Level.PROVINCE:
            return BawasluLevel.PROVINCE
        return BawasluLevel.REGENCY

    @property
    def office_name(self) -> str:
        """The office the account works for, as shown in the page header."""
        if self.role == Role.BAWASLU_OFFICER:
            return f"Bawaslu {self.region.name}" if self.region else "Bawaslu RI"
        if self.role == Role.AUTHORITY_ANALYST:
            return "Badan Kepegawaian Negara"
        if self.agency:
            return self.agency.name
        return "Netra"


class ApiToken(models.Model):
    """A bearer token for the staff API. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8)
    key_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
