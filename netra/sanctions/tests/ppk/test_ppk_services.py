"""The PPK's decree and contest: what is recorded, and every refusal leaves nothing behind."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from netra.audit.models import AuditEntry
from netra.cases.models import CaseEvent, CaseStatus, EventKind
from netra.reference.models import SanctionType
from netra.sanctions.models import Block, Contest, Recommendation, Sanction, SanctionFlag
from netra.sanctions.services.refusals import Conflict, Refused
from netra.sanctions.services.responses import contest_recommendation, record_sanction

from .. import ppk_factories as f

pytestmark = pytest.mark.django_db
S = Recommendation.Status


def _record(rec, actor, code="HD-B3", **overrides):
    kwargs = {
        "recommendation": rec,
        "actor": actor,
        "sanction_type": SanctionType.objects.get(code=code),
        "decree_number": "800/123/BKPSDM/2024",
        "imposed_on": timezone.localdate(),
        "decree_scan": f.pdf(),
    }
    return record_sanction(**{**kwargs, **overrides})


def _nothing_changed(rec):
    rec.refresh_from_db()
    assert rec.status == S.ISSUED and rec.settled_at is None
    assert not Sanction.objects.filter(recommendation=rec).exists()
    assert not AuditEntry.objects.filter(action="sanctions.sanction_recorded").exists()


def test_recording_the_decree_settles_lifts_the_block_and_closes_the_case(officer, ppk):
    case = f.forwarded_case(officer)
    rec = f.recommendation(case)
    block = Block.objects.create(
        recommendation=rec, blocked_on=rec.issued_on, letter_number="BLK/1", blocked_by=officer
    )
    sanction = _record(rec, ppk)
    rec.refresh_from_db()
    block.refresh_from_db()
    assert rec.status == S.FOLLOWED_UP and rec.settled_at is not None
    assert sanction.flag == SanctionFlag.NONE and len(sanction.decree_sha256) == 64
    assert sanction.decree_scan.read().startswith(b"%PDF-")
    assert block.lifted_on == timezone.localdate() and block.lifted_by == ppk
    assert "800/123/BKPSDM/2024" in block.lift_reason
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"sanctions.sanction_recorded", "sanctions.block_lifted"} <= actions
    assert CaseEvent.objects.filter(case=case, kind=EventKind.SANCTION).count() == 1
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.closed_at is not None
    closing = CaseEvent.objects.get(case=case, to_status=CaseStatus.CLOSED)
    assert closing.reporter_note == "Rekomendasi sanksi telah ditindaklanjuti oleh instansi."
    assert closing.data["outcome"] == {"followed_up": 1}


def test_the_case_stays_open_until_every_proven_person_is_settled(officer, ppk):
    case = f.forwarded_case(officer, persons=3, proven=(True, True, False))
    first, second, _cleared = case.reported_persons.order_by("pk")
    rec = f.recommendation(case, first)
    _record(rec, ppk)
    case.refresh_from_db()
    assert case.status == CaseStatus.FORWARDED  # the second proven person has no recommendation
    other = f.recommendation(case, second)
    _record(other, ppk, decree_number="800/124/BKPSDM/2024")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_an_open_recommendation_keeps_the_case_open(officer, ppk):
    case = f.forwarded_case(officer, persons=2)
    first, second = case.reported_persons.order_by("pk")
    f.recommendation(case, second)
    _record(f.recommendation(case, first), ppk)
    case.refresh_from_db()
    assert case.status == CaseStatus.FORWARDED


def test_a_ppk_of_another_agency_is_refused(officer, other_ppk):
    rec = f.recommendation(f.forwarded_case(officer))
    with pytest.raises(PermissionDenied):
        _record(rec, other_ppk)
    _nothing_changed(rec)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"imposed_on": dt.date.today() + dt.timedelta(days=2)}, "in the future"),
        ({"imposed_on": dt.date(2020, 1, 1)}, "before the recommendation"),
        ({"decree_number": "  "}, "decree number"),
        ({"decree_number": "SK\u202e1"}, "cannot be used"),
        ({"decree_scan": f.pdf("sk.pdf", b"\x89PNG\r\n\x1a\n not a pdf")}, "not a PDF"),
        ({"decree_scan": f.pdf("sk.pdf", b"")}, "empty"),
        ({"decree_scan": None}, "Attach the scan"),
    ],
)
def test_bad_decrees_are_refused_and_write_nothing(officer, ppk, overrides, message):
    rec = f.recommendation(f.forwarded_case(officer))
    with pytest.raises(Refused, match=message) as caught:
        _record(rec, ppk, **overrides)
    assert caught.value.status_code == 400
    _nothing_changed(rec)


def test_a_scan_over_the_limit_is_refused(officer, ppk, settings):
    settings.NETRA_DECREE_MAX_BYTES = 10
    rec = f.recommendation(f.forwarded_case(officer))
    with pytest.raises(Refused, match="too large"):
        _record(rec, ppk)
    _nothing_changed(rec)


def test_a_sanction_that_does_not_exist_for_the_employee_kind_is_refused(officer, ppk):
    rec = f.recommendation(f.forwarded_case(officer), employee_kind="pppk")
    with pytest.raises(Refused, match="does not exist for this kind of employee"):
        _record(rec, ppk, code="HD-B3")  # heavy discipline forms are for PNS only
    _nothing_changed(rec)


def test_a_sanction_the_catalogue_does_not_allow_is_refused(officer, ppk):
    rec = f.recommendation(f.forwarded_case(officer))  # DS-01: heavy discipline only
    with pytest.raises(Refused, match="not allowed by the violation catalogue"):
        _record(rec, ppk, code="HD-R1")
    _nothing_changed(rec)


def test_a_lighter_sanction_needs_a_reason_and_is_flagged_for_the_authority(officer, ppk):
    case = f.forwarded_case(officer)
    rec = f.recommendation(case, sanction="HD-B3")
    Block.objects.create(
        recommendation=rec, blocked_on=rec.issued_on, letter_number="BLK/2", blocked_by=officer
    )
    with pytest.raises(Refused, match="lighter than recommended"):
        _record(rec, ppk, code="HD-B1")
    _nothing_changed(rec)
    sanction = _record(rec, ppk, code="HD-B1", reason="First offence, long service.")
    assert sanction.flag == SanctionFlag.LIGHTER
    assert sanction.flag_note == "First offence, long service."
    # Not compliance yet: the block stays for the authority to judge.
    assert Block.objects.get(recommendation=rec).lifted_on is None


def test_a_heavier_form_of_the_same_level_is_not_flagged(officer, ppk):
    rec = f.recommendation(f.forwarded_case(officer), sanction="HD-B1")
    assert _record(rec, ppk, code="HD-B2").flag == SanctionFlag.NONE


def test_a_second_decree_is_refused(officer, ppk):
    rec = f.recommendation(f.forwarded_case(officer))
    _record(rec, ppk)
    with pytest.raises(Conflict, match="already"):
        _record(rec, ppk, decree_number="800/999/2024")
    assert Sanction.objects.filter(recommendation=rec).count() == 1


def test_contest_records_reasons_and_blocks_a_decree_until_answered(officer, ppk):
    case = f.forwarded_case(officer)
    rec = f.recommendation(case)
    contest = contest_recommendation(recommendation=rec, actor=ppk, reasons="Wrong person.")
    rec.refresh_from_db()
    assert rec.status == S.CONTESTED and contest.reasons == "Wrong person."
    assert AuditEntry.objects.filter(action="sanctions.contested").exists()
    assert CaseEvent.objects.get(case=case, kind=EventKind.SANCTION).data["step"] == "contested"
    with pytest.raises(Conflict):
        _record(rec, ppk)
    with pytest.raises(Conflict):
        contest_recommendation(recommendation=rec, actor=ppk, reasons="Again.")
    assert Contest.objects.count() == 1 and not Sanction.objects.exists()


def test_contest_refusals(officer, ppk, other_ppk):
    rec = f.recommendation(f.forwarded_case(officer))
    with pytest.raises(Refused, match="reasons"):
        contest_recommendation(recommendation=rec, actor=ppk, reasons="   ")
    with pytest.raises(PermissionDenied):
        contest_recommendation(recommendation=rec, actor=other_ppk, reasons="Not ours.")
    _record(rec, ppk)
    with pytest.raises(Conflict):
        contest_recommendation(recommendation=rec, actor=ppk, reasons="Too late.")
    assert not Contest.objects.exists()


def test_a_late_decree_settles_an_escalated_recommendation(officer, ppk):
    rec = f.recommendation(f.forwarded_case(officer), status=S.ESCALATED)
    _record(rec, ppk)
    rec.refresh_from_db()
    assert rec.status == S.FOLLOWED_UP
