"""Reference data: regions, elections and their phases, and the versioned violation catalogue.

Every legal fact here carries its basis, its source and how sure we are of it (``Confidence``), because
the sourced notes in shared/domain/ say plainly where the primary text was not read.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _


class Confidence(models.TextChoices):
    HIGH = "high", _("High: primary text read")
    MEDIUM = "medium", _("Medium: official statement or consistent secondary sources")
    LOW = "low", _("Low: a single or ambiguous secondary source")
    UNVERIFIED = "unverified", _("Unverified: no source read")


class Region(models.Model):
    """A Kemendagri region: province (``64``), kabupaten/kota (``64.72``) or kecamatan (``64.72.01``)."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        REGENCY = "regency", _("Regency/city")
        DISTRICT = "district", _("District (kecamatan)")

    code = models.CharField(max_length=13, primary_key=True)
    name = models.CharField(max_length=100)
    level = models.CharField(max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def province_code(self) -> str:
        return self.code[:2]

    @property
    def regency_code(self) -> str | None:
        return self.code[:5] if self.level != self.Level.PROVINCE else None

    @property
    def is_city(self) -> bool:
        return self.level == self.Level.REGENCY and self.name.startswith("Kota ")

    def contains(self, code: str) -> bool:
        """True if ``code`` is this region or lies inside it (codes are dotted prefixes)."""
        return code == self.code or code.startswith(self.code + ".")


class ElectionKind(models.TextChoices):
    PEMILU = "pemilu", _("Pemilu (national: legislative and presidential)")
    PILKADA = "pilkada", _("Pilkada (regional heads)")


class Election(models.Model):
    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=10, choices=ElectionKind.choices)
    voting_date = models.DateField()
    # Before this date the contenders are *bakal calon* (ethics rows of the SKB apply); from it on they
    # are *calon* (discipline rows). See catalogue.md §10.4.
    candidates_fixed_on = models.DateField(null=True, blank=True)
    candidates_fixed_confidence = models.CharField(
        max_length=10, choices=Confidence.choices, default=Confidence.UNVERIFIED
    )
    regulation = models.CharField(max_length=200, help_text=_("PKPU that sets the stages"))
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["voting_date"]

    def __str__(self) -> str:
        return self.name

    def phase_on(self, day: dt.date) -> ElectionPhase | None:
        return self.phases.filter(starts_on__lte=day, ends_on__gte=day).first()

    def candidate_stage_on(self, day: dt.date) -> str | None:
        """``bakal_calon`` before official determination, ``calon`` from it; None if unknown."""
        if self.candidates_fixed_on is None:
            return None
        return "calon" if day >= self.candidates_fixed_on else "bakal_calon"


class ElectionPhase(models.Model):
    class Kind(models.TextChoices):
        PRE_CAMPAIGN = "pre_campaign", _("Before the campaign (stages under way)")
        CAMPAIGN = "campaign", _("Campaign")
        QUIET = "quiet", _("Quiet period (masa tenang)")
        VOTING = "voting", _("Voting day")
        COUNTING = "counting", _("Counting and recapitulation")

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(max_length=15, choices=Kind.choices)
    starts_on = models.DateField()
    ends_on = models.DateField()
    legal_basis = models.CharField(max_length=200)
    source = models.CharField(max_length=300, blank=True)
    confidence = models.CharField(max_length=10, choices=Confidence.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["election", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["election", "kind"], name="one_phase_of_each_kind"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="phase_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.election} — {self.get_kind_display()}"


class CatalogueVersion(models.Model):
    """One published version of the violation catalogue. Never rewritten: a correction is a new version."""

    code = models.SlugField(max_length=40, unique=True)
    title = models.CharField(max_length=300)
    instrument = models.TextField()
    signed_on = models.DateField(null=True, blank=True)
    effective_from = models.DateField()
    status_note = models.TextField(blank=True)
    content_sha256 = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["effective_from"]

    def __str__(self) -> str:
        return self.code

    @classmethod
    def in_force_on(cls, day: dt.date) -> CatalogueVersion | None:
        return cls.objects.filter(effective_from__lte=day).order_by("-effective_from").first()


class EmployeeType(models.TextChoices):
    PNS = "pns", _("PNS (career civil servant)")
    PPPK = "pppk", _("PPPK (contract civil servant)")
    NON_ASN = "non_asn", _("Non-ASN government staff (honorer/PPNPN)")


class SanctionLevel(models.TextChoices):
    MORAL = "moral", _("Moral sanction (code of ethics)")
    RINGAN = "ringan", _("Light discipline")
    SEDANG = "sedang", _("Medium discipline")
    BERAT = "berat", _("Heavy discipline")
    DISMISSAL = "dismissal", _("Dismissal without honour")
    CONTRACT = "contract", _("Contract/work-agreement sanction")
    CASE_BY_CASE = "case_by_case", _("Decided case by case")


class SanctionType(models.Model):
    """A sanction the law lets a PPK impose (PP 94/2021 Pasal 8, PP 42/2004 Pasal 15, ...)."""

    code = models.CharField(max_length=24, unique=True)
    name_id = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200)
    level = models.CharField(max_length=15, choices=SanctionLevel.choices)
    legal_basis = models.CharField(max_length=300)
    applies_to_pns = models.BooleanField(default=False)
    applies_to_pppk = models.BooleanField(default=False)
    applies_to_non_asn = models.BooleanField(default=False)
    confidence = models.CharField(max_length=10, choices=Confidence.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name_id}"


class ViolationGroup(models.TextChoices):
    ETHICS = "ethics", _("Code of ethics (kode etik)")
    DISCIPLINE = "discipline", _("Discipline (disiplin)")


class ViolationType(models.Model):
    """One row of a catalogue version, e.g. KE-01 or DS-08 of the 2022 SKB."""

    class Stage(models.TextChoices):
        BAKAL_CALON = "bakal_calon", _("Before candidates are fixed (bakal calon)")
        CALON = "calon", _("After candidates are fixed (calon)")
        ANY = "any", _("Any stage")

    version = models.ForeignKey(
        CatalogueVersion, on_delete=models.PROTECT, related_name="violations"
    )
    code = models.CharField(max_length=10)
    instrument_number = models.CharField(max_length=10, help_text=_("Row number in the instrument"))
    group = models.CharField(max_length=12, choices=ViolationGroup.choices)
    level = models.CharField(max_length=15, choices=SanctionLevel.choices)
    stage = models.CharField(max_length=12, choices=Stage.choices)
    title_id = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200)
    description = models.TextField()
    violation_basis = models.CharField(max_length=300, blank=True)
    sanction_basis = models.CharField(max_length=300)
    confidence = models.CharField(max_length=10, choices=Confidence.choices)
    disputed = models.BooleanField(default=False)
    dispute_note = models.TextField(blank=True)
    sources = models.JSONField(default=list)
    allowed_sanctions = models.ManyToManyField(SanctionType, related_name="violation_types")

    class Meta:
        ordering = ["version", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "code"], name="violation_code_once_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title_id}"

    def sanctions_for(self, employee_type: str) -> models.QuerySet[SanctionType]:
        """The sanctions a PPK may pick for this violation and this kind of employee."""
        field = {
            EmployeeType.PNS: "applies_to_pns",
            EmployeeType.PPPK: "applies_to_pppk",
            EmployeeType.NON_ASN: "applies_to_non_asn",
        }[EmployeeType(employee_type)]
        return self.allowed_sanctions.filter(**{field: True})


class CriminalArticle(models.Model):
    """An election-law article that can make an ASN case also a criminal one (sent to Gakkumdu)."""

    code = models.CharField(max_length=10, unique=True)
    election_kind = models.CharField(max_length=10, choices=ElectionKind.choices)
    article = models.CharField(max_length=120)
    summary = models.TextField()
    penalty = models.CharField(max_length=200)
    confidence = models.CharField(max_length=10, choices=Confidence.choices)
    sources = models.JSONField(default=list)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.article}"


class CivilServiceAuthority(models.Model):
    """Who receives Bawaslu's ASN forwards and recommends sanctions: KASN, then BKN (deadlines.md T1-T3)."""

    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=150)
    effective_from = models.DateField(null=True, blank=True)
    effective_to = models.DateField(null=True, blank=True)
    legal_basis = models.CharField(max_length=300)
    confidence = models.CharField(max_length=10, choices=Confidence.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["effective_from"]
        verbose_name_plural = "civil-service authorities"

    def __str__(self) -> str:
        return self.code

    @classmethod
    def competent_on(cls, day: dt.date) -> CivilServiceAuthority | None:
        return (
            cls.objects.filter(
                models.Q(effective_from__isnull=True) | models.Q(effective_from__lte=day)
            )
            .filter(models.Q(effective_to__isnull=True) | models.Q(effective_to__gte=day))
            .order_by("-effective_from")
            .first()
        )


class RetentionOutcome(models.TextChoices):
    """How a case ended, for how long its reporters' personal data is kept (RetentionRule)."""

    NOT_REGISTERED = "not_registered", _("Not registered (declined at kajian awal)")
    NOT_PROVEN = "not_proven", _("Decided: no violation proven")
    PROVEN = "proven", _("Decided: a violation proven")


class RetentionRule(models.Model):
    """How long reporters' identities and evidence are kept after a case closes, per outcome.

    Loaded from ``data/retention.toml`` with its legal basis, status and confidence: UU 27/2022 asks
    that personal data be erased once its purpose is served, without a number of years, so the
    periods are Netra's default policy until Bawaslu's archive retention schedule says otherwise.
    """

    code = models.CharField(max_length=24, unique=True)
    outcome = models.CharField(max_length=20, choices=RetentionOutcome.choices, unique=True)
    months = models.PositiveSmallIntegerField()
    legal_basis = models.CharField(max_length=300)
    status = models.CharField(max_length=20)
    confidence = models.CharField(max_length=10, choices=Confidence.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["outcome"]

    def __str__(self) -> str:
        return f"{self.code}: {self.outcome}, {self.months} months"
