"""Which office handles a case, and which cases are one: handing over, merging, splitting."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.reference.models import Region

from .. import queue_violations
from ..models import Case, CaseStatus, EventKind, HandlingLevel, ReportedPerson
from ..routing import Office
from ..submissions import submissions
from ..workflow import CaseError, transition_for
from .base import event, locked, required, save
from .opening import CaseSpec, open_case

S = CaseStatus


def _office_above(code: str) -> tuple[str, str]:
    if code == "":
        raise CaseError(_("Bawaslu RI is the highest office: there is no office above it."))
    if "." in code:
        return HandlingLevel.PROVINCE, code[:2]
    return HandlingLevel.RI, ""


def _office_below(code: str, to_code: str) -> tuple[str, str]:
    region = Region.objects.filter(code=to_code).first()
    if region is None:
        raise CaseError(_("Unknown region code “%(code)s”.") % {"code": to_code})
    if code == "" and region.level == Region.Level.PROVINCE:
        return HandlingLevel.PROVINCE, region.code
    if len(code) == 2 and region.level == Region.Level.REGENCY and region.parent_id == code:
        return HandlingLevel.REGENCY, region.code
    raise CaseError(
        _("%(name)s is not an office directly below the one handling this case.")
        % {"name": region.name}
    )


def hand_over(*, case: Case, actor: Any, direction: str, reason: str, to_code: str = "") -> Case:
    """Hand the case one level up (kab/kota → provinsi → RI) or down to a named office."""
    transition_for(case.status, "hand_over")
    reason = required(reason, _("the reason for handing over"))
    if direction not in ("up", "down"):
        raise CaseError(_("Hand over “up” or “down”."))
    with transaction.atomic():
        case = locked(case, actor)
        transition_for(case.status, "hand_over")
        before = case.jurisdiction_code
        level, code = (
            _office_above(before) if direction == "up" else _office_below(before, to_code.strip())
        )
        case.handling_level, case.jurisdiction_code = level, code
        event(
            case,
            actor,
            from_status=case.status,
            reason=reason,
            kind=EventKind.HANDOVER,
            from_office=before,
            to_office=code,
        )
        save(
            case,
            "hand_over",
            actor,
            f"{case.code}: {before or 'RI'} → {code or 'RI'}",
            from_office=before,
            to_office=code,
            reason=reason,
        )
    return case


def _same_person(a: ReportedPerson, b: ReportedPerson) -> bool:
    return bool(
        (a.employee_id and a.employee_id == b.employee_id)
        or (a.nip and a.nip == b.nip)
        or (not a.nip and not b.nip and a.name.casefold() == b.name.casefold())
    )


def _merge_one(
    case: Case, other: Case, actor: Any, reason: str, kept: list[ReportedPerson]
) -> None:
    other = locked(other, actor)
    if other.merged_into_id:
        raise CaseError(_("%(code)s is already merged.") % {"code": other.code})
    transition_for(other.status, "merge")
    if other.election_id != case.election_id:
        raise CaseError(
            _("%(code)s concerns another election: only reports about the same event merge.")
            % {"code": other.code}
        )
    moved_ids = submissions().move(source=other, target=case)
    for person in other.reported_persons.all():
        if not any(_same_person(person, k) for k in kept):
            person.case = case
            person.save(update_fields=["case"])
            kept.append(person)
    case.received_at = min(case.received_at, other.received_at)
    case.known_on = min(case.known_on, other.known_on)
    before = other.status
    other.status, other.merged_into, other.closed_at = S.CLOSED, case, timezone.now()
    # Decisions stay with their case; only undecided cases merge today (workflow.MERGEABLE), so
    # this finds none, but the queue's rows stay true if that ever changes.
    queue_violations.recount(other)
    event(
        other,
        actor,
        from_status=before,
        reason=reason,
        kind=EventKind.MERGE_OUT,
        into=case.code,
        reports=moved_ids,
    )
    save(other, "merged_into", actor, f"{other.code} → {case.code}", into=case.code)
    # The reporters of the moved reports read this step on their follow page (public.py).
    event(
        case,
        actor,
        from_status=case.status,
        reason=reason,
        kind=EventKind.MERGE_IN,
        from_case=other.code,
        from_case_id=other.pk,
        reports=moved_ids,
    )


def merge_cases(*, case: Case, others: list[Case], actor: Any, reason: str) -> Case:
    """Merge duplicates into ``case``: their submissions and reported persons move to it (their
    reporters follow the case from now on), and each duplicate is closed with ``merged_into`` set."""
    transition_for(case.status, "merge")
    reason = required(reason, _("the reason for merging"))
    others = [o for o in others if o.pk != case.pk]
    if not others:
        raise CaseError(_("Name at least one other case to merge into this one."))
    with transaction.atomic():
        case = locked(case, actor)
        transition_for(case.status, "merge")
        kept = list(case.reported_persons.all())
        for other in others:
            _merge_one(case, other, actor, reason, kept)
        queue_violations.recount(case)
        save(case, "merge", actor, f"{case.code}: merged {', '.join(o.code for o in others)}")
    return case


def _check_split(case: Case, report_ids: set[int], person_ids: set[int]) -> list[Any]:
    """The submissions to move, oldest first, after checking the choice leaves both cases whole."""
    items = list(submissions().of_case(case))
    all_reports = {r.pk for r in items}
    all_persons = set(case.reported_persons.values_list("pk", flat=True))
    if not report_ids <= all_reports or not person_ids <= all_persons:
        raise CaseError(_("Choose reports and persons of this case only."))
    if not report_ids and not person_ids:
        raise CaseError(_("Choose at least one report or reported person for the new case."))
    if (all_reports and report_ids == all_reports) or (all_persons and person_ids == all_persons):
        raise CaseError(_("Leave at least one report and one reported person with this case."))
    return [r for r in items if r.pk in report_ids]


def split_case(
    *,
    case: Case,
    actor: Any,
    report_ids: list[int],
    person_ids: list[int],
    reason: str,
    summary: str = "",
) -> Case:
    """Move some submissions and/or reported persons into a new case, which stays with the same
    office and status; returns the new case."""
    transition_for(case.status, "split")
    reason = required(reason, _("the reason for splitting"))
    with transaction.atomic():
        case = locked(case, actor)
        transition_for(case.status, "split")
        reports, persons = set(report_ids), set(person_ids)
        moved = _check_split(case, reports, persons)
        spec = CaseSpec(
            election=case.election,
            origin=case.origin,
            incident_region=case.incident_region,
            incident_date=case.incident_date,
            known_on=case.known_on,
            summary=(summary or case.summary).strip(),
            received_at=moved[0].submitted_at if moved else case.received_at,
            office=Office(case.handling_level, case.jurisdiction_code),
        )
        new = open_case(spec=spec, actor=actor)
        new.status, new.registered_at = case.status, case.registered_at
        new.needs_more_info, new.split_from = case.needs_more_info, case
        submissions().move(source=case, target=new, ids=reports)
        ReportedPerson.objects.filter(pk__in=persons).update(case=new)
        # As in a merge: decisions stay with their case, and only undecided cases split today.
        queue_violations.recount(new)
        queue_violations.recount(case)
        moved_ids = sorted(reports)
        event(
            new,
            actor,
            from_status="",
            reason=reason,
            kind=EventKind.SPLIT_IN,
            from_case=case.code,
            from_case_id=case.pk,
            reports=moved_ids,
        )
        save(new, "split_in", actor, f"{new.code} split from {case.code}", source=case.code)
        event(
            case,
            actor,
            from_status=case.status,
            reason=reason,
            kind=EventKind.SPLIT_OUT,
            into=new.code,
            reports=moved_ids,
        )
        save(case, "split", actor, f"{case.code}: split into {new.code}", into=new.code)
    return new
