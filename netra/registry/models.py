"""The employee and agency registry: who works where, and who their PPK is."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.reference.models import EmployeeType, Region

from .names import name_key


class Agency(models.Model):
    """An employer of ASN with its own PPK: a ministry, an agency, or a regional government."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        AGENCY = "agency", _("Non-ministerial agency")
        SECRETARIAT = "secretariat", _("State-institution secretariat")
        PROVINCE_GOV = "province_gov", _("Provincial government")
        REGENCY_GOV = "regency_gov", _("Regency government")
        CITY_GOV = "city_gov", _("City government")

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCE = "province", _("Province")
        REGENCY = "regency", _("Regency/city")

    code = models.CharField(max_length=30, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=15, choices=Kind.choices)
    level = models.CharField(max_length=10, choices=Level.choices)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT)
    ppk_title = models.CharField(max_length=200, help_text=_("Pejabat Pembina Kepegawaian"))
    is_active = models.BooleanField(default=True)
    # An agency found not to be one (Jakarta's administrative cities, loaders.py): inactive, its
    # employees moved to this one, kept because cases and imports point at it.
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_agencies",
        help_text=_("The agency whose staff this agency's staff really are"),
    )

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class PositionClass(models.TextChoices):
    JPT = "jpt", _("High leadership (JPT)")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Supervisor (pengawas)")
    FUNGSIONAL = "fungsional", _("Functional")
    PELAKSANA = "pelaksana", _("Implementer (pelaksana)")
    NON_ASN = "non_asn", _("Non-ASN staff")


class EmployeeQuerySet(models.QuerySet):
    """Keeps ``name_key`` in step with ``name`` on bulk writes too (the demo builder uses them)."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.name_key = name_key(obj.name)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if "name" in fields:
            fields = [*fields, "name_key"]
            for obj in objs:
                obj.name_key = name_key(obj.name)
        return super().bulk_update(objs, fields, *args, **kwargs)


class Employee(models.Model):
    # Null for non-ASN staff, who have no NIP; they are recognised by ``staff_number`` instead.
    # Unique by a constraint (below), not ``unique=True``, which on PostgreSQL adds a second index
    # in pattern order that nothing uses: search reads NIP prefixes as ranges of this one.
    nip = models.CharField(max_length=18, null=True, blank=True)
    name = models.CharField(_("name"), max_length=150)
    employee_type = models.CharField(
        _("kind of employee"), max_length=10, choices=EmployeeType.choices
    )
    position_class = models.CharField(
        _("position class"), max_length=15, choices=PositionClass.choices
    )
    position_title = models.CharField(_("position"), max_length=200)
    unit = models.CharField(_("unit"), max_length=200, blank=True)
    # Indexed below, not each on its own: (agency, name) serves every lookup by agency, and one
    # index serves region codes matched exactly and by prefix. Each index costs every import.
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="employees",
        db_index=False,
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region of work"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_index=False,
    )
    is_active = models.BooleanField(_("active"), default=True)
    # The agency's own number for staff without a NIP (non-ASN), unique within the agency.
    staff_number = models.CharField(_("staff number"), max_length=40, blank=True, default="")
    # The name without titles in one spelling (names.py); trigram-indexed on PostgreSQL (0002).
    name_key = models.CharField(max_length=150, blank=True, default="", editable=False)

    objects = EmployeeQuerySet.as_manager()

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["agency", "name"]
        indexes = [
            models.Index(fields=["agency", "name"]),
            # "64" and everything below it ("64.%"): pattern order on PostgreSQL, where the
            # database's collation is not "C"; a plain index elsewhere.
            models.Index(
                fields=["region"],
                name="registry_employee_region",
                opclasses=["varchar_pattern_ops"],
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["nip"], name="registry_employee_nip_key"),
            models.UniqueConstraint(
                fields=["agency", "staff_number"],
                condition=~models.Q(staff_number=""),
                name="staff_number_unique_per_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.nip})" if self.nip else self.name

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)


class ImportJob(models.Model):
    """One employee import from an agency's HR export: its progress, then its report."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Phase(models.TextChoices):
        WAITING = "waiting", _("Waiting for the worker")
        READING = "reading", _("Reading and checking rows")
        COMPARING = "comparing", _("Comparing with the registry")
        APPLYING = "applying", _("Applying changes")
        FINISHED = "finished", _("Finished")

    # None: a national import (every row names its agency), run by a system admin or a command.
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="import_jobs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    actor_label = models.CharField(max_length=100, blank=True)
    source_name = models.CharField(max_length=255)
    file = models.FileField(upload_to="registry/imports/%Y/%m/", blank=True)
    dry_run = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    phase = models.CharField(max_length=10, choices=Phase.choices, default=Phase.WAITING)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    rows_read = models.PositiveIntegerField(default=0)
    new = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    deactivated = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    warned = models.PositiveIntegerField(default=0)  # rows imported with a warning
    # Samples of each kind of change and the rejected rows with their reasons (capped, see importer).
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # While running: the worker process (services.worker_identity) and when it last said it was
    # alive. A job whose worker is gone, or silent too long, is failed (services.fail_dead_jobs).
    worker = models.CharField(max_length=200, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.source_name} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
