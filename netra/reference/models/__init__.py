"""Reference data: regions, elections and their phases, and the versioned violation catalogue.

Every legal fact here carries its basis, its source and how sure we are of it (``Confidence``), because
the sourced notes in docs/legal/ say plainly where the primary text was not read.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from .confidence import Confidence
from .kinds import NO_SANCTION_TYPE_KINDS, SANCTION_KIND_FIELDS
from .language import bilingual, catalogue_notes


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
        verbose_name = _("region")
        verbose_name_plural = _("regions")
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
    # are *calon* (discipline rows). See docs/legal/catalogue.md §10.4 (a moderate-confidence reading,
    # not from primary text); for rows that break the pattern and Pemilu 2024's separate dates per race
    # see docs/legal/catalogue-review.md F2, F3.
    candidates_fixed_on = models.DateField(null=True, blank=True)
    candidates_fixed_confidence = models.CharField(
        max_length=10, choices=Confidence.choices, default=Confidence.UNVERIFIED
    )
    # When the races of one election fix their candidates on different days (Pemilu 2024: DPR/DPD on
    # 2023-11-03, presidential pairs on 2023-11-13; catalogue-review.md F3): a list of
    # {"race", "on" (YYYY-MM-DD), "confidence", "source", "note"}. Empty: one date for every race.
    candidates_fixed_by_race = models.JSONField(default=list, blank=True)
    regulation = models.CharField(max_length=200, help_text=_("PKPU that sets the stages"))
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        ordering = ["voting_date"]

    def __str__(self) -> str:
        return self.name

    def phase_on(self, day: dt.date) -> ElectionPhase | None:
        return self.phases.filter(starts_on__lte=day, ends_on__gte=day).first()

    def race_fixed_on(self, race: str) -> dt.date | None:
        """The day this race's candidates were fixed, if the election stores one per race."""
        for row in self.candidates_fixed_by_race:
            if row.get("race") == race:
                return dt.date.fromisoformat(row["on"])
        return None

    def candidate_stages_on(self, day: dt.date, race: str = "") -> list[str]:
        """Every stage the contenders can be in on ``day``: one when the race is known or every race
        fixed its candidates on the same side of ``day``, both when the race is not known and the
        races differ (Pemilu 2024 between 3 and 12 November 2023), none when nothing is known."""
        fixed = self.race_fixed_on(race) if race else None
        if fixed is not None:
            dates = [fixed]
        elif self.candidates_fixed_by_race:
            dates = [dt.date.fromisoformat(r["on"]) for r in self.candidates_fixed_by_race]
        elif self.candidates_fixed_on is not None:
            dates = [self.candidates_fixed_on]
        else:
            return []
        stages = {"calon" if day >= d else "bakal_calon" for d in dates}
        return [s for s in ("bakal_calon", "calon") if s in stages]

    def candidate_stage_on(self, day: dt.date, race: str = "") -> str | None:
        """``bakal_calon`` before official determination, ``calon`` from it; None if unknown, or if
        the race is not known and the races of this election are in different stages that day
        (``candidate_stages_on`` then gives both)."""
        stages = self.candidate_stages_on(day, race)
        return stages[0] if len(stages) == 1 else None


# A stage (tahapan) set by the election's PKPU, with its dates: docs/legal/calendar.md §1.
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
        verbose_name = _("election phase")
        verbose_name_plural = _("election phases")
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
        verbose_name = _("catalogue version")
        verbose_name_plural = _("catalogue versions")
        ordering = ["effective_from"]

    def __str__(self) -> str:
        return self.code

    @classmethod
    def in_force_on(cls, day: dt.date) -> CatalogueVersion | None:
        return cls.objects.filter(effective_from__lte=day).order_by("-effective_from").first()


# Who is covered (docs/legal/README.md §1): PNS (PP 94/2021), PPPK (PP 49/2018), non-ASN staff
# (SE MenPAN-RB 1/2023); detail in docs/legal/catalogue.md §6.
class EmployeeType(models.TextChoices):
    PNS = "pns", _("PNS (career civil servant)")
    PPPK = "pppk", _("PPPK (contract civil servant)")
    NON_ASN = "non_asn", _("Non-ASN government staff (honorer/PPNPN)")


# Moral: PP 42/2004 Pasal 15; ringan/sedang/berat: PP 94/2021 Pasal 8; dismissal without honour:
# UU 5/2014 Pasal 87(4)c, now UU 20/2023 Pasal 52(3)j and (4) as reported; contract: PP 49/2018
# Pasal 53, SE MenPAN-RB 1/2023; case by case: DS-13. Sources: docs/legal/catalogue.md §3-§8, §10.4.
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
    # Village heads and staff answer to their own authority under UU 6/2014 (catalogue-review.md F6).
    applies_to_village_head = models.BooleanField(default=False)
    applies_to_village_staff = models.BooleanField(default=False)
    confidence = models.CharField(max_length=10, choices=Confidence.choices)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("sanction type")
        verbose_name_plural = _("sanction types")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"

    @property
    def label(self) -> str:
        """The sanction's name in the page's language."""
        return bilingual(self.name_id, self.name_en)


class ViolationGroup(models.TextChoices):
    ETHICS = "ethics", _("Code of ethics (kode etik)")
    DISCIPLINE = "discipline", _("Discipline (disiplin)")


class ViolationType(models.Model):
    """One row of a catalogue version, e.g. KE-01 or DS-08 of the 2022 SKB."""

    # The group follows the stage (docs/legal/catalogue.md §10.4); DS-03 is the exception.
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
        verbose_name = _("violation type")
        verbose_name_plural = _("violation types")
        ordering = ["version", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "code"], name="violation_code_once_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"

    @property
    def label(self) -> str:
        """The violation's title in the page's language."""
        return bilingual(self.title_id, self.title_en)

    @property
    def sanction_basis_label(self) -> str:
        """The sanction's article, its reviewers' notes in the page's language."""
        return catalogue_notes(self.sanction_basis)

    def sanctions_for(self, employee_type: str) -> models.QuerySet[SanctionType]:
        """The sanction types this row lists that exist for this kind of employee.

        The row's data only: the full rule (levels when several rows are proven, the agency-set PPPK
        forms, the position, repetition, with reasons) is ``netra.reference.sanction_rules``. Kinds
        with no sanction types here (TNI, Polri, unknown) get none.
        """
        field = SANCTION_KIND_FIELDS.get(employee_type)
        if field is None:
            if employee_type in NO_SANCTION_TYPE_KINDS:
                return self.allowed_sanctions.none()
            raise ValueError(f"Unknown kind of employee: {employee_type!r}")
        return self.allowed_sanctions.filter(**{field: True})


class CriminalArticle(models.Model):
    """An election-law article that can make an ASN case also a criminal one (sent to Gakkumdu).

    Rows PID-01…PID-11: docs/legal/catalogue.md §7.
    """

    code = models.CharField(max_length=10, unique=True)
    election_kind = models.CharField(max_length=10, choices=ElectionKind.choices)
    article = models.CharField(max_length=120)
    summary = models.TextField()
    penalty = models.CharField(max_length=200)
    confidence = models.CharField(max_length=10, choices=Confidence.choices)
    sources = models.JSONField(default=list)

    class Meta:
        verbose_name = _("criminal article")
        verbose_name_plural = _("criminal articles")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.article}"


class CivilServiceAuthority(models.Model):
    """Who receives Bawaslu's ASN forwards and recommends sanctions: KASN, then BKN.

    The recipient depends on the date (docs/legal/deadlines.md T1-T3, N7).
    """

    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=150)
    effective_from = models.DateField(null=True, blank=True)
    effective_to = models.DateField(null=True, blank=True)
    legal_basis = models.CharField(max_length=300)
    confidence = models.CharField(max_length=10, choices=Confidence.choices)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("civil-service authority")
        verbose_name_plural = _("civil-service authorities")
        ordering = ["effective_from"]

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


# Deadline rules and holiday overrides live in their own module (one idea each); re-exported here so
# ``netra.reference.models`` stays the one import path for reference models.
from .deadlines import (  # noqa: E402
    DayUnit,
    DeadlineRule,
    HolidayOverride,
    RuleStatus,
    StartEvent,
)
from .retention import RetentionOutcome, RetentionRule  # noqa: E402

__all__ = [
    "NO_SANCTION_TYPE_KINDS",
    "SANCTION_KIND_FIELDS",
    "CatalogueVersion",
    "CivilServiceAuthority",
    "Confidence",
    "CriminalArticle",
    "DayUnit",
    "DeadlineRule",
    "Election",
    "ElectionKind",
    "ElectionPhase",
    "EmployeeType",
    "HolidayOverride",
    "Region",
    "RetentionOutcome",
    "RetentionRule",
    "RuleStatus",
    "SanctionLevel",
    "SanctionType",
    "StartEvent",
    "ViolationGroup",
    "ViolationType",
]
