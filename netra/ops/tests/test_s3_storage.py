"""Evidence on an S3-compatible object store shared by every app server (issue 19), through
django-storages, against a real S3 server on 127.0.0.1 (moto's server)."""

from __future__ import annotations

import hashlib
import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from netra.accounts.tests.factories import bawaslu
from netra.accounts.tests.login import StaffClient
from netra.ops import health
from netra.ops.backup import storage_files
from netra.reports.models import Evidence, Report
from netra.reports.tests.conftest import jpeg, payload


@pytest.fixture(autouse=True)
def _previews_at_once(settings):
    """Previews are built by the task worker; here at once, as in the reports' tests."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


pytestmark = pytest.mark.django_db
BUCKET = "netra-evidence"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    server = Path(sys.executable).with_name("moto_server")
    if not server.exists():
        pytest.skip("moto[server] is not installed (uv sync installs the dev group)")
    port = _free_port()
    proc = subprocess.Popen(
        [str(server), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(endpoint, timeout=1)  # noqa: S310 (loopback)
            break
        except OSError:
            if time.monotonic() > deadline:
                proc.kill()
                raise
            time.sleep(0.2)
    yield endpoint
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def s3(settings, s3_endpoint, tmp_path):
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=BUCKET)
    settings.NETRA_RATELIMIT_ENABLED = False
    settings.MEDIA_ROOT = tmp_path / "unused"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": "testing",
                "secret_key": "testing",
                "default_acl": None,
                "file_overwrite": True,
                "addressing_style": "path",
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def objects(client) -> list[str]:
    return sorted(o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_evidence_goes_to_the_object_store_and_officers_download_it(s3, client):
    photo = jpeg("purple")
    response = client.post(
        "/api/v1/reports",
        data={
            "payload": json.dumps(payload()),
            "files": [SimpleUploadedFile("rapat.jpg", photo, "image/jpeg")],
        },
    )
    assert response.status_code == 201, response.content
    item = Evidence.objects.get(kind="file")
    assert objects(s3) == sorted([str(item.file.name), str(item.preview.name)])
    assert "rapat" not in " ".join(objects(s3))  # names are random, never the upload's
    stored = s3.get_object(Bucket=BUCKET, Key=item.file.name)["Body"].read()
    assert hashlib.sha256(stored).hexdigest() == item.sha256

    officer = StaffClient()
    officer.force_login(bawaslu("samarinda", "64.72"))
    case = Report.objects.get().case
    download = officer.get(f"/cases/{case.code}/evidence/{item.pk}/original/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == photo  # type: ignore[attr-defined]
    # Every app server and worker sees the same files: the backup lists them from the store.
    assert sorted(storage_files()) == objects(s3)


def test_a_refused_submission_stores_no_object(s3, client):
    response = client.post(
        "/api/v1/reports",
        data={
            # An unknown region: refused after the files were checked, before anything is stored.
            "payload": json.dumps(payload(district="64.72.99")),
            "files": [SimpleUploadedFile("a.jpg", jpeg(), "image/jpeg")],
        },
    )
    assert response.status_code == 422
    assert objects(s3) == [] and not Evidence.objects.exists()


def test_readiness_checks_the_bucket(s3, settings):
    assert health.storage() == ""
    settings.STORAGES["default"]["OPTIONS"]["bucket_name"] = "no-such-bucket"
    settings.STORAGES = dict(settings.STORAGES)
    assert health.storage().startswith("the evidence storage is unreachable")
    assert default_storage.bucket_name == "no-such-bucket"  # type: ignore[attr-defined]
