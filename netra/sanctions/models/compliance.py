"""The authority-wide compliance figures, counted ahead (netra/sanctions/compliance_summary_table.py).

Counting 200,000 recommendations with their decrees and contests per agency takes about 400 ms on
PostgreSQL (bench/sanctions.py), over the page's 100 ms budget; these tables hold the same figures
per election and agency as of a date, recounted by the task worker after changes and every hour.
"""

from django.db import models

from netra.reference.models import Election
from netra.registry.models import Agency


class ComplianceTally(models.Model):
    """The figures of netra/sanctions/compliance.py for one election and agency, as of a date."""

    as_of = models.DateField()
    counted_at = models.DateTimeField()
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    received = models.PositiveIntegerField(default=0)
    in_time = models.PositiveIntegerField(default=0)
    late = models.PositiveIntegerField(default=0)
    referred = models.PositiveIntegerField(default=0)
    withdrawn = models.PositiveIntegerField(default=0)
    contested = models.PositiveIntegerField(default=0)
    ignored = models.PositiveIntegerField(default=0)
    open = models.PositiveIntegerField(default=0)
    same = models.PositiveIntegerField(default=0)
    lighter = models.PositiveIntegerField(default=0)
    heavier = models.PositiveIntegerField(default=0)
    not_comparable = models.PositiveIntegerField(default=0)
    flagged = models.PositiveIntegerField(default=0)
    # Medians of days to act: this election's, and the agency's over every election (the same
    # in each of the agency's rows), so the table per agency needs no day counts.
    median_days = models.FloatField(null=True)
    agency_median_days = models.FloatField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["election", "agency"], name="compliance_tally_unique")
        ]


class ComplianceDays(models.Model):
    """How many decrees of one election and agency came ``days`` after their recommendation: the
    median of any group of agencies or elections is read from these counts."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    days = models.IntegerField()
    n = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["election", "agency", "days"], name="compliance_days_key")]
