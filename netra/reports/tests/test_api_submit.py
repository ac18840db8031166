"""POST /api/v1/reports: a good report opens a case; every bad input is a 4xx that stores nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from netra.audit.models import AuditEntry
from netra.cases.models import Case, CaseEvent, CaseStatus
from netra.reports import identity, receipts
from netra.reports.models import Evidence, Report

from .conftest import jpeg, payload, snapshot

pytestmark = pytest.mark.django_db
URL = "/api/v1/reports"


def post(client, body, **headers):
    return client.post(URL, data=json.dumps(body), content_type="application/json", headers=headers)


def test_an_identified_report_on_time_is_a_laporan_with_its_case(client):
    response = post(client, payload())
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "laporan"
    assert len(body["receipt"]) == 16 and body["receipt"].isdigit()
    report = Report.objects.get()
    assert report.receipt_digest == receipts.digest(body["receipt"])
    assert body["receipt"] not in json.dumps(list(Report.objects.values()), default=str)
    case = report.case
    assert case.status == CaseStatus.RECEIVED and case.origin == "laporan"
    # The reported camat works for the city government: Bawaslu Kota Samarinda handles it.
    assert (case.handling_level, case.jurisdiction_code) == ("regency", "64.72")
    assert CaseEvent.objects.filter(case=case, to_status=CaseStatus.RECEIVED).count() == 1
    assert list(case.reported_persons.values_list("nip", flat=True)) == ["198503122010011002"]
    assert AuditEntry.objects.filter(action="report.submitted", target_id=str(report.pk)).exists()
    # The identity is sealed: not readable in the row, readable with the key.
    assert "Siti" not in report.sealed_identity
    assert identity.unseal(report.sealed_identity)["nik"] == "6472015003900001"
    assert report.reporter_pseudonym.startswith("P-")


def test_anonymous_report_is_informasi_awal_and_says_why(client):
    response = post(client, payload(anonymous=True, reporter=None))
    assert response.status_code == 201
    body = response.json()
    assert body["kind"] == "informasi_awal"
    assert [r["code"] for r in body["reasons"]] == ["anonymous"]
    assert Report.objects.get().sealed_identity == ""


def test_a_late_report_is_informasi_awal(client):
    known = timezone.localdate() - dt.timedelta(days=30)
    body = post(client, payload(incident_date=known.isoformat(), known_on=known.isoformat())).json()
    assert body["kind"] == "informasi_awal"
    assert "late" in [r["code"] for r in body["reasons"]]
    assert body["reporting_window"]["on_time"] is False


def test_the_documented_example_is_accepted_as_is(client):
    from netra.reports.api import REPORT_EXAMPLE

    assert post(client, REPORT_EXAMPLE).status_code == 201


def test_the_same_idempotency_key_creates_one_report(client):
    first = post(client, payload(), **{"Idempotency-Key": "abc-123"})
    again = post(client, payload(), **{"Idempotency-Key": "abc-123"})
    assert first.status_code == again.status_code == 201
    assert first.json()["receipt"] == again.json()["receipt"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert Report.objects.count() == Case.objects.count() == 1


def test_the_same_idempotency_key_for_a_different_report_is_a_conflict(client, settings):
    first = post(client, payload(), **{"Idempotency-Key": "abc-123"})
    assert first.status_code == 201
    before = snapshot(settings.MEDIA_ROOT)
    other = post(client, payload(description="Another event."), **{"Idempotency-Key": "abc-123"})
    assert other.status_code == 409
    assert "Idempotency-Key" in other.json()["detail"]
    assert snapshot(settings.MEDIA_ROOT) == before


def test_a_multipart_retry_replays_but_other_files_under_the_key_conflict(client):
    def send(photo):
        return client.post(
            URL,
            data={
                "payload": json.dumps(payload()),
                "files": [SimpleUploadedFile("a.jpg", photo, "image/jpeg")],
            },
            headers={"Idempotency-Key": "with-files"},
        )

    first, retry = send(jpeg("red")), send(jpeg("red"))
    assert first.status_code == retry.status_code == 201
    assert retry.json()["receipt"] == first.json()["receipt"]
    assert send(jpeg("blue")).status_code == 409
    assert Report.objects.count() == 1


def test_multipart_with_photos_keeps_original_preview_and_hash(client):
    photo = jpeg()
    response = client.post(
        URL,
        data={
            "payload": json.dumps(payload()),
            "files": [
                SimpleUploadedFile("a.jpg", photo, "image/jpeg"),
                SimpleUploadedFile("b.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
            ],
        },
    )
    assert response.status_code == 201, response.content
    files = Evidence.objects.filter(kind="file").order_by("original_name")
    assert [f.content_type for f in files] == ["image/jpeg", "application/pdf"]
    import hashlib

    assert files[0].sha256 == hashlib.sha256(photo).hexdigest()
    assert files[0].preview and not files[1].preview
    link = Evidence.objects.get(kind="link")
    assert link.url == "https://www.facebook.com/example/posts/123" and link.submitted_at


def test_text_with_ampersands_and_angles_is_kept_as_text(client):
    text = "He said 5 < 7 & posted 'vote #2' >> see link"
    assert post(client, payload(description=text)).status_code == 201
    assert Report.objects.get().description == text


# --- Bad input: a clear message on the field, a 4xx, nothing stored -----------------------------


def bad(**changes):
    return payload(**changes)


def person(**changes):
    return [{**payload()["persons"][0], **changes}]


def reporter(**changes):
    return {**payload()["reporter"], **changes}


TOMORROW = (dt.date.today() + dt.timedelta(days=2)).isoformat()

BAD_INPUTS = {
    "missing description": (
        {k: v for k, v in payload().items() if k != "description"},
        "description",
    ),
    "empty description": (bad(description=""), "description"),
    "incident in the future": (bad(incident_date=TOMORROW), "incident_date"),
    "incident before 2019": (bad(incident_date="2018-12-31"), "incident_date"),
    "not a date": (bad(incident_date="31-12-2024"), "incident_date"),
    "unknown election": (bad(election="pemilu-1999"), "election"),
    "unknown province": (bad(province="99"), "province"),
    "unknown district code": (bad(district="64.72.99"), "district"),
    "district not in the regency": (bad(district="64.71.01"), "district"),
    "regency not in the province": (bad(regency="63.71", district=""), "regency"),
    "NIP of the wrong length": (bad(persons=person(nip="19850312201001100")), "persons[0].nip"),
    "NIP with an impossible birth date": (
        bad(persons=person(nip="198502302010011002")),
        "persons[0].nip",
    ),
    "NIK of the wrong length": (bad(reporter=reporter(nik="647201500390001")), "reporter.nik"),
    "NIK with an impossible date": (bad(reporter=reporter(nik="6472013213900001")), "reporter.nik"),
    "malformed e-mail": (bad(reporter=reporter(email="siti@")), "reporter.email"),
    "malformed phone": (bad(reporter=reporter(phone="12345")), "reporter.phone"),
    "script in the description": (
        bad(description="<script>alert(1)</script>"),
        "description",
    ),
    "HTML in a person's name": (bad(persons=person(name="<b>Budi</b>")), "persons[0].name"),
    "HTML in the reporter's address": (
        bad(reporter=reporter(address="<img src=x onerror=alert(1)>")),
        "reporter.address",
    ),
    "no reported person": (bad(persons=[]), "persons"),
    "unknown agency": (bad(persons=person(agency="PEMKOT-99.99")), "persons[0].agency"),
    "unknown status": (bad(persons=person(category="minister")), "persons[0].category"),
    "blank name": (bad(persons=person(name="   ")), "persons[0].name"),
    "learnt before it happened": (
        bad(incident_date="2024-11-20", known_on="2024-11-19"),
        "known_on",
    ),
    "NIK from an unknown district": (
        bad(reporter=reporter(nik="6499015003900001")),
        "reporter.nik",
    ),
    "link that is not a web address": (bad(links=["javascript:alert(1)"]), "links"),
    "unknown field": (bad(secret="x"), "secret"),
    "anonymous as a string": (bad(anonymous="yes"), "anonymous"),
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_bad_input_is_rejected_per_field_and_stores_nothing(client, settings, case):
    body, field = BAD_INPUTS[case]
    before = snapshot(settings.MEDIA_ROOT)
    response = post(client, body)
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert field in errors, errors
    assert all(isinstance(m, str) and m for m in errors[field])
    assert snapshot(settings.MEDIA_ROOT) == before


def test_unreadable_json_is_a_400(client, settings):
    before = snapshot(settings.MEDIA_ROOT)
    response = client.post(URL, data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert snapshot(settings.MEDIA_ROOT) == before


def multipart(client, files, body=None):
    return client.post(URL, data={"payload": json.dumps(body or payload()), "files": files})


def test_a_file_whose_content_is_not_allowed_is_rejected(client, settings):
    before = snapshot(settings.MEDIA_ROOT)
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 this is a program", "image/jpeg")
    response = multipart(client, [fake])
    assert response.status_code == 422
    assert "photo.jpg" in response.json()["errors"]["files"][0]
    assert snapshot(settings.MEDIA_ROOT) == before


def test_an_html_file_named_like_a_photo_is_rejected(client, settings):
    before = snapshot(settings.MEDIA_ROOT)
    page = SimpleUploadedFile("x.png", b"<html><script>alert(1)</script></html>", "image/png")
    assert multipart(client, [page]).status_code == 422
    assert snapshot(settings.MEDIA_ROOT) == before


def test_a_broken_image_is_rejected(client, settings):
    before = snapshot(settings.MEDIA_ROOT)
    broken = SimpleUploadedFile("x.jpg", jpeg()[:40], "image/jpeg")
    assert multipart(client, [broken]).status_code == 422
    assert snapshot(settings.MEDIA_ROOT) == before


def test_a_file_over_the_limit_is_rejected(client, settings):
    settings.NETRA_EVIDENCE_MAX_FILE_BYTES = 1000
    before = snapshot(settings.MEDIA_ROOT)
    big = SimpleUploadedFile("big.jpg", jpeg(size=(400, 400), color="blue") + b"\0" * 2000)
    response = multipart(client, [SimpleUploadedFile("ok.pdf", b"%PDF-1.4\n"), big])
    assert response.status_code == 422
    assert "big.jpg" in response.json()["errors"]["files"][0]
    assert snapshot(settings.MEDIA_ROOT) == before


def test_too_many_files_are_rejected(client, settings):
    settings.NETRA_EVIDENCE_MAX_FILES = 2
    before = snapshot(settings.MEDIA_ROOT)
    files = [SimpleUploadedFile(f"{i}.jpg", jpeg(), "image/jpeg") for i in range(3)]
    response = multipart(client, files)
    assert response.status_code == 422
    assert "files" in response.json()["errors"]
    assert snapshot(settings.MEDIA_ROOT) == before


def test_too_many_links_are_rejected(client, settings):
    settings.NETRA_EVIDENCE_MAX_LINKS = 2
    before = snapshot(settings.MEDIA_ROOT)
    links = [f"https://x.example/{i}" for i in range(3)]
    assert post(client, payload(links=links)).status_code == 422
    assert snapshot(settings.MEDIA_ROOT) == before


def test_a_failure_while_saving_removes_the_files_already_written(client, settings, monkeypatch):
    from netra.reports import services

    def explode(**kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(services, "record", explode)
    before = snapshot(settings.MEDIA_ROOT)
    with pytest.raises(RuntimeError):
        multipart(client, [SimpleUploadedFile("a.jpg", jpeg(), "image/jpeg")])
    assert snapshot(settings.MEDIA_ROOT) == before


def test_rate_limit_answers_429_with_retry_after(client, settings):
    settings.NETRA_RATELIMIT_ENABLED = True
    settings.NETRA_RATELIMITS = {**settings.NETRA_RATELIMITS, "report": "2/m"}
    assert post(client, payload()).status_code == 201
    assert post(client, payload()).status_code == 201
    third = post(client, payload())
    assert third.status_code == 429
    assert 0 < int(third.headers["Retry-After"]) <= 60
    assert Report.objects.count() == 2


def test_openapi_documents_bodies_with_examples_and_every_error(client):
    doc = client.get("/api/openapi.json").json()
    submit = doc["paths"]["/api/v1/reports"]["post"]
    assert submit["requestBody"]["content"]["application/json"]["example"]["election"]
    assert "multipart/form-data" in submit["requestBody"]["content"]
    assert {"201", "400", "422", "429"} <= set(submit["responses"])
    follow = doc["paths"]["/api/v1/reports/{receipt}"]["get"]
    assert {"200", "404", "429"} <= set(follow["responses"])
    message = doc["paths"]["/api/v1/reports/{receipt}/messages"]["post"]
    assert message["requestBody"]["content"]["application/json"]["example"]["body"]
    assert {"201", "400", "404", "422", "429"} <= set(message["responses"])


def test_replay_rows_are_purged_after_their_window(client, settings):
    from django.core.management import call_command

    from netra.reports.models import IntakeReplay

    post(client, payload(), **{"Idempotency-Key": "old"})
    IntakeReplay.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    call_command("purge_intake_replays", verbosity=0)
    assert not IntakeReplay.objects.exists()
    # After the window the same key is a new submission.
    post(client, payload(), **{"Idempotency-Key": "old"})
    assert Report.objects.count() == 2
