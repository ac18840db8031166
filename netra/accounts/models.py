"""Staff accounts. Each account has one role and, where the role needs it, one jurisdiction."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.reference.models import Region
from netra.registry.models import Agency


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
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT)

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
