"""The evidence list in the authority's case file, provided by netra.web (sanctions may not import
reports): names, kinds, sizes, SHA-256 and the day received; never the reporter, the report's
text, the photo's position, or a way to the files."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from netra.cases.models import Origin
from netra.reports.models import Evidence, Report
from netra.sanctions import hooks
from netra.web.case_file import authority_evidence

from .conftest import forwarded_case

pytestmark = pytest.mark.django_db
HASH = "3f" * 32


def _page(client, case) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.get(reverse("sanctions:authority-case", args=[case.code])).content.decode()


def _report_with_evidence(case) -> Report:
    at = timezone.make_aware(dt.datetime(2024, 11, 5, 9, 30))
    report = Report.objects.create(
        case=case,
        receipt_digest="d" * 64,
        kind=Origin.LAPORAN,
        election=case.election,
        submitted_at=at,
        incident_date=case.incident_date,
        known_on=case.incident_date,
        incident_region=case.incident_region,
        description="Saya Siti, tetangga terlapor, melihat sendiri.",
        is_anonymous=True,
        reporter_pseudonym="P-RAHASIA-7",
    )
    common = {"report": report, "submitted_at": at}
    Evidence.objects.create(
        **common, kind=Evidence.Kind.FILE, original_name="foto-kampanye.jpg",
        content_type="image/jpeg", size=2048, sha256=HASH,
        gps_latitude=Decimal("-0.502106"), gps_longitude=Decimal("117.153709"),
    )  # fmt: skip
    Evidence.objects.create(
        **common, kind=Evidence.Kind.LINK, url="https://www.facebook.com/akun/posts/123",
    )  # fmt: skip
    Evidence.objects.create(
        **common, kind=Evidence.Kind.FILE, original_name="video.mp4", content_type="video/mp4",
        size=5_000_000, sha256="ab" * 32, removed_at=at + dt.timedelta(days=400),
    )  # fmt: skip
    return report


def test_the_analyst_sees_the_evidence_list_without_the_reporter(client, bkn):
    case = forwarded_case()
    _report_with_evidence(case)
    client.force_login(bkn)
    html = _page(client, case)
    assert html.count('data-testid="evidence-item"') == 3
    assert "foto-kampanye.jpg" in html and HASH in html and "2.0" in html
    assert 'href="https://www.facebook.com/akun/posts/123"' in html
    assert "5 November 2024" in html or "5 Nov 2024" in html
    assert "video.mp4" in html and "retention" in html  # removed, still listed with its hash
    for secret in ("P-RAHASIA-7", "Saya Siti", "d" * 64, "117.153709", "-0.502106"):
        assert secret not in html
    assert "/evidence/" not in html  # a list, not the files (netra/web/case_file.py)


def test_the_files_stay_with_bawaslu(client, bkn):
    case = forwarded_case()
    item = _report_with_evidence(case).evidence.filter(kind=Evidence.Kind.FILE)[0]
    client.force_login(bkn)
    url = reverse("reports_officer:evidence", args=[case.code, item.pk, "original"])
    assert client.get(url).status_code in (403, 404)


def test_a_case_without_evidence_says_so(client, bkn):
    case = forwarded_case()
    client.force_login(bkn)
    html = _page(client, case)
    assert 'data-testid="evidence-item"' not in html and "No evidence was submitted" in html


def test_the_provider_answers_analysts_only(bkn, ppk, officer):
    case = forwarded_case()
    _report_with_evidence(case)
    assert [row.kind for row in authority_evidence(bkn, case)] == ["file", "link", "file"]
    assert authority_evidence(ppk, case) == [] and authority_evidence(officer, case) == []


def test_without_a_provider_the_page_says_where_the_list_is(client, bkn, monkeypatch):
    monkeypatch.setattr(hooks, "_evidence", [])
    case = forwarded_case()
    _report_with_evidence(case)
    client.force_login(bkn)
    html = _page(client, case)
    assert "foto-kampanye.jpg" not in html and "case page of the reports" in html
