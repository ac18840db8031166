"""What the public (or a supervisor on patrol) submits: the report itself, tied to the case it feeds."""

from django.db import models

from netra.cases.models import Case, Origin
from netra.reference.models import Election, Region


class Report(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="reports")
    # Unguessable receipt the reporter follows the report with; never shown to officers.
    receipt_code = models.CharField(max_length=16, unique=True)
    kind = models.CharField(max_length=20, choices=Origin.choices)
    election = models.ForeignKey(Election, on_delete=models.PROTECT)
    submitted_at = models.DateTimeField()
    incident_date = models.DateField()
    incident_region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    description = models.TextField()
    is_anonymous = models.BooleanField(default=True)
    # What officers see instead of the reporter's name (identity is protected by default).
    reporter_pseudonym = models.CharField(max_length=40)

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"Report to {self.case.code}"
