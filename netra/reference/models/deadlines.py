"""Deadline rules and the holiday overrides of the working-day calendar: reference data shared by every
stage that counts time (the reporting window at intake, case handling, and the civil-service side).

Loaded from ``data/deadlines.toml`` (docs/legal/deadlines.md §1A-1C) by ``load_reference``; the
counting itself is in ``netra/reference/calendar.py``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .confidence import Confidence
from .language import bilingual


class DayUnit(models.TextChoices):
    WORKING_DAY = "working_day", _("working days")
    CALENDAR_DAY = "calendar_day", _("calendar days")
    HOUR = "hour", _("hours")
    OFFICE_HOURS = "office_hours", _("office hours")


class StartEvent(models.TextChoices):
    KNOWN = "known", _("the event became known")
    DISCOVERED = "discovered", _("the violation was discovered")
    RECEIVED = "received", _("the report was received")
    REGISTERED = "registered", _("the report was registered")
    KAJIAN_END = "kajian_end", _("the initial review ended")
    NOTICE = "notice", _("the completeness notice")
    DECIDED = "decided", _("the plenary decision")
    FORWARDED = "forwarded", _("forwarding to the authority")
    RECOMMENDATION_RECEIVED = "recommendation_received", _("the recommendation was received")
    NONE = "", _("—")


class RuleStatus(models.TextChoices):
    IN_FORCE = "in_force", _("Statutory, value and unit sourced")
    UNIT_UNVERIFIED = "unit_unverified", _("Statutory value; the unit is our reading (unverified)")
    UNVERIFIED = "unverified", _("No value found: not applied")
    NO_STATUTORY_BASIS = "no_statutory_basis", _("Service level: no statutory basis")
    NO_DAY_COUNT = "no_day_count", _("A rule without a day count")


class DeadlineRule(models.Model):
    """One time limit of the law (or a service level where the law has none), as data.

    Loaded from ``data/deadlines.toml`` (docs/legal/deadlines.md §1A-1C). ``statuses`` are the case statuses
    during which the rule is the case's running deadline; ``condition`` narrows it to cases that
    needed more information (``more_info``) or that also touch criminal election law (``crime``).
    """

    class Origin(models.TextChoices):
        ANY = "any", _("Any report or finding")
        PUBLIC = "public", _("Laporan or informasi awal")
        TEMUAN = "temuan", _("Temuan")

    class Condition(models.TextChoices):
        NONE = "", _("Always")
        MORE_INFO = "more_info", _("More information was needed")
        CRIME = "crime", _("Also an election crime (Gakkumdu)")

    code = models.CharField(max_length=10, unique=True)
    election_kind = models.CharField(
        max_length=10, help_text=_("pemilu, pilkada, or any (the civil-service side)")
    )
    step = models.CharField(max_length=30)
    title = models.CharField(max_length=200)
    title_id = models.CharField(max_length=200, blank=True, default="")
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.ANY)
    condition = models.CharField(
        max_length=10, choices=Condition.choices, default=Condition.NONE, blank=True
    )
    statuses = models.JSONField(default=list, blank=True)
    value = models.PositiveIntegerField(null=True, blank=True)
    unit = models.CharField(max_length=15, choices=DayUnit.choices, blank=True)
    start_event = models.CharField(max_length=30, choices=StartEvent.choices, blank=True)
    legal_basis = models.CharField(max_length=300, blank=True)
    sources = models.JSONField(default=list, blank=True)
    confidence = models.CharField(max_length=10, choices=Confidence.choices)
    status = models.CharField(max_length=20, choices=RuleStatus.choices)
    effective_from = models.DateField(null=True, blank=True)
    effective_to = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["election_kind", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def label(self) -> str:
        """The rule's title in the page's language (Bahasa Indonesia first)."""
        return bilingual(self.title_id, self.title)

    @property
    def is_statutory(self) -> bool:
        return self.status in (RuleStatus.IN_FORCE, RuleStatus.UNIT_UNVERIFIED)

    def in_force_on(self, day: dt.date) -> bool:
        return (self.effective_from is None or self.effective_from <= day) and (
            self.effective_to is None or day <= self.effective_to
        )


class HolidayOverride(models.Model):
    """A late decree the ``holidays`` package does not know yet: an extra non-working day (an
    election-day Keppres, a new cuti bersama) or a day that is a working day after all."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Extra holiday (not a working day)")
        WORKING_DAY = "working_day", _("Removed holiday (a working day)")

    date = models.DateField(unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    name = models.CharField(max_length=200)
    source = models.CharField(max_length=300, help_text=_("The decree (SKB, Keppres) and a link"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"
