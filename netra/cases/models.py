"""A case: one event, one or more reports about it, one or more reported persons, handled by Bawaslu."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.reference.models import (
    CatalogueVersion,
    CivilServiceAuthority,
    CriminalArticle,
    Election,
    EmployeeType,
    Region,
    ViolationType,
)
from netra.registry.models import Agency, Employee


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    INITIAL_REVIEW = "initial_review", _("Initial review (kajian awal)")
    NOT_REGISTERED = "not_registered", _("Not registered")
    REGISTERED = "registered", _("Registered")
    CLARIFICATION = "clarification", _("Clarification (klarifikasi)")
    DECIDED = "decided", _("Decided (pleno)")
    FORWARDED = "forwarded", _("Forwarded to the civil-service authority")
    CLOSED = "closed", _("Closed")


# The statuses of the officer queue by default (selectors.OPEN_STATUSES); partial indexes use it.
QUEUE_STATUSES = ["received", "initial_review", "registered", "clarification", "decided"]


class Origin(models.TextChoices):
    LAPORAN = "laporan", _("Laporan (identified report)")
    INFORMASI_AWAL = "informasi_awal", _("Informasi awal (anonymous or incomplete)")
    TEMUAN = "temuan", _("Temuan (supervisors' own finding)")


class HandlingLevel(models.TextChoices):
    RI = "ri", _("Bawaslu RI")
    PROVINCE = "province", _("Bawaslu provinsi")
    REGENCY = "regency", _("Bawaslu kabupaten/kota")


class PersonCategory(models.TextChoices):
    PNS = EmployeeType.PNS.value, _("PNS")
    PPPK = EmployeeType.PPPK.value, _("PPPK")
    NON_ASN = EmployeeType.NON_ASN.value, _("Non-ASN staff")
    # Supervised by Bawaslu under election law but not ASN; their sanction path differs (docs/legal/README.md §1).
    VILLAGE_HEAD = "village_head", _("Village head (kepala desa)")
    VILLAGE_STAFF = "village_staff", _("Village staff (perangkat desa)")
    TNI = "tni", _("TNI member")
    POLRI = "polri", _("Polri member")
    UNKNOWN = "unknown", _("Not known")


class EventKind(models.TextChoices):
    TRANSITION = "transition", _("Status change")
    MORE_TIME = "more_time", _("More time requested")
    HANDOVER = "handover", _("Handed to another office")
    MERGE_IN = "merge_in", _("Another case merged into this one")
    MERGE_OUT = "merge_out", _("Merged into another case")
    SPLIT_OUT = "split_out", _("Part of the case split off")
    SPLIT_IN = "split_in", _("Split off from another case")
    CLARIFICATION = "clarification", _("Clarification")
    DOCUMENT = "document", _("Document issued")
    # A step of the sanction stage (netra/sanctions): a decree recorded, a contest. Officers see
    # it on the timeline; reporters do not (public.PUBLIC_KINDS).
    SANCTION = "sanction", _("Sanction stage")
    # The civil-service authority's steps (netra/sanctions): internal to officers, never shown to
    # reporters (public.PUBLIC_KINDS leaves them out).
    RECOMMENDATION = "recommendation", _("Recommendation to the PPK")
    ENFORCEMENT = "enforcement", _("Follow-up of a recommendation")
    TRANSFER = "transfer", _("File moved to another authority")


class Case(models.Model):
    code = models.CharField(max_length=24, unique=True)
    election = models.ForeignKey(Election, on_delete=models.PROTECT)
    status = models.CharField(
        max_length=20, choices=CaseStatus.choices, default=CaseStatus.RECEIVED
    )
    origin = models.CharField(max_length=20, choices=Origin.choices)
    handling_level = models.CharField(max_length=10, choices=HandlingLevel.choices)
    # Region code of the handling Bawaslu office: "" for RI, "64" for a province, "64.72" for a
    # kabupaten/kota. Officers are scoped by it (netra/accounts/permissions.py).
    jurisdiction_code = models.CharField(max_length=5, blank=True, db_index=True)
    incident_region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    incident_date = models.DateField()
    known_on = models.DateField(help_text=_("When the event became known or was discovered"))
    summary = models.TextField()
    received_at = models.DateTimeField()
    registered_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    forwarded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True, help_text=_("The next statutory deadline"))
    # The rule behind due_on (DeadlineRule.code), and whether the extension for more information
    # was taken (UU 7/2017 Pasal 454(8); UU 10/2016 Pasal 134(6)).
    deadline_rule = models.CharField(max_length=10, blank=True, default="")
    needs_more_info = models.BooleanField(default=False)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_cases"
    )
    split_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="split_cases"
    )
    # A legal hold (a court case, an appeal, an investigation) keeps the reporters' identities and
    # evidence past their retention period (netra/reports/retention.py) until it is lifted.
    legal_hold = models.BooleanField(default=False)
    legal_hold_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "received_at"]
        indexes = [
            models.Index(fields=["jurisdiction_code", "status", "due_on"]),
            # The officer queue, most urgent first (selectors.URGENCY): an ordered scan that stops at
            # the first page, for every office and for one kabupaten/kota office (bench/case_queue.py).
            models.Index(
                fields=["due_on", "received_at", "id"],
                condition=models.Q(status__in=QUEUE_STATUSES),
                name="case_queue_open",
            ),
            models.Index(
                fields=["jurisdiction_code", "due_on", "received_at", "id"],
                condition=models.Q(status__in=QUEUE_STATUSES),
                name="case_queue_office_open",
            ),
            models.Index(
                fields=["election", "due_on", "received_at", "id"],
                condition=models.Q(status__in=QUEUE_STATUSES),
                name="case_queue_election_open",
            ),
            models.Index(
                fields=["due_on", "received_at", "id"],
                condition=models.Q(status="decided"),
                name="case_queue_decided",
            ),
            models.Index(fields=["due_on", "received_at", "id"], name="case_queue_all"),
        ]

    def __str__(self) -> str:
        return self.code


class ReportedPerson(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reported_persons")
    employee = models.ForeignKey(Employee, null=True, blank=True, on_delete=models.SET_NULL)
    name = models.CharField(max_length=150)
    nip = models.CharField(max_length=18, blank=True)
    position_title = models.CharField(max_length=200, blank=True)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT)
    category = models.CharField(max_length=15, choices=PersonCategory.choices)

    def __str__(self) -> str:
        return self.name


class CaseEvent(models.Model):
    """One step on the case timeline: a status change, with who, when and why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    from_status = models.CharField(max_length=20, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=CaseStatus.choices)
    reason = models.TextField(blank=True)
    kind = models.CharField(max_length=15, choices=EventKind.choices, default=EventKind.TRANSITION)
    # What else the step needs to be read later: the other case's code, moved report ids, offices.
    data = models.JSONField(default=dict, blank=True)
    # Words for the reporters of the case, shown on their follow page (e.g. why a report was not
    # registered). ``reason`` stays internal to the officers.
    reporter_note = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["at", "id"]


class Decision(models.Model):
    """The plenary decision for one reported person (pleno), under the catalogue version it used."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="decisions")
    reported_person = models.OneToOneField(ReportedPerson, on_delete=models.CASCADE)
    proven = models.BooleanField()
    catalogue_version = models.ForeignKey(CatalogueVersion, on_delete=models.PROTECT)
    violation_types = models.ManyToManyField(ViolationType, blank=True)
    # Also an election crime (e.g. UU 7/2017 Pasal 494): goes to Gakkumdu as well.
    criminal_articles = models.ManyToManyField(CriminalArticle, blank=True)
    decided_on = models.DateField()
    reasoning = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    @property
    def touches_election_law(self) -> bool:
        return self.criminal_articles.exists()


class CaseViolation(models.Model):
    """A violation type code found in a case's decisions (any catalogue version): one row per case
    and code, for the officer queue's violation filter.

    It also copies the case's urgency keys (``due_on``, ``received_at``), so the filter walks one
    index in the queue's own order and stops at the first page instead of probing every decided case
    (bench/case_queue.py). Only ``netra.cases.queue_violations`` writes it, called by the services:
    on a decision, merge or split, and on every save of the case.
    """

    # The unique constraint's index starts with case_id: no separate index for the foreign key.
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="violations", db_index=False
    )
    code = models.CharField(max_length=10)
    due_on = models.DateField(null=True, blank=True)
    received_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "code"], name="one_row_per_case_violation")
        ]
        indexes = [
            # selectors.queue_page with a violation filter: WHERE code = … ORDER BY the URGENCY keys.
            models.Index(
                fields=["code", "due_on", "received_at", "case"], name="case_violation_queue"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.code}"


# --- Case handling: clarification, forwarding, notes, documents, reminders -----------------------


class Clarification(models.Model):
    """A clarification hearing (klarifikasi): the invitation, then its minutes (berita acara)."""

    class Role(models.TextChoices):
        REPORTER = "reporter", _("Reporter")
        WITNESS = "witness", _("Witness")
        REPORTED = "reported", _("Reported person")
        EXPERT = "expert", _("Expert")
        OTHER = "other", _("Other")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="clarifications")
    invitee_name = models.CharField(max_length=150)
    invitee_role = models.CharField(max_length=10, choices=Role.choices)
    scheduled_at = models.DateTimeField()
    place = models.CharField(max_length=200)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField()
    held_at = models.DateTimeField(null=True, blank=True)
    attendees = models.TextField(blank=True, help_text=_("One attendee per line: name, role"))
    statements = models.TextField(blank=True)
    evidence = models.TextField(blank=True, help_text=_("Evidence handed over or examined"))
    minutes_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["scheduled_at", "id"]

    def __str__(self) -> str:
        return f"{self.case.code}: {self.invitee_name}"

    @property
    def attendee_list(self) -> list[str]:
        return [line.strip() for line in self.attendees.splitlines() if line.strip()]


class Forwarding(models.Model):
    """Bawaslu's forwarding of the ASN part to the competent civil-service authority (KASN before
    2024-09-04, BKN after: ``CivilServiceAuthority.competent_on``), and to Gakkumdu if criminal."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="forwarding")
    authority = models.ForeignKey(CivilServiceAuthority, on_delete=models.PROTECT)
    forwarded_on = models.DateField()
    # "Beririsan": the conduct also breaks election law (criminal articles) and goes to Gakkumdu too.
    touches_election_law = models.BooleanField(default=False)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        indexes = [
            # The authority's inbox (netra/sanctions): its forwards, oldest first.
            models.Index(fields=["authority", "forwarded_on", "case"], name="forwarding_inbox"),
        ]

    def __str__(self) -> str:
        return f"{self.case.code} → {self.authority.code}"


class CaseNote(models.Model):
    """An internal note: officers only, never shown to a reporter or outside Bawaslu."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    body = models.TextField()

    class Meta:
        ordering = ["at", "id"]


class DocumentKind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt (tanda terima)")
    REGISTRATION = "registration", _("Notice of registration")
    NON_REGISTRATION = "non_registration", _("Notice of non-registration")
    INVITATION = "invitation", _("Clarification invitation")
    MINUTES = "minutes", _("Clarification minutes (berita acara)")
    DECISION = "decision", _("Plenary decision")
    FORWARDING = "forwarding", _("Recommendation letter to the civil-service authority")
    # Issued by the civil-service authority (netra/sanctions/services/letters.py), numbered per
    # authority and year, verifiable at /verify/ like every other letter.
    RECOMMENDATION = "recommendation", _("Sanction recommendation to the PPK")
    REFERRAL = "referral", _("Referral to the person's own authority")
    ESCALATION = "escalation", _("Escalation to the ministry")


class DocumentTemplate(models.Model):
    """The body of a letter or form, a Django template editable in the admin; seeded from
    ``data/documents/<kind>.html`` by ``load_reference`` (an edited template is never overwritten)."""

    kind = models.CharField(max_length=20, choices=DocumentKind.choices, unique=True)
    title = models.CharField(max_length=200)
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.get_kind_display()


class IssuedDocument(models.Model):
    """A generated letter: its number, its frozen HTML (the PDF is rendered from it) and the token
    behind the QR code of the public verification page."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    number = models.CharField(max_length=60, unique=True)
    issued_on = models.DateField()
    issuing_office = models.CharField(max_length=150)
    token = models.CharField(max_length=40, unique=True)
    html = models.TextField()
    sha256 = models.CharField(max_length=64)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField()
    clarification = models.ForeignKey(
        Clarification, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )

    class Meta:
        ordering = ["issued_at", "id"]

    def __str__(self) -> str:
        return self.number


class DocumentSequence(models.Model):
    """The last number issued per letter kind, office and year (``TT/64.72/2024``): incremented
    under a row lock, so two officers issuing at the same moment get consecutive numbers."""

    key = models.CharField(max_length=60, unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}: {self.last}"


class DeadlineReminder(models.Model):
    """One reminder per case and deadline: the send command is idempotent through this row."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reminders")
    rule_code = models.CharField(max_length=10)
    due_on = models.DateField()
    sent_at = models.DateTimeField()
    recipients = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "rule_code", "due_on"], name="one_reminder_per_case_deadline"
            )
        ]
