"""Events: planning, materials checked by content, check-in in the hall and online, the quiz."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from netra.audit.models import AuditEntry
from netra.prevention import codes
from netra.prevention.models import EventAttendance, EventMaterial, QuizAttempt
from netra.prevention.selectors import attendance_by_agency, public_counts, quiz_scores
from netra.prevention.services import attendance, events, quiz
from netra.prevention.workflow import PreventionError

from .conftest import KUKAR, employee, make_event

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pptx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("ppt/presentation.xml", "<p:presentation/>")
    return buffer.getvalue()


def door(event, **kw):
    return attendance.check_in(event_code=event.code, method="door",
                               token=codes.qr_token(event.door_secret), **kw)  # fmt: skip


def refused(status, fn, **kwargs):
    before = (
        EventAttendance.objects.count(),
        QuizAttempt.objects.count(),
        AuditEntry.objects.count(),
    )
    with pytest.raises(PreventionError) as error:
        fn(**kwargs)
    assert error.value.status_code == status, error.value.message
    after = (
        EventAttendance.objects.count(),
        QuizAttempt.objects.count(),
        AuditEntry.objects.count(),
    )
    assert after == before
    return error.value.message


def test_one_checks_in_at_the_door_and_one_online_counted_per_agency(admin):
    hall, remote = employee(), employee(KUKAR)
    event = make_event(admin, invite=("PEMKOT-64.72", KUKAR))
    door(event, identifier=hall.nip)
    attendance.check_in(event_code=event.code, identifier=remote.nip, method="online",
                        session_code=codes.session_code(event.online_secret))  # fmt: skip
    rows = {r["agency__code"]: (r["in_hall"], r["remote"]) for r in attendance_by_agency(event)}
    assert rows == {"PEMKOT-64.72": (1, 0), KUKAR: (0, 1)}
    assert public_counts()["attendances"] == 2


def test_a_second_check_in_is_a_conflict(admin):
    person = employee()
    event = make_event(admin)
    door(event, identifier=person.nip)
    assert "already" in refused(409, door, event=event, identifier=person.nip)


def test_check_in_before_the_doors_open_or_after_the_end_is_refused(admin):
    person = employee()
    later = make_event(admin, starts_in=dt.timedelta(hours=3))
    assert "not started" in refused(409, door, event=later, identifier=person.nip)
    over = make_event(admin, starts_in=dt.timedelta(hours=-5), hours=2)
    assert "ended" in refused(409, door, event=over, identifier=person.nip)


def test_an_expired_door_code_or_a_wrong_session_code_is_refused(admin):
    person = employee()
    event = make_event(admin)
    stale = codes.qr_token(event.door_secret, at=timezone.now().timestamp() - 600)
    refused(
        400,
        attendance.check_in,
        event_code=event.code,
        identifier=person.nip,
        method="door",
        token=stale,
    )
    refused(400, attendance.check_in, event_code=event.code, identifier=person.nip, method="online",
            session_code="ZZZZZZ")  # fmt: skip


def test_a_kiosk_is_run_by_the_events_admin_only(admin):
    from netra.accounts.tests import factories

    person = employee()
    event = make_event(admin)
    refused(403, attendance.check_in, event_code=event.code, identifier=person.nip, method="kiosk",
            actor=factories.personnel())  # fmt: skip
    row = attendance.check_in(
        event_code=event.code, identifier=person.nip, method="kiosk", actor=admin
    )
    assert row.method == "kiosk" and row.invited


def test_slides_and_pdfs_are_accepted_by_content_and_anything_else_refused(admin, settings):
    event = make_event(admin)
    pdf = events.add_material(actor=admin, event=event, title="Materi KPU",
                              upload=SimpleUploadedFile("x.txt", PDF))  # fmt: skip
    assert (pdf.extension, pdf.content_type) == ("pdf", "application/pdf")
    assert str(pdf.file.name).startswith("prevention/materials/") and "x.txt" not in str(
        pdf.file.name
    )
    slides = events.add_material(actor=admin, event=event, title="Slide",
                                 upload=SimpleUploadedFile("s.pptx", pptx()))  # fmt: skip
    assert slides.extension == "pptx"
    before = EventMaterial.objects.count()
    for name, content in (
        ("fake.pdf", b"MZ\x90\x00 not a pdf"),
        ("img.pptx", b"\x89PNG\r\n\x1a\n" + b"0" * 64),
    ):
        with pytest.raises(PreventionError) as error:
            events.add_material(
                actor=admin, event=event, title="X", upload=SimpleUploadedFile(name, content)
            )
        assert error.value.status_code == 415
    assert EventMaterial.objects.count() == before


def test_planning_refuses_bad_input_with_a_message(admin):
    with pytest.raises(PreventionError, match="end after"):
        make_event(admin, hours=-1)
    with pytest.raises(PreventionError, match="not allowed"):
        events._clean(events.EventInput(election=None, title="Sosialisasi\x00", mode="hall",  # type: ignore[arg-type]
                                        starts_at=timezone.now(), ends_at=timezone.now()))  # fmt: skip


def test_the_quiz_is_for_attendees_once_and_explains_each_answer(admin):
    present, absent = employee(), employee()
    event = make_event(admin)
    door(event, identifier=present.nip)
    asked = quiz.questions(event)
    assert len(asked) == quiz.QUESTIONS and all(not a.disputed for a in asked)
    answers = {a.key: a.verdict for a in asked}
    answers[asked[0].key] = "boleh" if asked[0].verdict != "boleh" else "tidak_boleh"
    refused(403, quiz.submit, event_code=event.code, identifier=absent.nip, answers=answers)
    refused(400, quiz.submit, event_code=event.code, identifier=present.nip, answers={})
    attempt = quiz.submit(event_code=event.code, identifier=present.nip, answers=answers)
    assert (attempt.score, attempt.total) == (quiz.QUESTIONS - 1, quiz.QUESTIONS)
    refused(409, quiz.submit, event_code=event.code, identifier=present.nip, answers=answers)
    from netra.prevention.models import SocializationEvent

    scores = quiz_scores(SocializationEvent.objects.filter(pk=event.pk))
    assert scores["agencies"][0]["n"] == 1 and round(scores["agencies"][0]["mean"]) == 80
