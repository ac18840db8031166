"""Prevention: integrity pacts employees sign, socialization events (hall, online or both) with their
attendance, and the self-check quiz after an event.

Employees are not Netra users: they identify themselves with their NIP plus a second factor (a code
by e-mail or on paper) to sign a pact, and with their NIP plus the code of the door or the session to
check in. Public URLs carry a random ``code``, never a database id.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netra.reference.models import Election
from netra.registry.models import Agency, Employee, PositionClass

# Leaders sign first when the agency wants it: PIMTI pratama and heads of technical units (BRIEF.md,
# "Prevention"), i.e. the high-leadership and administrator classes.
LEADER_CLASSES = (PositionClass.JPT, PositionClass.ADMINISTRATOR)
# Coverage counters are spread over this many rows per (pact, unit, region) so that people signing in
# the same unit at once rarely queue on one row lock; reads sum them, so not more than needed (each
# server worker holds at most one such lock at a time; docs/prevention.md, "Coverage").
TALLY_SLOTS = 4


def new_code() -> str:
    return secrets.token_urlsafe(9)


def new_secret() -> str:
    return secrets.token_hex(16)


def material_path(instance: EventMaterial, filename: str) -> str:
    # Random names only: the uploaded name is kept in the row, never on disk (like evidence).
    return f"prevention/materials/{secrets.token_hex(16)}.{instance.extension}"


class PactStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    LEADERS = "leaders", _("Open to leaders first")
    OPEN = "open", _("Open for signing")
    CLOSED = "closed", _("Closed")


class SecondFactor(models.TextChoices):
    EMAIL = "email", _("One-time code by e-mail")
    PAPER = "paper", _("Code on paper, handed out at an event")


class PactTemplate(models.Model):
    """An agency's editable pact text. ``{instansi}``, ``{pemilihan}`` and ``{tahun}`` are filled in
    when a pact is published (plain replacement: the text is never run as a template)."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="pact_template")
    title = models.CharField(max_length=200)
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )


class IntegrityPact(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="pacts")
    election = models.ForeignKey(Election, on_delete=models.PROTECT)
    title = models.CharField(max_length=200)
    body = models.TextField()
    opens_on = models.DateField()
    closes_on = models.DateField()
    code = models.CharField(max_length=16, unique=True, default=new_code)
    status = models.CharField(max_length=10, choices=PactStatus.choices, default=PactStatus.DRAFT)
    second_factor = models.CharField(
        max_length=10, choices=SecondFactor.choices, default=SecondFactor.EMAIL
    )
    leaders_first = models.BooleanField(default=False)
    # Who must sign: the agency's active employees in these units and position classes (empty: all).
    units = models.JSONField(default=list, blank=True)
    position_classes = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # When ``required`` in the tallies was last counted from the registry, and how many of the
    # agency's active employees were outside the set then ("not required").
    counted_at = models.DateTimeField(null=True, blank=True)
    not_required = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-opens_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def scope_q(self, prefix: str = "") -> Q:
        """Employees who must sign (``prefix`` ``"employee__"`` filters rows that point to one)."""
        q = Q(**{f"{prefix}agency_id": self.agency_id, f"{prefix}is_active": True})
        if self.units:
            q &= Q(**{f"{prefix}unit__in": self.units})
        if self.position_classes:
            q &= Q(**{f"{prefix}position_class__in": self.position_classes})
        return q

    def requires(self, employee: Employee) -> bool:
        return (
            employee.agency_id == self.agency_id
            and employee.is_active
            and (not self.units or employee.unit in self.units)
            and (not self.position_classes or employee.position_class in self.position_classes)
        )


class PactTally(models.Model):
    """Coverage counters of one pact per unit and region (the employee's, else the agency's):
    ``required`` is counted from the registry (slot 0 only), ``signed`` grows with each signature in
    the slot of the signer (employee id modulo TALLY_SLOTS)."""

    pact = models.ForeignKey(IntegrityPact, on_delete=models.CASCADE, related_name="tallies")
    unit = models.CharField(max_length=200)
    region_code = models.CharField(max_length=13, blank=True)
    slot = models.PositiveSmallIntegerField(default=0)
    required = models.PositiveIntegerField(default=0)
    signed = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pact", "unit", "region_code", "slot"], name="one_tally_per_slot"
            )
        ]


class SigningSession(models.Model):
    """A signing session at an event: a screen shows a QR code that changes every minute."""

    pact = models.ForeignKey(IntegrityPact, on_delete=models.CASCADE, related_name="sessions")
    event = models.ForeignKey(
        "SocializationEvent", null=True, blank=True, on_delete=models.SET_NULL
    )
    secret = models.CharField(max_length=32, default=new_secret)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    closes_at = models.DateTimeField()


class PactSignature(models.Model):
    # No index of their own: (pact, employee) below serves both, and every index costs each signature.
    pact = models.ForeignKey(
        IntegrityPact, on_delete=models.CASCADE, related_name="signatures", db_index=False
    )
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, db_index=False)
    signed_at = models.DateTimeField()
    # As they were when signing: the signed PDF and the verification page show these.
    signer_name = models.CharField(max_length=150, blank=True)
    unit = models.CharField(max_length=200, blank=True)
    region_code = models.CharField(max_length=13, blank=True)
    method = models.CharField(max_length=10, choices=SecondFactor.choices, blank=True)
    session = models.ForeignKey(
        SigningSession, null=True, blank=True, on_delete=models.SET_NULL, db_index=False
    )
    # The public verification page (/pakta/cek/<token>/), printed as a QR code on the signed PDF.
    token = models.CharField(max_length=32, unique=True, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pact", "employee"], name="one_signature_per_employee")
        ]


class PactCode(models.Model):
    """A second factor for one employee and pact: stored as an HMAC only; the e-mailed code expires,
    the paper code lasts until the pact closes. Wrong tries are counted; too many lock it."""

    pact = models.ForeignKey(IntegrityPact, on_delete=models.CASCADE, related_name="codes")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=SecondFactor.choices)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    failures = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pact", "employee", "kind"], name="one_code_per_kind")
        ]


class EmployeeEmail(models.Model):
    """An employee's official e-mail address, uploaded by the agency admin (NIP, e-mail) for the
    e-mailed codes and the reminders. The registry's import files carry no address."""

    employee = models.OneToOneField(Employee, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    updated_at = models.DateTimeField(auto_now=True)


class PactReminder(models.Model):
    pact = models.ForeignKey(IntegrityPact, on_delete=models.CASCADE, related_name="reminders")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    sent = models.PositiveIntegerField(default=0)
    without_address = models.PositiveIntegerField(default=0)


class OrganiserKind(models.TextChoices):
    AGENCY = "agency", _("The agency itself")
    BAWASLU = "bawaslu", _("Bawaslu")
    KPU = "kpu", _("KPU")
    KESBANGPOL = "kesbangpol", _("Kesbangpol")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    CLOSED = "closed", _("Closed, report final")
    CANCELLED = "cancelled", _("Cancelled")


class SocializationEvent(models.Model):
    class Mode(models.TextChoices):
        HALL = "hall", _("In the hall")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hall and online")

    # The agency whose admin runs the event in Netra; ``organisers`` names who holds it.
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="events")
    election = models.ForeignKey(Election, on_delete=models.PROTECT)
    title = models.CharField(max_length=200)
    mode = models.CharField(max_length=10, choices=Mode.choices)
    starts_at = models.DateTimeField()
    venue = models.CharField(max_length=200, blank=True)
    code = models.CharField(max_length=16, unique=True, default=new_code)
    status = models.CharField(max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT)
    ends_at = models.DateTimeField(null=True, blank=True)
    description = models.TextField(blank=True)
    organisers = models.JSONField(default=list, blank=True)  # [{"kind": "kpu", "name": "…"}]
    speakers = models.JSONField(default=list, blank=True)  # [{"name": "…", "role": "…"}]
    moderator = models.CharField(max_length=150, blank=True)
    meeting_url = models.URLField(max_length=500, blank=True)
    door_secret = models.CharField(max_length=32, default=new_secret)
    online_secret = models.CharField(max_length=32, default=new_secret)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def in_hall(self) -> bool:
        return self.mode in (self.Mode.HALL, self.Mode.HYBRID)

    @property
    def online(self) -> bool:
        return self.mode in (self.Mode.ONLINE, self.Mode.HYBRID)


class EventInvitation(models.Model):
    """Who is invited: an agency, optionally narrowed to a unit and a position class."""

    event = models.ForeignKey(SocializationEvent, on_delete=models.CASCADE, related_name="invites")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    unit = models.CharField(max_length=200, blank=True)
    position_class = models.CharField(max_length=15, choices=PositionClass.choices, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "agency", "unit", "position_class"], name="invite_once"
            )
        ]

    def q(self, prefix: str = "") -> Q:
        q = Q(**{f"{prefix}agency_id": self.agency_id})
        if self.unit:
            q &= Q(**{f"{prefix}unit": self.unit})
        if self.position_class:
            q &= Q(**{f"{prefix}position_class": self.position_class})
        return q


class EventMaterial(models.Model):
    """Slides or a PDF (checked by content), or a link (to the guide, a recording)."""

    event = models.ForeignKey(
        SocializationEvent, on_delete=models.CASCADE, related_name="materials"
    )
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=material_path, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    extension = models.CharField(max_length=5, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    url = models.URLField(max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)


class AttendanceMethod(models.TextChoices):
    DOOR = "door", _("QR code at the door, own phone")
    KIOSK = "kiosk", _("QR code at the door, kiosk")
    ONLINE = "online", _("Online, with the session code")


class EventAttendance(models.Model):
    event = models.ForeignKey(
        SocializationEvent, on_delete=models.CASCADE, related_name="attendance"
    )
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT)
    online = models.BooleanField(default=False)
    joined_at = models.DateTimeField(default=timezone.now)
    method = models.CharField(max_length=10, choices=AttendanceMethod.choices, blank=True)
    # The employee's agency and unit when they came: attendance per agency stays as it was.
    agency = models.ForeignKey(Agency, null=True, on_delete=models.PROTECT, related_name="+")
    unit = models.CharField(max_length=200, blank=True)
    invited = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "employee"], name="attend_once_per_event")
        ]


class QuizAttempt(models.Model):
    """One attendee's self-check after an event: questions drawn from the guide, answers kept with
    the guide version, so the explanation shown later is the one they were scored against."""

    event = models.ForeignKey(SocializationEvent, on_delete=models.CASCADE, related_name="quiz")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    guide_version = models.CharField(max_length=40)
    answers = models.JSONField(default=list)  # [{"key": …, "chosen": …, "correct": …}]
    score = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()
    submitted_at = models.DateTimeField(default=timezone.now)
    token = models.CharField(max_length=32, unique=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "employee"], name="one_quiz_per_attendee")
        ]
