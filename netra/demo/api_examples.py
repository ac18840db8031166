"""Finds, in the demo world of `bin/run`, a case for every request example of the case-handling API
(``netra/cases/data/api_examples.toml``) in the status the example needs, within the jurisdiction of
``bawaslu.kaltim``; ``manage.py demo_api_examples --write`` rewrites the file's codes and NIPs when
the demo world changes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from django.db.models import Count, Q, QuerySet

from netra.cases.models import Case, CaseStatus, Decision
from netra.cases.services import CIVIL_SERVICE_CATEGORIES
from netra.cases.workflow import OPEN_FOR_CHANGES

EXAMPLES_FILE = Path(__file__).resolve().parents[1] / "cases" / "data" / "api_examples.toml"
DECIDED_ON = dt.date(2025, 1, 15)  # the decision examples' date: after every demo case's receipt


def _kaltim() -> QuerySet[Case]:
    scope = Q(jurisdiction_code="64") | Q(jurisdiction_code__startswith="64.")
    return Case.objects.filter(scope, election__code="pilkada-2024").order_by("code")


def _one_person_with_nip() -> QuerySet[Case]:
    return (
        _kaltim()
        .filter(status=CaseStatus.CLARIFICATION, received_at__date__lt=DECIDED_ON)
        .annotate(
            n=Count("reported_persons"),
            nips=Count("reported_persons", filter=~Q(reported_persons__nip="")),
        )
        .filter(n=1, nips=1, reported_persons__category__in=CIVIL_SERVICE_CATEGORIES)
    )


def find() -> tuple[dict[str, str], dict[str, str]]:
    """(example name → case code, placeholder → value) for the current demo world."""
    taken: set[str] = set()

    def pick(qs: QuerySet[Case]) -> Case:
        case = qs.exclude(code__in=taken).first()
        if case is None:
            raise LookupError("The demo world has no case for an example: build it with defaults.")
        taken.add(case.code)
        return case

    cases: dict[str, Case] = {}
    cases["start_review"] = pick(_kaltim().filter(status=CaseStatus.RECEIVED))
    cases["register"] = pick(_kaltim().filter(status=CaseStatus.INITIAL_REVIEW))
    cases["decline"] = pick(_kaltim().filter(status=CaseStatus.INITIAL_REVIEW))
    cases["request_more_time"] = pick(
        _kaltim().filter(status=CaseStatus.REGISTERED, needs_more_info=False)
    )
    proven_asn = Decision.objects.filter(
        proven=True, reported_person__category__in=CIVIL_SERVICE_CATEGORIES
    ).values("case")
    cases["forward"] = pick(_kaltim().filter(status=CaseStatus.DECIDED, pk__in=proven_asn))
    cases["close"] = pick(_kaltim().filter(status=CaseStatus.FORWARDED))
    cases["decision_proven"] = pick(_one_person_with_nip())
    cases["decision_not_proven"] = pick(_one_person_with_nip())
    open_ = _kaltim().filter(status__in=OPEN_FOR_CHANGES)
    cases["hand_over_up"] = pick(open_.filter(jurisdiction_code__startswith="64."))
    cases["hand_over_down"] = pick(open_.filter(jurisdiction_code="64"))
    cases["merge"] = pick(open_)
    split = open_.annotate(
        nips=Count("reported_persons", filter=~Q(reported_persons__nip=""))
    ).filter(nips__gte=2)
    cases["split"] = pick(split)
    values = {
        "proven_nip": cases["decision_proven"].reported_persons.get().nip,
        "not_proven_nip": cases["decision_not_proven"].reported_persons.get().nip,
        "merge_other": cases["hand_over_down"].code,
        "split_nip": cases["split"].reported_persons.exclude(nip="").order_by("-pk")[0].nip,
    }
    return {name: case.code for name, case in cases.items()}, values


def rewrite(text: str, codes: dict[str, str], values: dict[str, str]) -> str:
    """The TOML with the found codes and NIPs in place (everything else as it was)."""
    for name, code in codes.items():
        text = re.sub(rf'(?m)^{name} = "[^"]*"$', f'{name} = "{code}"', text, count=1)
    for table, key in (
        ("decision_proven", "proven_nip"),
        ("decision_not_proven", "not_proven_nip"),
    ):
        text = re.sub(rf'(?s)(\[decision\.{table}\]\n.*?nip = ")\d+', rf"\g<1>{values[key]}", text)
    text = re.sub(r'(other_codes = \[")[^"]+', rf"\g<1>{values['merge_other']}", text)
    text = re.sub(r'(person_nips = \[")\d+', rf"\g<1>{values['split_nip']}", text)
    return text
