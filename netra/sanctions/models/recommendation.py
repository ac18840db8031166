"""The authority's recommendation to an agency's PPK, one per proven reported person."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.cases.models import Case, IssuedDocument, ReportedPerson
from netra.reference.models import (
    CatalogueVersion,
    CivilServiceAuthority,
    SanctionLevel,
    SanctionType,
    ViolationGroup,
    ViolationType,
)
from netra.registry.models import Agency


class Route(models.TextChoices):
    """PNS and PPPK get a PP 94/2021 or PP 42/2004 sanction from their PPK; non-ASN staff, village
    heads and village staff are referred by letter to the authority that employs them (SE MenPAN-RB
    1/2023; UU 6/2014 Pasal 29-30, 51-52: docs/legal/catalogue-review.md F6)."""

    SANCTION = "sanction", _("Sanction by the agency's PPK")
    OWN_AUTHORITY = "own_authority", _("Referred to the person's own authority")


class Recommendation(models.Model):
    class Status(models.TextChoices):
        ISSUED = "issued", _("Issued, awaiting the PPK")
        FOLLOWED_UP = "followed_up", _("Sanction imposed")
        CONTESTED = "contested", _("Contested by the PPK")
        ESCALATED = "escalated", _("Escalated: PPK did not act")
        REFERRED = "referred", _("Referred to the person's own authority")
        WITHDRAWN = "withdrawn", _("Withdrawn by the authority after a contest")

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("case")
    )
    reported_person = models.OneToOneField(
        ReportedPerson, on_delete=models.PROTECT, verbose_name=_("reported person")
    )
    authority = models.ForeignKey(
        CivilServiceAuthority, on_delete=models.PROTECT, verbose_name=_("authority")
    )
    # Whom the PPK reports to about this file. The issuing authority, except files KASN had
    # processed before 2024-09-04: those report to MenPAN-RB (SE MenPAN-RB 4/2024; deadlines.md T3).
    report_to = models.ForeignKey(
        CivilServiceAuthority,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reports to"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("agency")
    )
    number = models.CharField(_("number"), max_length=60, unique=True)
    issued_on = models.DateField(_("issued on"))
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    catalogue_version = models.ForeignKey(CatalogueVersion, on_delete=models.PROTECT)
    violation_types = models.ManyToManyField(ViolationType, blank=True, related_name="+")
    # The person as the recommendation saw them: the allowed sanctions depend on these
    # (docs/legal/catalogue-review.md F4, F5) and the registry may change later.
    employee_kind = models.CharField(_("kind of employee"), max_length=15, blank=True, default="")
    position_class = models.CharField(_("position class"), max_length=15, blank=True, default="")
    earlier_proven = models.PositiveSmallIntegerField(_("earlier proven violations"), default=0)
    route = models.CharField(max_length=15, choices=Route.choices, default=Route.SANCTION)
    group = models.CharField(
        _("group"), max_length=12, choices=ViolationGroup.choices, blank=True, default=""
    )
    recommended_level = models.CharField(
        _("recommended level"), max_length=15, choices=SanctionLevel.choices
    )
    recommended_sanction = models.ForeignKey(
        SanctionType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recommended sanction"),
    )
    reasoning = models.TextField(_("reasoning"), blank=True, default="")
    letter = models.ForeignKey(
        IssuedDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.ISSUED
    )
    # The PPK's time to act: no statutory number exists, so it is rule A2's configured value
    # (netra/reference/data/deadlines.toml) counted from issued_on; the rule code is kept.
    due_on = models.DateField(_("due on"), null=True, blank=True)
    deadline_rule = models.CharField(max_length=10, blank=True, default="")
    overdue_since = models.DateField(null=True, blank=True)
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_on"]
        indexes = [
            models.Index(fields=["agency", "status", "due_on"], name="rec_agency_status_due"),
            models.Index(fields=["status", "due_on"], name="rec_status_due"),
            # One agency's recommendations by due date (the compliance page's list by outcome).
            models.Index(fields=["agency", "due_on", "id"], name="rec_agency_due"),
            # The authority's inbox: the recommendations it follows up (``report_to``, or the issuer
            # for rows without one), by status, most urgent first; a BitmapOr of the two.
            models.Index(fields=["authority", "status", "due_on"], name="rec_authority_status_due"),
            models.Index(fields=["report_to", "status", "due_on"], name="rec_report_to_status_due"),
        ]

    def __str__(self) -> str:
        return self.number

    # A case closes when every recommendation on it is settled (issue 16, "closing the loop").
    SETTLED = (Status.FOLLOWED_UP, Status.REFERRED, Status.WITHDRAWN)

    @property
    def is_settled(self) -> bool:
        return self.status in self.SETTLED
