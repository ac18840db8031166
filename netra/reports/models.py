"""What the public (or a supervisor on patrol) submits: the report itself, tied to the case it feeds,
its evidence, the two-way thread with the handling officer, and the guarded reveal of the reporter.

Confidentiality by design: the receipt code is kept only as an HMAC (``receipts.py``), the reporter's
identity only as a Fernet token whose key is not in the database (``identity.py``), and officers see a
pseudonym unless a second officer approves a reasoned request (``IdentityReveal``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netra.cases.models import Case, Origin
from netra.reference.models import Election, Region


class Report(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="reports")
    # HMAC-SHA256 of the 16-digit receipt code (receipts.py); the code itself is never stored.
    receipt_digest = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=20, choices=Origin.choices)
    # Why the report is this kind (rules.KIND_REASONS codes), shown to the reporter and officers.
    kind_reasons = models.JSONField(default=list, blank=True)
    election = models.ForeignKey(Election, on_delete=models.PROTECT)
    submitted_at = models.DateTimeField()
    incident_date = models.DateField()
    # When the event became known to the reporter (or was discovered, for a temuan): the reporting
    # window runs from here (UU 7/2017 Pasal 454(6); UU 10/2016 Pasal 134(4)).
    known_on = models.DateField()
    incident_region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    description = models.TextField()
    is_anonymous = models.BooleanField(default=True)
    # What officers see instead of the reporter's name (identity is protected by default).
    reporter_pseudonym = models.CharField(max_length=40)
    # Fernet token of the reporter's identity (name, NIK, address, phone, email); "" if anonymous.
    sealed_identity = models.TextField(blank=True)
    # When the retention job removed the sealed identity (UU 27/2022; netra/reports/retention.py).
    identity_removed_at = models.DateTimeField(null=True, blank=True)
    # The officer who recorded a temuan; None for public reports.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"Report to {self.case.code}"


def evidence_path(instance: Evidence, filename: str) -> str:
    # Random names under MEDIA_ROOT/evidence/: never derived from what the uploader called the file.
    ext = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return f"evidence/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{ext}"


class Evidence(models.Model):
    """A file or a link submitted with a report, a later message, or a temuan."""

    class Kind(models.TextChoices):
        FILE = "file", _("File")
        LINK = "link", _("Link")

    class PreviewState(models.TextChoices):
        # "" for links and files that are not images: they never get a preview.
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Could not be made")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    message = models.ForeignKey(
        "Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    kind = models.CharField(max_length=4, choices=Kind.choices)
    submitted_at = models.DateTimeField()
    url = models.URLField(max_length=2000, blank=True)
    # The original as uploaded (kept for the record) and, for images, a re-encoded copy without
    # metadata for safe preview. Neither is ever served from MEDIA_URL: see views_officer.
    file = models.FileField(upload_to=evidence_path, max_length=200, blank=True)
    preview = models.FileField(upload_to=evidence_path, max_length=200, blank=True)
    # Previews are built by the task worker after the upload (reports/previews.py).
    preview_state = models.CharField(
        max_length=8, choices=PreviewState.choices, blank=True, default=""
    )
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    # From the photo's EXIF: the camera's capture time and position, for the officer's assessment.
    taken_at = models.DateTimeField(null=True, blank=True)
    gps_latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    gps_longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    # When the retention job removed the file (its hash, size and type stay, for the record).
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.url or self.original_name or f"evidence {self.pk}"

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class Message(models.Model):
    """One message in the thread between a reporter (by receipt code) and the handling officers."""

    class Side(models.TextChoices):
        REPORTER = "reporter", _("Reporter")
        OFFICER = "officer", _("Bawaslu officer")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    side = models.CharField(max_length=10, choices=Side.choices)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(blank=True)
    sent_at = models.DateTimeField()
    # HMAC of (thread, client, idempotency key): a retried post adds no second message
    # (idempotency.py); the digest of its content tells a retry from a different message.
    idempotency_digest = models.CharField(max_length=64, null=True, blank=True, unique=True)
    request_digest = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["sent_at", "id"]

    def __str__(self) -> str:
        return f"{self.side} message on {self.report_id}"


class IntakeReplay(models.Model):
    """Lets a retried submission (double click, timeout) get the first one's receipt back.

    The receipt code is sealed with the identity key and the row is purged after
    ``NETRA_IDEMPOTENCY_TTL_HOURS`` (``purge_intake_replays``), so the code is recoverable only briefly.
    """

    key_digest = models.CharField(max_length=64, unique=True)
    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="+")
    sealed_receipt = models.TextField()
    # SHA-256 of what the API was sent, so the same key with a different report is refused (409).
    request_digest = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(db_index=True)


class IdentityReveal(models.Model):
    """Four-eyes access to a reporter's identity: one officer asks with a reason, another approves."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting a second officer")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reveals")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()
    requested_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(decided_by=models.F("requested_by")),
                name="reveal_needs_a_second_officer",
            )
        ]

    def __str__(self) -> str:
        return f"Identity request on report {self.report_id} ({self.status})"
