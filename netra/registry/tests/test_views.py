"""Agency pages and the registry API: scoping, uploads, progress, and clear 4xx for bad input."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from netra.accounts.tests import factories
from netra.accounts.tests.factories import PASSWORD
from netra.registry.models import Agency, ImportJob

from .helpers import KALTIM, SAMARINDA, csv_bytes, employee, row, run

pytestmark = pytest.mark.django_db
BUDI = "198503122010011002"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def agency_url(code=SAMARINDA):
    return reverse("web:agency", args=[code])


def test_agency_page_for_own_agency(client):
    employee(BUDI, "Drs. H. Djoko Soesanto, M.Si.")
    employee("197501012000121001", "Joko Susanto", agency=KALTIM)
    response = login(client, factories.personnel()).get(agency_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Djoko Soesanto" in body
    assert "Joko Susanto" not in body
    assert reverse("registry:agency-import", args=[SAMARINDA]) in body


def test_agency_roles_get_403_for_another_agency_and_404_for_none(client):
    login(client, factories.personnel())
    assert client.get(agency_url(KALTIM)).status_code == 403
    assert client.get(agency_url("NO-SUCH")).status_code == 404
    assert client.get(reverse("registry:agency-import", args=[KALTIM])).status_code == 403


def test_agency_admin_sees_the_page_but_cannot_import(client):
    login(client, factories.agency_admin())
    assert client.get(agency_url()).status_code == 200
    assert client.get(reverse("registry:agency-import", args=[SAMARINDA])).status_code == 403


def test_bawaslu_sees_any_agency_and_anonymous_must_log_in(client):
    assert client.get(agency_url()).status_code == 302
    login(client, factories.bawaslu(region="64"))
    assert client.get(agency_url(KALTIM)).status_code == 200


def test_search_box_partial_and_pagination(client):
    employee(BUDI, "Drs. H. Djoko Soesanto, M.Si.")
    employee("199001012015032001", "Siti Aminah")
    login(client, factories.personnel())
    rows = reverse("registry:employee-rows", args=[SAMARINDA])
    response = client.get(rows, {"q": "joko susanto"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Djoko Soesanto" in body and "Siti Aminah" not in body
    assert "<html" not in body
    assert "at least three letters" in client.get(rows, {"q": "jo"}).content.decode()
    assert client.get(rows, {"page": "999"}).status_code == 200
    assert client.get(rows, {"page": "x"}).status_code == 200
    assert client.get(rows, {"q": "x" * 500}).status_code == 200


def test_upload_queues_a_job_and_the_progress_partial_polls_until_done(
    client, tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    login(client, factories.personnel())
    url = reverse("registry:agency-import", args=[SAMARINDA])
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("pegawai.csv", csv_bytes([row(BUDI, "Budi Santoso")]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"file": upload, "dry_run": "on"})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:import-job", args=[job.pk])
    progress = reverse("registry:import-progress", args=[job.pk])
    assert f'hx-get="{progress}"' in client.get(progress).content.decode()

    from netra.registry.tasks import run_import_job

    run_import_job.call(job.pk)
    body = client.get(progress).content.decode()
    assert 'data-status="done"' in body and "hx-trigger" not in body
    assert "Apply this file" in body

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("registry:import-apply", args=[job.pk]))
    applied = ImportJob.objects.exclude(pk=job.pk).get()
    assert (applied.dry_run, applied.file.name) == (False, job.file.name)
    run_import_job.call(applied.pk)
    assert Agency.objects.get(code=SAMARINDA).employees.filter(nip=BUDI).exists()
    # The uploaded file (personal data) is deleted once applied.
    assert not any(tmp_path.rglob("*.csv"))
    assert not ImportJob.objects.exclude(file="").exists()


def test_bad_uploads_are_refused_with_a_reason(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    login(client, factories.personnel())
    url = reverse("registry:agency-import", args=[SAMARINDA])
    cases = [
        (SimpleUploadedFile("pegawai.pdf", b"%PDF"), ".csv or .xlsx"),
        (SimpleUploadedFile("pegawai.csv", b"nip,nama\n1,a\n"), "required columns"),
        (SimpleUploadedFile("pegawai.xlsx", b"not a zip"), "cannot be read"),
        (SimpleUploadedFile("pegawai.csv", b""), "empty"),
    ]
    for upload, message in cases:
        response = client.post(url, {"file": upload})
        assert response.status_code == 400
        assert message in response.content.decode()
    assert client.post(url, {}).status_code == 400
    assert not ImportJob.objects.exists()


def test_import_jobs_of_another_agency_are_not_found(client):
    job = run(csv_bytes([row(BUDI, "Budi")]), agency=KALTIM)
    login(client, factories.personnel())
    assert client.get(reverse("registry:import-job", args=[job.pk])).status_code == 404
    assert client.post(reverse("registry:import-apply", args=[job.pk])).status_code == 404
    assert client.get(f"/api/v1/registry/imports/{job.pk}").status_code == 404


def test_api_search(client):
    employee(BUDI, "Drs. H. Djoko Soesanto, M.Si.")
    employee("197501012000121001", "Joko Susanto", agency=KALTIM)
    url = "/api/v1/registry/employees/search"
    assert client.get(url, {"q": "joko"}).status_code == 401
    login(client, factories.personnel())
    data = client.get(url, {"q": "Joko Susanto"}).json()
    assert data["matched_by"] == "name"
    assert [r["nip"] for r in data["results"]] == [BUDI]
    assert data["results"][0]["agency"] == {"code": SAMARINDA, "name": "Pemerintah Kota Samarinda"}
    assert client.get(url, {"q": BUDI}).json()["results"][0]["name"].startswith("Drs.")
    assert client.get(url, {"q": "joko", "agency": "NOPE"}).status_code == 400
    assert client.get(url, {"q": "joko", "region": "99"}).status_code == 400
    assert client.get(url, {"q": "joko", "limit": 500}).status_code == 422
    assert client.get(url, {"q": ""}).status_code == 422
    assert client.get(url).status_code == 422
    assert client.get(url, {"q": "x" * 101}).status_code == 422


def test_api_import_job(client):
    job = run(csv_bytes([row(BUDI, "Budi")]))
    login(client, factories.personnel())
    data = client.get(f"/api/v1/registry/imports/{job.pk}").json()
    assert (data["status"], data["new"], data["agency"]) == ("done", 1, SAMARINDA)
    assert client.get("/api/v1/registry/imports/0").status_code == 422
    assert client.get("/api/v1/registry/imports/99999999999999999999999").status_code in (404, 422)
    assert client.get("/api/v1/registry/imports/abc").status_code in (404, 422)


def test_the_change_list_speaks_indonesian(client, tmp_path, settings):
    """Field names and values as people read them: "Jenis pegawai: PPPK → PNS" (issue 14)."""
    from django.utils import translation

    from netra.registry.tasks import run_import_job

    settings.MEDIA_ROOT = tmp_path
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    employee(BUDI, "Budi Santoso", employee_type="pppk")
    login(client, factories.personnel())
    upload = SimpleUploadedFile("pegawai.csv", csv_bytes([row(BUDI, "Budi Santoso")]))
    client.post(
        reverse("registry:agency-import", args=[SAMARINDA]), {"file": upload, "dry_run": "on"}
    )
    job = ImportJob.objects.get()
    run_import_job.call(job.pk)
    with translation.override("id"):
        body = client.get(reverse("registry:import-progress", args=[job.pk])).content.decode()
    assert "employee_type" not in body and "pppk →" not in body
    assert "Jenis pegawai: PPPK" in body
