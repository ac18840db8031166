"""Signing a pact: NIP plus the second factor; every bad input is a clear 4xx and writes nothing."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone, translation

from netra.audit.models import AuditEntry
from netra.prevention import codes
from netra.prevention.models import PactCode, PactSignature, PactTally, SecondFactor
from netra.prevention.selectors import pact_coverage, pacts_with_coverage
from netra.prevention.services import distribution, pacts, signing
from netra.prevention.services.coverage import rebuild_signed
from netra.prevention.workflow import PreventionError

from .conftest import KUKAR, employee, give_code, make_pact

pytestmark = pytest.mark.django_db


def written():
    return (PactSignature.objects.count(), AuditEntry.objects.filter(action="pact.signed").count())


def refused(status, **kwargs):
    before = written()
    with pytest.raises(PreventionError) as error:
        signing.sign(**kwargs)
    assert error.value.status_code == status, error.value.message
    assert written() == before
    return error.value.message


def test_an_employee_signs_with_nip_and_paper_code_and_coverage_counts_it(admin):
    person = employee(unit="Dinas Kesehatan")
    employee(unit="Dinas Kesehatan")
    pact = make_pact(admin)
    code = give_code(pact, person)
    signature = signing.sign(pact_code=pact.code, identifier=str(person.nip), code=code.lower())
    assert signature.signer_name == person.name and signature.token
    assert signature.region_code == "64.72"  # the agency's, as the employee has none
    rows = {r.key: (r.required, r.signed) for r in pact_coverage(pact)}
    assert rows == {"Dinas Kesehatan": (2, 1)}
    assert pacts_with_coverage(admin).get(pk=pact.pk).signed == 1
    assert AuditEntry.objects.filter(action="pact.signed", target_id=str(pact.pk)).exists()


def test_signing_twice_is_a_conflict(admin):
    person = employee()
    pact = make_pact(admin)
    code = give_code(pact, person)
    signing.sign(pact_code=pact.code, identifier=str(person.nip), code=code)
    message = refused(409, pact_code=pact.code, identifier=str(person.nip), code=code)
    assert "already" in message


def test_a_wrong_code_is_refused_and_counted_until_locked(admin):
    person = employee()
    pact = make_pact(admin)
    give_code(pact, person)
    for _ in range(codes.MAX_FAILURES):
        refused(400, pact_code=pact.code, identifier=str(person.nip), code="WRONG234")
    # Locked now, even with the right code.
    refused(429, pact_code=pact.code, identifier=str(person.nip), code="ABCD2345")


def test_an_expired_emailed_code_is_refused(admin):
    person = employee()
    pact = make_pact(admin, factor=SecondFactor.EMAIL)
    give_code(pact, person, "123456", kind=SecondFactor.EMAIL,
              expires_at=timezone.now() - dt.timedelta(minutes=1))  # fmt: skip
    message = refused(400, pact_code=pact.code, identifier=str(person.nip), code="123456")
    assert "expired" in message


def test_a_nip_outside_the_pacts_set_is_refused(admin):
    outsider = employee(KUKAR)
    other_unit = employee(unit="RSUD")
    employee(unit="Dinas Pendidikan")
    pact = make_pact(admin, units=["Dinas Pendidikan"])
    for person in (outsider, other_unit):
        give_code(pact, person)
        refused(403, pact_code=pact.code, identifier=str(person.nip), code="ABCD2345")
    refused(403, pact_code=pact.code, identifier="198503122010011999", code="ABCD2345")


def test_a_malformed_nip_says_what_is_wrong(admin):
    pact = make_pact(admin)
    message = refused(400, pact_code=pact.code, identifier="19850312201001100", code="X")
    assert "18 digits" in message


def test_a_closed_pact_cannot_be_signed(admin):
    person = employee()
    pact = make_pact(admin)
    give_code(pact, person)
    pacts.close(actor=admin, pact=pact)
    assert "closed" in refused(
        409, pact_code=pact.code, identifier=str(person.nip), code="ABCD2345"
    )


def test_a_draft_pact_is_not_found(admin):
    person = employee()
    pact = make_pact(admin, publish=False)
    refused(404, pact_code=pact.code, identifier=str(person.nip), code="ABCD2345")


def test_leaders_sign_first_then_everyone(admin):
    head = employee(position_class="jpt")
    staff = employee()
    pact = make_pact(admin, leaders_first=True)
    give_code(pact, head)
    give_code(pact, staff)
    refused(409, pact_code=pact.code, identifier=str(staff.nip), code="ABCD2345")
    signing.sign(pact_code=pact.code, identifier=str(head.nip), code="ABCD2345")
    pacts.open_to_all(actor=admin, pact=pact)
    signing.sign(pact_code=pact.code, identifier=str(staff.nip), code="ABCD2345")


def test_the_emailed_code_goes_to_the_official_address_and_signs(
    admin, django_capture_on_commit_callbacks
):
    person = employee()
    pact = make_pact(admin, factor=SecondFactor.EMAIL)
    with pytest.raises(PreventionError) as no_address:
        signing.request_email_code(pact_code=pact.code, identifier=str(person.nip))
    assert no_address.value.status_code == 409
    distribution.import_emails(actor=admin, agency=admin.agency, text=f"NIP,email\n{person.nip},ani@samarinda.example\n")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        masked = signing.request_email_code(pact_code=pact.code, identifier=str(person.nip))
    assert masked.startswith("an") and masked.endswith("@samarinda.example")
    code = mail.outbox[-1].body.split("Your code is ")[1][:6]
    signing.sign(pact_code=pact.code, identifier=str(person.nip), code=code)


def test_paper_codes_are_printed_for_those_not_signed_and_replace_old_ones(admin):
    first, second = employee(), employee()
    pact = make_pact(admin)
    issued = distribution.issue_paper_codes(actor=admin, pact=pact)
    assert {p.employee.pk for p in issued} == {first.pk, second.pk}
    code = next(p.code for p in issued if p.employee.pk == first.pk)
    signing.sign(pact_code=pact.code, identifier=str(first.nip), code=codes.pretty(code))
    again = distribution.issue_paper_codes(actor=admin, pact=pact)
    assert [p.employee.pk for p in again] == [second.pk]
    old = next(p.code for p in issued if p.employee.pk == second.pk)
    refused(400, pact_code=pact.code, identifier=str(second.nip), code=old)


def test_a_signing_session_qr_token_links_the_signature_and_expires(admin):
    person = employee()
    pact = make_pact(admin)
    give_code(pact, person)
    session = distribution.open_session(actor=admin, pact=pact)
    stale = codes.qr_token(session.secret, at=timezone.now().timestamp() - 600)
    refused(
        400, pact_code=pact.code, identifier=str(person.nip), code="ABCD2345", session_token=stale
    )
    token = codes.qr_token(session.secret)
    signature = signing.sign(
        pact_code=pact.code, identifier=str(person.nip), code="ABCD2345", session_token=token
    )
    assert signature.session == session


def test_reminders_go_to_those_who_have_not_signed(admin, django_capture_on_commit_callbacks):
    signed, waiting, no_address = employee(), employee(), employee()
    pact = make_pact(admin)
    distribution.import_emails(
        actor=admin,
        agency=admin.agency,
        text=f"{signed.nip},a@x.example\n{waiting.nip},b@x.example\n",
    )
    give_code(pact, signed)
    signing.sign(pact_code=pact.code, identifier=str(signed.nip), code="ABCD2345")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reminder = distribution.request_reminders(actor=admin, pact=pact)
    reminder.refresh_from_db()
    assert (reminder.sent, reminder.without_address) == (1, 1)
    assert [m.to for m in mail.outbox] == [["b@x.example"]]
    assert no_address.pk


def test_rebuild_signed_matches_the_live_counters(admin):
    people = [employee(unit=u) for u in ("A", "A", "B")]
    pact = make_pact(admin)
    for person in people:
        signing.sign(pact_code=pact.code, identifier=str(person.nip), code=give_code(pact, person))
    live = sorted(PactTally.objects.filter(pact=pact).values_list("unit", "slot", "signed"))
    rebuild_signed(pact)
    assert sorted(PactTally.objects.filter(pact=pact).values_list("unit", "slot", "signed")) == live


def test_messages_are_in_indonesian_by_default(admin):
    person = employee()
    pact = make_pact(admin)
    give_code(pact, person)
    with translation.override("id"), pytest.raises(PreventionError) as error:
        signing.sign(pact_code=pact.code, identifier=str(person.nip), code="SALAH234")
    assert "Kode" in error.value.message or "kode" in error.value.message


def test_codes_are_stored_as_hmac_only(admin):
    person = employee()
    pact = make_pact(admin)
    plain = give_code(pact, person)
    assert plain not in PactCode.objects.get().digest


def test_a_pact_closed_by_another_process_is_refused_at_the_write(admin):
    from netra.prevention.models import IntegrityPact

    person = employee()
    pact = make_pact(admin)
    give_code(pact, person)
    signing.pact_for_signing(pact.code)  # this process remembers it open for a few seconds
    IntegrityPact.objects.filter(pk=pact.pk).update(status="closed")  # elsewhere: no signal here
    assert "closed" in refused(
        409, pact_code=pact.code, identifier=str(person.nip), code="ABCD2345"
    )
    assert not PactTally.objects.filter(pact=pact, signed__gt=0).exists()
