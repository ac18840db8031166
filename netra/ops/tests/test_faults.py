"""Faults while serving (issue 19): a full disk while evidence is written, Redis gone during a
request. Each is a 503 that says what is wrong, and nothing is half-written."""

from __future__ import annotations

import errno
import json

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from netra.reports.tests.conftest import jpeg, payload, snapshot

from .test_health import UNREACHABLE_REDIS

pytestmark = pytest.mark.django_db


class FullDiskStorage(FileSystemStorage):
    """The evidence disk is full: the second file written fails as the kernel would say it."""

    writes = 0

    def _save(self, name, content):
        FullDiskStorage.writes += 1
        if FullDiskStorage.writes > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return super()._save(name, content)  # type: ignore[misc]


@pytest.fixture
def reports_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.NETRA_RATELIMIT_ENABLED = False
    return settings


def test_a_full_disk_while_evidence_is_written_is_a_503_and_leaves_nothing(reports_settings):
    FullDiskStorage.writes = 0
    reports_settings.STORAGES = {
        **reports_settings.STORAGES,
        "default": {
            "BACKEND": f"{__name__}.FullDiskStorage",
            "OPTIONS": {"location": str(reports_settings.MEDIA_ROOT)},
        },
    }
    before = snapshot(reports_settings.MEDIA_ROOT)
    response = Client(raise_request_exception=False).post(
        "/api/v1/reports",
        data={
            "payload": json.dumps(payload()),
            # Two photos: the disk fills up while the second is written (previews come later,
            # from the worker).
            "files": [
                SimpleUploadedFile("a.jpg", jpeg("red"), "image/jpeg"),
                SimpleUploadedFile("b.jpg", jpeg("blue"), "image/jpeg"),
            ],
        },
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 503
    assert "storage is full" in response.json()["detail"]
    assert response["Retry-After"] == "60"
    assert FullDiskStorage.writes == 2  # the first photo was written, then removed
    assert snapshot(reports_settings.MEDIA_ROOT) == before


def test_redis_unreachable_during_a_submission_is_a_503(reports_settings):
    reports_settings.NETRA_RATELIMIT_ENABLED = True
    reports_settings.CACHES = UNREACHABLE_REDIS
    before = snapshot(reports_settings.MEDIA_ROOT)
    response = Client(raise_request_exception=False).post(
        "/api/v1/reports", data=json.dumps(payload()), content_type="application/json"
    )
    assert response.status_code == 503
    # Indonesian unless the client asks otherwise, like every API message.
    assert "tidak dapat menjangkau cache-nya" in response.json()["detail"]
    assert snapshot(reports_settings.MEDIA_ROOT) == before


def test_a_bug_is_still_a_plain_500(settings):
    from netra.ops.views import server_error

    request = Client().get("/").wsgi_request
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500
