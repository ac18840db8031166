"""Closing the loop: the case closes when every proven person's recommendation is settled, and the
reporter's follow page states the outcome in public words, with nobody's name."""

from __future__ import annotations

import pytest
from django.utils import timezone

from netra.cases.models import CaseEvent, CaseStatus
from netra.cases.services import close_after_sanctions
from netra.cases.workflow import TransitionNotAllowed
from netra.reference.models import SanctionType
from netra.reports import receipts
from netra.sanctions.models import Recommendation
from netra.sanctions.services.closing import close_case_if_settled
from netra.sanctions.services.responses import record_sanction

from .. import ppk_factories as f

pytestmark = pytest.mark.django_db
S = Recommendation.Status
CODE = "1234567890123456"


def _follow(client, case):
    report = case.reports.first()
    report.receipt_digest = receipts.digest(CODE)
    report.save(update_fields=["receipt_digest"])
    response = client.post("/report/follow/", {"receipt": CODE})
    assert response.status_code == 200
    return response.content.decode()


def test_the_reporter_reads_the_outcome_and_no_name(client, officer, ppk):
    case = f.forwarded_case(officer, persons=2, proven=(True, False))
    guilty, cleared = case.reported_persons.order_by("pk")
    rec = f.recommendation(case, guilty)
    record_sanction(
        recommendation=rec,
        actor=ppk,
        sanction_type=SanctionType.objects.get(code="HD-B3"),
        decree_number="800/7/BKPSDM/2024",
        imposed_on=timezone.localdate(),
        decree_scan=f.pdf(),
    )
    page = _follow(client, case)
    assert "The employing agency acted on the sanction recommendation." in page
    assert "Closed" in page
    for private in (guilty.name, cleared.name, guilty.nip, cleared.nip, "800/7/BKPSDM/2024"):
        assert private not in page


def test_the_reporter_reads_it_in_indonesian(client, officer, ppk, settings):
    case = f.forwarded_case(officer)
    rec = f.recommendation(case, status=S.FOLLOWED_UP)
    assert close_case_if_settled(case=case, actor=ppk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    assert "Rekomendasi sanksi telah ditindaklanjuti oleh instansi." in _follow(client, case)
    assert rec.reported_person.name not in _follow(client, case)


@pytest.mark.parametrize(
    ("statuses", "closes"),
    [
        ((S.FOLLOWED_UP, S.REFERRED), True),
        ((S.FOLLOWED_UP, S.WITHDRAWN), True),
        ((S.FOLLOWED_UP, S.CONTESTED), False),
        ((S.FOLLOWED_UP, S.ESCALATED), False),
        ((S.FOLLOWED_UP, S.ISSUED), False),
    ],
)
def test_every_recommendation_must_be_settled(officer, ppk, statuses, closes):
    case = f.forwarded_case(officer, persons=2)
    for person, status in zip(case.reported_persons.order_by("pk"), statuses, strict=True):
        f.recommendation(case, person, status=status)
    assert close_case_if_settled(case=case, actor=ppk) is closes
    case.refresh_from_db()
    assert case.status == (CaseStatus.CLOSED if closes else CaseStatus.FORWARDED)


def test_the_outcome_counts_each_settled_status(officer, ppk):
    case = f.forwarded_case(officer, persons=2)
    first, second = case.reported_persons.order_by("pk")
    f.recommendation(case, first, status=S.FOLLOWED_UP)
    f.recommendation(case, second, status=S.REFERRED)
    close_case_if_settled(case=case, actor=ppk)
    event = CaseEvent.objects.get(case=case, to_status=CaseStatus.CLOSED)
    assert event.data == {"after": "sanctions", "outcome": {"followed_up": 1, "referred": 1}}
    assert "diteruskan" in event.reporter_note


def test_a_closed_case_is_not_closed_twice(officer, ppk):
    case = f.forwarded_case(officer)
    f.recommendation(case, status=S.FOLLOWED_UP)
    assert close_case_if_settled(case=case, actor=ppk)
    assert not close_case_if_settled(case=case, actor=ppk)
    assert CaseEvent.objects.filter(case=case, to_status=CaseStatus.CLOSED).count() == 1
    with pytest.raises(TransitionNotAllowed):
        close_after_sanctions(case=case, actor=ppk, reporter_note="again")
