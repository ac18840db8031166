"""Staff accounts. Each account has one role and, where the role needs it, one jurisdiction."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
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


# The region level each Bawaslu office is bound to (UU 7/2017 pasal 89: Bawaslu, Bawaslu Provinsi,
# Bawaslu Kabupaten/Kota); Bawaslu RI is national and has none.
OFFICE_REGION_LEVEL = {
    BawasluLevel.RI: None,
    BawasluLevel.PROVINCE: Region.Level.PROVINCE,
    BawasluLevel.REGENCY: Region.Level.REGENCY,
}


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    # Bawaslu officers: the office, always chosen explicitly. "No office" once silently meant
    # Bawaslu RI (national access); now an officer without one sees nothing (permissions.py), and
    # the constraint below keeps the database from holding such an officer at all.
    office_level = models.CharField(
        _("Bawaslu office"), max_length=10, choices=BawasluLevel.choices, blank=True
    )
    # Bawaslu provinsi: a province; Bawaslu kabupaten/kota: a regency or city; RI: none.
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT
    )
    # Agency personnel officers and agency admins act for exactly one agency.
    # By label, not by import: the registry is a later layer than accounts (docs/architecture.md).
    agency = models.ForeignKey(
        "registry.Agency", verbose_name=_("agency"), null=True, blank=True, on_delete=models.PROTECT
    )
    # Printed under the signature of the letters the account issues (e.g. "Koordinator Divisi
    # Penanganan Pelanggaran").
    position_title = models.CharField(_("position"), max_length=150, blank=True, default="")

    class Meta:
        verbose_name = _("staff account")
        verbose_name_plural = _("staff accounts")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role=Role.BAWASLU_OFFICER, office_level=BawasluLevel.RI, region__isnull=True)
                    | Q(
                        role=Role.BAWASLU_OFFICER,
                        office_level__in=[BawasluLevel.PROVINCE, BawasluLevel.REGENCY],
                        region__isnull=False,
                    )
                    | (~Q(role=Role.BAWASLU_OFFICER) & Q(office_level=""))
                ),
                name="accounts_user_bawaslu_office",
                violation_error_message=_("A Bawaslu officer needs an office."),
            )
        ]

    def clean(self) -> None:
        super().clean()
        if self.role == Role.BAWASLU_OFFICER:
            self._clean_office()
        else:
            if self.office_level:
                raise ValidationError(
                    {"office_level": _("Only Bawaslu officers work for a Bawaslu office.")}
                )
            if self.region_id:
                raise ValidationError({"region": _("Only Bawaslu officers are bound to a region.")})
        if self.role in (Role.AGENCY_PERSONNEL, Role.AGENCY_ADMIN):
            if not self.agency_id:
                raise ValidationError({"agency": _("This role acts for one agency: choose it.")})
        elif self.agency_id:
            raise ValidationError({"agency": _("Only agency roles are bound to an agency.")})

    def _clean_office(self) -> None:
        if self.office_level not in OFFICE_REGION_LEVEL:
            raise ValidationError(
                {
                    "office_level": _(
                        "Choose the officer's office: Bawaslu RI, provinsi or kabupaten/kota."
                    )
                }
            )
        level = OFFICE_REGION_LEVEL[BawasluLevel(self.office_level)]
        if level is None:
            if self.region_id:
                raise ValidationError(
                    {"region": _("Bawaslu RI is national: leave the region empty.")}
                )
        elif self.region is None:
            raise ValidationError({"region": _("Choose the region of this Bawaslu office.")})
        elif self.region.level != level:
            raise ValidationError(
                {
                    "region": _("%(office)s is bound to a %(level)s; %(region)s is a %(actual)s.")
                    % {
                        "office": BawasluLevel(self.office_level).label,
                        "level": Region.Level(level).label.lower(),
                        "region": self.region.name,
                        "actual": Region.Level(self.region.level).label.lower(),
                    }
                }
            )

    @property
    def bawaslu_level(self) -> str | None:
        if self.role != Role.BAWASLU_OFFICER or not self.office_level:
            return None
        return BawasluLevel(self.office_level)

    @property
    def office_name(self) -> str:
        """The office the account works for, as shown in the page header."""
        if self.role == Role.BAWASLU_OFFICER:
            if self.office_level == BawasluLevel.RI:
                return "Bawaslu RI"
            return f"Bawaslu {self.region.name}" if self.region else "Bawaslu"
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
