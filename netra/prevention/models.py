"""Prevention: integrity pacts every employee signs, and socialization events (hall, online or both)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.reference.models import Election
from netra.registry.models import Agency, Employee


class IntegrityPact(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="pacts")
    election = models.ForeignKey(Election, on_delete=models.PROTECT)
    title = models.CharField(max_length=200)
    body = models.TextField()
    opens_on = models.DateField()
    closes_on = models.DateField()

    def __str__(self) -> str:
        return self.title


class PactSignature(models.Model):
    pact = models.ForeignKey(IntegrityPact, on_delete=models.CASCADE, related_name="signatures")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT)
    signed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pact", "employee"], name="one_signature_per_employee")
        ]


class SocializationEvent(models.Model):
    class Mode(models.TextChoices):
        HALL = "hall", _("In the hall")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hall and online")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="events")
    election = models.ForeignKey(Election, on_delete=models.PROTECT)
    title = models.CharField(max_length=200)
    mode = models.CharField(max_length=10, choices=Mode.choices)
    starts_at = models.DateTimeField()
    venue = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.title


class EventAttendance(models.Model):
    event = models.ForeignKey(
        SocializationEvent, on_delete=models.CASCADE, related_name="attendance"
    )
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT)
    online = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "employee"], name="attend_once_per_event")
        ]
