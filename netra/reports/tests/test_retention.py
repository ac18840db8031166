"""Retention (UU 27/2022): identities and evidence go once their period after closing is over, per
case outcome, unless under a legal hold; the statistics and the record stay; every removal audited."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from netra.audit.models import AuditEntry
from netra.cases.models import Case, CaseStatus, Decision
from netra.reference.models import CatalogueVersion, RetentionRule
from netra.reports import retention
from netra.reports.models import Evidence, Report

from .conftest import jpeg, payload

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def closed_report(client, status: str, months_ago: int, *, proven: bool | None = None) -> Report:
    response = client.post(
        "/api/v1/reports",
        data={
            "payload": json.dumps(payload()),
            "files": [SimpleUploadedFile("a.jpg", jpeg(), "image/jpeg")],
        },
    )
    assert response.status_code == 201, response.content
    report = Report.objects.order_by("-id").first()
    assert report is not None
    closed_at = retention.months_before(NOW, months_ago) - dt.timedelta(hours=1)
    Case.objects.filter(pk=report.case_id).update(status=status, closed_at=closed_at)
    if proven is not None:
        Decision.objects.create(
            case=report.case,
            reported_person=report.case.reported_persons.get(),
            proven=proven,
            catalogue_version=CatalogueVersion.objects.earliest("pk"),
            decided_on=closed_at.date(),
        )
    return report


def test_the_periods_are_data_with_their_basis():
    rules = {r.outcome: r for r in RetentionRule.objects.all()}
    assert set(rules) == {"not_registered", "not_proven", "proven"}
    assert all(r.legal_basis.startswith("UU 27/2022") and r.status for r in rules.values())


def test_past_its_period_the_identity_and_evidence_go_and_the_record_stays(
    client, django_capture_on_commit_callbacks
):
    report = closed_report(client, CaseStatus.NOT_REGISTERED, months_ago=25)
    names = [
        str(n) for e in Evidence.objects.filter(kind="file") for n in (e.file.name, e.preview.name)
    ]
    assert all(default_storage.exists(n) for n in names)
    sha = Evidence.objects.get(kind="file").sha256

    with django_capture_on_commit_callbacks(execute=True):  # files go once the rows committed
        removed = retention.apply_retention(now=NOW)

    assert (removed.identities, removed.evidence_files) == (1, 1)
    report.refresh_from_db()
    assert report.sealed_identity == "" and report.identity_removed_at is not None
    assert report.kind == "laporan" and Case.objects.filter(pk=report.case_id).exists()
    item = Evidence.objects.get(kind="file")
    assert item.file.name == "" and item.removed_at and item.sha256 == sha and item.size
    assert not any(default_storage.exists(n) for n in names)
    assert Evidence.objects.filter(kind="link").exists()  # links are not files
    by_job = AuditEntry.objects.filter(actor_label="task:retention")
    assert set(by_job.values_list("action", flat=True)) == {
        "retention.identity_removed",
        "retention.evidence_removed",
    }
    assert retention.apply_retention(now=NOW).reports == []  # nothing twice


@pytest.mark.parametrize(
    ("status", "proven", "kept_at", "removed_at"),
    [
        (CaseStatus.NOT_REGISTERED, None, 23, 25),
        (CaseStatus.CLOSED, False, 35, 37),
        (CaseStatus.CLOSED, True, 59, 61),
    ],
    ids=["not registered: 24 months", "not proven: 36 months", "proven: 60 months"],
)
def test_each_outcome_has_its_period(client, status, proven, kept_at, removed_at):
    kept = closed_report(client, status, kept_at, proven=proven)
    gone = closed_report(client, status, removed_at, proven=proven)
    assert retention.apply_retention(now=NOW).reports == [gone.pk]
    kept.refresh_from_db()
    assert kept.sealed_identity


def test_open_and_forwarded_cases_keep_everything(client):
    closed_report(client, CaseStatus.FORWARDED, 120, proven=True)
    closed_report(client, CaseStatus.REGISTERED, 120)
    assert retention.apply_retention(now=NOW).reports == []


def test_a_legal_hold_keeps_everything_until_lifted(client):
    report = closed_report(client, CaseStatus.NOT_REGISTERED, 30)
    retention.set_legal_hold(case=report.case, hold=True, reason="Gugatan PTUN 12/G/2025")
    assert retention.apply_retention(now=NOW).reports == []
    retention.set_legal_hold(case=report.case, hold=False, reason="Putusan inkracht")
    assert retention.apply_retention(now=NOW).reports == [report.pk]
    holds = AuditEntry.objects.filter(action__startswith="case.legal_hold").order_by("id")
    assert list(holds.values_list("action", flat=True)) == [
        "case.legal_hold_placed",
        "case.legal_hold_lifted",
    ]


def test_a_dry_run_removes_nothing(client):
    report = closed_report(client, CaseStatus.NOT_REGISTERED, 30)
    assert retention.apply_retention(now=NOW, dry_run=True).reports == [report.pk]
    report.refresh_from_db()
    assert report.sealed_identity


def test_months_before_clamps_to_the_end_of_the_month():
    moment = dt.datetime(2025, 3, 31, 12, tzinfo=dt.UTC)
    assert retention.months_before(moment, 1) == dt.datetime(2025, 2, 28, 12, tzinfo=dt.UTC)
    assert retention.months_before(moment, 24) == dt.datetime(2023, 3, 31, 12, tzinfo=dt.UTC)
