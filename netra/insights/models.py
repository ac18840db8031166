"""What the transparency page reads: the published (already suppressed) aggregates of each election
and region, the state of their refresh, and the reference figures of earlier elections.

The public never reads cases: a refresh (``publish.refresh_election``, run by the task worker when
cases change) counts them, suppresses small cells and writes one ``PublishedScope`` row per region
that has anything to show. See docs/insights.md.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.reference.models import Confidence, Election


class PublishedScope(models.Model):
    """The public figures of one election in one region (``""`` national, ``64`` a province, ``64.72``
    a kabupaten/kota): every number already past the small-cell suppression, ``None`` where hidden.

    ``payload`` = {"cells": {measure: {dimension: {value: n | None}}}, "children": {code: {measure:
    n | None}}}; ``headline`` repeats the totals ({measure: n | None}) for the trend across elections.
    """

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=13, blank=True)
    parent_code = models.CharField(max_length=13, blank=True)
    headline = models.JSONField(default=dict)
    payload = models.JSONField(default=dict)
    generated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["election", "code"], name="one_published_scope")
        ]

    def __str__(self) -> str:
        return f"{self.election_id}/{self.code or 'national'}"


class Refresh(models.Model):
    """The last refresh of one election's public figures: when its data was read, how long it took,
    and how many cells it published and hid."""

    election = models.OneToOneField(Election, on_delete=models.CASCADE, related_name="+")
    # When the refresh read the data: a change committed before this moment is in the figures.
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    count_ms = models.PositiveIntegerField(default=0)
    suppress_ms = models.PositiveIntegerField(default=0)
    write_ms = models.PositiveIntegerField(default=0)
    cells = models.PositiveIntegerField(default=0)
    hidden = models.PositiveIntegerField(default=0)
    threshold = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.election_id} @ {self.started_at:%Y-%m-%d %H:%M:%S}"


class ReferenceFigure(models.Model):
    """A national figure an institution stated in public for an earlier election, with its source
    (data/reference_figures.toml; docs/legal/README.md §6). Shown beside Netra's counts, never
    mixed with them."""

    class Measure(models.TextChoices):
        REPORTS = "reports", _("Reports received")
        CASES = "cases", _("Cases registered")
        PROVEN = "proven", _("Proven violations")
        RECOMMENDATIONS = "recommendations", _("Sanction recommendations")
        SANCTIONS = "sanctions", _("Sanctions imposed")

    code = models.SlugField(max_length=60, unique=True)
    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="+")
    measure = models.CharField(max_length=20, choices=Measure.choices)
    value = models.PositiveIntegerField()
    counts_id = models.CharField(max_length=300)
    counts_en = models.CharField(max_length=300)
    source = models.CharField(max_length=300)
    url = models.URLField(max_length=500, blank=True)
    stated_on = models.DateField(null=True, blank=True)
    confidence = models.CharField(max_length=10, choices=Confidence.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["election__voting_date", "measure", "code"]

    def __str__(self) -> str:
        return f"{self.code} = {self.value}"
