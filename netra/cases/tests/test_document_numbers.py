"""Two officers of one office issuing letters at the same moment get different numbers (issue 14)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from netra.cases import services
from netra.cases.models import DocumentSequence, IssuedDocument

from .conftest import make_case


@pytest.mark.django_db
def test_numbers_follow_each_other_per_kind_office_and_year(samarinda):
    first, second = make_case(), make_case()
    a = services.issue_document(case=first, actor=samarinda, kind="receipt")
    b = services.issue_document(case=second, actor=samarinda, kind="receipt")
    year = timezone.localdate().year
    assert (a.number, b.number) == (f"TT-0001/64.72/{year}", f"TT-0002/64.72/{year}")
    assert DocumentSequence.objects.get(key=f"TT-/64.72/{year}").last == 2


@pytest.mark.django_db
def test_a_sequence_starts_after_the_letters_issued_before_it_existed(samarinda):
    case = make_case()
    services.issue_document(case=case, actor=samarinda, kind="receipt")
    DocumentSequence.objects.all().delete()  # as on a database upgraded from before the table
    later = services.issue_document(case=make_case(), actor=samarinda, kind="receipt")
    assert later.number.startswith("TT-0002/")


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuers_never_collide(reference_data):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writing transaction at a time: no race to provoke")
    from netra.accounts.tests import factories

    officers = [factories.bawaslu(f"petugas{n}", "64.72") for n in range(4)]
    cases = [make_case() for _ in officers]
    errors: list[BaseException] = []
    start = threading.Barrier(len(officers))

    def issue(officer, case):
        try:
            start.wait()
            for _ in range(5):
                services.issue_document(case=case, actor=officer, kind="receipt")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=issue, args=pair) for pair in zip(officers, cases, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = list(IssuedDocument.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == 20
