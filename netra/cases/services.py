"""The one way to change a case: keyword-only functions called by the HTML views, the API and commands.

Each checks the workflow table (``workflow.transition_for``) and the officer's jurisdiction
(``accounts.permissions.can_handle_case``) before it writes anything, runs in one transaction, records
the step on the case timeline (``CaseEvent``) and in the audit trail, and recomputes ``Case.due_on``.
A refused request raises ``CaseError`` (bad input, 400), ``TransitionNotAllowed`` (409) or
``PermissionDenied`` (403) and leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.accounts.permissions import can_handle_case
from netra.audit.services import record
from netra.reference.models import (
    CatalogueVersion,
    CivilServiceAuthority,
    CriminalArticle,
    Region,
    ViolationType,
)

from . import deadlines, documents, queue_violations
from .models import (
    Case,
    CaseEvent,
    CaseNote,
    CaseStatus,
    Clarification,
    Decision,
    DocumentKind,
    EventKind,
    Forwarding,
    HandlingLevel,
    IssuedDocument,
    Origin,
    PersonCategory,
    ReportedPerson,
)
from .workflow import CaseError, transition_for

S = CaseStatus
# Who the civil-service authority handles: ASN and non-ASN government staff (BRIEF.md).
CIVIL_SERVICE_CATEGORIES = (PersonCategory.PNS, PersonCategory.PPPK, PersonCategory.NON_ASN)


# --- Helpers ------------------------------------------------------------------------------------


def _locked(case: Case, actor: Any) -> Case:
    """The case row, locked for this transaction, after the jurisdiction check."""
    if not can_handle_case(actor, case):
        raise PermissionDenied(_("You do not handle this case."))
    return Case.objects.select_for_update().select_related("election").get(pk=case.pk)


def _event(
    case: Case,
    actor: Any,
    *,
    from_status: str,
    reason: str = "",
    kind: str = EventKind.TRANSITION,
    at: dt.datetime | None = None,
    **data: Any,
) -> CaseEvent:
    # Only steps a reporter may see go on the timeline (netra/reports shows it to them); hearings
    # and documents have their own tables and the audit trail.
    return CaseEvent.objects.create(
        case=case,
        at=at or timezone.now(),
        actor=actor,
        from_status=from_status,
        to_status=case.status,
        reason=reason,
        kind=kind,
        data=data,
    )


def _save(case: Case, action: str, actor: Any, summary: str, **data: Any) -> None:
    deadlines.refresh_due_on(case)
    case.save()
    queue_violations.follow(case)
    record(actor=actor, action=f"case.{action}", target=case, summary=summary, **data)


def _required(value: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise CaseError(_("Please give %(what)s.") % {"what": what})
    return value


def refresh_deadline(*, case: Case) -> deadlines.Deadline | None:
    """Recompute and save ``case.due_on`` from the rules table. For the reports app to call right
    after it opens a case, so the first deadline follows the same rules, holidays and overrides."""
    deadline = deadlines.refresh_due_on(case)
    Case.objects.filter(pk=case.pk).update(due_on=case.due_on, deadline_rule=case.deadline_rule)
    queue_violations.follow(case)
    return deadline


def _transition(case: Case, actor: Any, action: str, *, reason: str = "", **changes: Any) -> Case:
    with transaction.atomic():
        case = _locked(case, actor)
        before = case.status
        case.status = transition_for(before, action)
        for name, value in changes.items():
            setattr(case, name, value)
        _event(case, actor, from_status=before, reason=reason)
        _save(case, action, actor, f"{case.code}: {before} → {case.status}", reason=reason)
    return case


# --- Workflow steps -----------------------------------------------------------------------------


def start_review(*, case: Case, actor: Any, reason: str = "") -> Case:
    return _transition(case, actor, "start_review", reason=reason)


def register_case(*, case: Case, actor: Any, reason: str = "") -> Case:
    return _transition(case, actor, "register", reason=reason, registered_at=timezone.now())


def decline_registration(*, case: Case, actor: Any, reason: str) -> Case:
    """Not registered (Perbawaslu 7/2022): the reason goes to every reporter's thread."""
    transition_for(case.status, "decline")
    reason = _required(reason, _("the reason the reporter will read"))
    with transaction.atomic():
        case = _transition(case, actor, "decline", reason=reason, closed_at=timezone.now())
        _tell_reporters(
            case,
            actor,
            case.reports.exclude(kind=Origin.TEMUAN),
            _("Your report was not registered. Reason: %(reason)s") % {"reason": reason},
        )
    return case


def start_clarification(*, case: Case, actor: Any, reason: str = "") -> Case:
    return _transition(case, actor, "start_clarification", reason=reason)


def request_more_time(*, case: Case, actor: Any, reason: str) -> Case:
    """The extension for more information (UU 7/2017 Pasal 454(8): 14 working days in all from
    registration; UU 10/2016 Pasal 134(6): 5 days in all from receipt). Once per case."""
    transition_for(case.status, "request_more_time")
    reason = _required(reason, _("the reason more information is needed"))
    with transaction.atomic():
        case = _locked(case, actor)
        transition_for(case.status, "request_more_time")
        if case.needs_more_info:
            raise CaseError(_("The deadline of this case has already been extended."))
        case.needs_more_info = True
        _event(case, actor, from_status=case.status, reason=reason, kind=EventKind.MORE_TIME)
        _save(case, "more_time", actor, f"{case.code}: more time", reason=reason)
    return case


def close_case(*, case: Case, actor: Any, reason: str) -> Case:
    transition_for(case.status, "close")
    reason = _required(reason, _("the reason for closing"))
    return _transition(case, actor, "close", reason=reason, closed_at=timezone.now())


# --- Clarification ------------------------------------------------------------------------------


def invite_to_clarification(
    *,
    case: Case,
    actor: Any,
    invitee_name: str,
    invitee_role: str,
    scheduled_at: dt.datetime,
    place: str,
) -> Clarification:
    if case.status not in (S.REGISTERED, S.CLARIFICATION):
        transition_for(case.status, "start_clarification")  # raises with the allowed actions
    invitee_name = _required(invitee_name, _("the invitee's name"))
    place = _required(place, _("the place"))
    if invitee_role not in Clarification.Role.values:
        raise CaseError(_("Unknown role of the invitee."))
    with transaction.atomic():
        case = _locked(case, actor)
        invitation = Clarification.objects.create(
            case=case,
            invitee_name=invitee_name,
            invitee_role=invitee_role,
            scheduled_at=scheduled_at,
            place=place,
            invited_by=actor,
            invited_at=timezone.now(),
        )
        record(
            actor=actor,
            action="case.clarification_invited",
            target=case,
            summary=f"{case.code}: invitation {invitation.pk}",
            role=invitee_role,
        )
    return invitation


def record_clarification_minutes(
    *,
    case: Case,
    actor: Any,
    clarification_id: int,
    held_at: dt.datetime,
    attendees: str,
    statements: str,
    evidence: str = "",
) -> Clarification:
    if case.status != S.CLARIFICATION:
        raise CaseError(_("Minutes are recorded while the case is in clarification."))
    attendees = _required(attendees, _("the attendees"))
    statements = _required(statements, _("the statements"))
    with transaction.atomic():
        case = _locked(case, actor)
        hearing = Clarification.objects.filter(case=case, pk=clarification_id).first()
        if hearing is None:
            raise CaseError(_("No such clarification on this case."))
        hearing.held_at, hearing.attendees, hearing.statements = held_at, attendees, statements
        hearing.evidence, hearing.minutes_by = evidence, actor
        hearing.save()
        record(
            actor=actor,
            action="case.clarification_minutes",
            target=case,
            summary=f"{case.code}: minutes {hearing.pk}",
        )
    return hearing


# --- Decision and forwarding --------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """The plenary's finding on one reported person."""

    person_id: int
    proven: bool
    violation_codes: tuple[str, ...] = ()
    criminal_codes: tuple[str, ...] = ()
    reasoning: str = ""


def _check_findings(
    case: Case, findings: list[Finding], version: CatalogueVersion
) -> list[tuple[ReportedPerson, Finding, list[ViolationType], list[CriminalArticle]]]:
    persons = {p.pk: p for p in case.reported_persons.all()}
    given = [f.person_id for f in findings]
    if sorted(given) != sorted(persons) or len(set(given)) != len(given):
        raise CaseError(_("Give one finding for each reported person of the case."))
    out = []
    for finding in findings:
        person = persons[finding.person_id]
        codes = sorted(set(finding.violation_codes))
        violations = list(ViolationType.objects.filter(version=version, code__in=codes))
        if len(violations) != len(codes):
            unknown = sorted(set(codes) - {v.code for v in violations})
            raise CaseError(
                _("Not in catalogue %(version)s: %(codes)s.")
                % {"version": version.code, "codes": ", ".join(unknown)}
            )
        crimes = sorted(set(finding.criminal_codes))
        articles = list(
            CriminalArticle.objects.filter(code__in=crimes, election_kind=case.election.kind)
        )
        if len(articles) != len(crimes):
            raise CaseError(
                _("Unknown criminal article for a %(kind)s: %(codes)s.")
                % {"kind": case.election.get_kind_display(), "codes": ", ".join(crimes)}
            )
        if finding.proven and not violations and not articles:
            raise CaseError(
                _("%(name)s: a proven violation needs at least one violation type.")
                % {"name": person.name}
            )
        if not finding.proven and (violations or articles):
            raise CaseError(
                _("%(name)s: a violation that is not proven has no violation type.")
                % {"name": person.name}
            )
        out.append((person, finding, violations, articles))
    return out


def decide_case(
    *,
    case: Case,
    actor: Any,
    decided_on: dt.date,
    findings: list[Finding],
    reason: str = "",
) -> Case:
    """The plenary decision, per reported person, under the catalogue version in force that day."""
    transition_for(case.status, "decide")
    today = timezone.localdate()
    if decided_on > today:
        raise CaseError(_("The decision date cannot be in the future."))
    if decided_on < timezone.localdate(case.received_at):
        raise CaseError(_("The decision date cannot be before the report was received."))
    version = CatalogueVersion.in_force_on(decided_on)
    if version is None:
        raise CaseError(_("No violation catalogue was in force on that date."))
    with transaction.atomic():
        case = _locked(case, actor)
        before = case.status
        case.status = transition_for(before, "decide")
        checked = _check_findings(case, findings, version)
        for person, finding, violations, articles in checked:
            decision = Decision.objects.create(
                case=case,
                reported_person=person,
                proven=finding.proven,
                catalogue_version=version,
                decided_on=decided_on,
                reasoning=finding.reasoning,
                decided_by=actor,
            )
            decision.violation_types.set(violations)
            decision.criminal_articles.set(articles)
        queue_violations.recount(case)
        now = timezone.now()
        case.decided_at = (
            now
            if decided_on == today
            else timezone.make_aware(dt.datetime.combine(decided_on, dt.time(12)))
        )
        proven = sum(1 for _p, f, _v, _a in checked if f.proven)
        _event(case, actor, from_status=before, reason=reason, catalogue=version.code)
        _save(
            case,
            "decide",
            actor,
            f"{case.code}: decided, {proven}/{len(checked)} proven",
            catalogue=version.code,
            decided_on=decided_on.isoformat(),
        )
    return case


def forward_case(
    *, case: Case, actor: Any, forwarded_on: dt.date | None = None, note: str = ""
) -> Case:
    """Forward the ASN part to the authority competent that day (KASN, BKN from 2024-09-04)."""
    transition_for(case.status, "forward")
    forwarded_on = forwarded_on or timezone.localdate()
    if forwarded_on > timezone.localdate():
        raise CaseError(_("The forwarding date cannot be in the future."))
    authority = CivilServiceAuthority.competent_on(forwarded_on)
    if authority is None:
        raise CaseError(_("No civil-service authority was competent on that date."))
    with transaction.atomic():
        case = _locked(case, actor)
        before = case.status
        case.status = transition_for(before, "forward")
        if case.decided_at and forwarded_on < timezone.localdate(case.decided_at):
            raise CaseError(_("The forwarding date cannot be before the decision."))
        proven = Decision.objects.filter(
            case=case, proven=True, reported_person__category__in=CIVIL_SERVICE_CATEGORIES
        )
        if not proven.exists():
            raise CaseError(
                _("No civil servant was found in violation: close the case instead of forwarding.")
            )
        criminal = proven.filter(criminal_articles__isnull=False).exists()
        Forwarding.objects.create(
            case=case,
            authority=authority,
            forwarded_on=forwarded_on,
            touches_election_law=criminal,
            forwarded_by=actor,
            note=note,
        )
        case.forwarded_at = (
            timezone.now()
            if forwarded_on == timezone.localdate()
            else timezone.make_aware(dt.datetime.combine(forwarded_on, dt.time(12)))
        )
        _event(case, actor, from_status=before, reason=note, authority=authority.code)
        _save(
            case,
            "forward",
            actor,
            f"{case.code}: forwarded to {authority.code}",
            authority=authority.code,
            touches_election_law=criminal,
        )
    return case


# --- Handing over, merging, splitting -----------------------------------------------------------


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
    reason = _required(reason, _("the reason for handing over"))
    if direction not in ("up", "down"):
        raise CaseError(_("Hand over “up” or “down”."))
    with transaction.atomic():
        case = _locked(case, actor)
        transition_for(case.status, "hand_over")
        before = case.jurisdiction_code
        level, code = (
            _office_above(before) if direction == "up" else _office_below(before, to_code.strip())
        )
        case.handling_level, case.jurisdiction_code = level, code
        _event(
            case,
            actor,
            from_status=case.status,
            reason=reason,
            kind=EventKind.HANDOVER,
            from_office=before,
            to_office=code,
        )
        _save(
            case,
            "hand_over",
            actor,
            f"{case.code}: {before or 'RI'} → {code or 'RI'}",
            from_office=before,
            to_office=code,
            reason=reason,
        )
    return case


def _tell_reporters(case: Case, actor: Any, reports: Iterable[Any], body: str) -> int:
    """A message in each reporter's thread (netra.reports owns the thread: we call its service)."""
    from netra.reports.services import post_officer_reply

    sent = 0
    for report in reports:
        if report.kind == Origin.TEMUAN:
            continue
        report.case = case
        post_officer_reply(actor, report, body=body)
        sent += 1
    return sent


def _same_person(a: ReportedPerson, b: ReportedPerson) -> bool:
    return bool(
        (a.employee_id and a.employee_id == b.employee_id)
        or (a.nip and a.nip == b.nip)
        or (not a.nip and not b.nip and a.name.casefold() == b.name.casefold())
    )


def merge_cases(*, case: Case, others: list[Case], actor: Any, reason: str) -> Case:
    """Merge duplicates into ``case``: their reports and reported persons move to it, each moved
    reporter gets a message, and each duplicate is closed with ``merged_into`` set."""
    from netra.reports.models import Report

    transition_for(case.status, "merge")
    reason = _required(reason, _("the reason for merging"))
    others = [o for o in others if o.pk != case.pk]
    if not others:
        raise CaseError(_("Name at least one other case to merge into this one."))
    with transaction.atomic():
        case = _locked(case, actor)
        transition_for(case.status, "merge")
        kept = list(case.reported_persons.all())
        for other in others:
            other = _locked(other, actor)
            if other.merged_into_id:
                raise CaseError(_("%(code)s is already merged.") % {"code": other.code})
            transition_for(other.status, "merge")
            if other.election_id != case.election_id:
                raise CaseError(
                    _(
                        "%(code)s concerns another election: only reports about the same event merge."
                    )
                    % {"code": other.code}
                )
            reports = list(Report.objects.filter(case=other))
            moved_ids = [r.pk for r in reports]
            Report.objects.filter(pk__in=moved_ids).update(case=case)
            for person in other.reported_persons.all():
                if not any(_same_person(person, k) for k in kept):
                    person.case = case
                    person.save(update_fields=["case"])
                    kept.append(person)
            case.received_at = min(case.received_at, other.received_at)
            case.known_on = min(case.known_on, other.known_on)
            before = other.status
            other.status, other.merged_into, other.closed_at = S.CLOSED, case, timezone.now()
            # Decisions stay with their case; only undecided cases merge today (workflow.MERGEABLE),
            # so this finds none, but the queue's rows stay true if that ever changes.
            queue_violations.recount(other)
            _event(
                other,
                actor,
                from_status=before,
                reason=reason,
                kind=EventKind.MERGE_OUT,
                into=case.code,
                reports=moved_ids,
            )
            _save(other, "merged_into", actor, f"{other.code} → {case.code}", into=case.code)
            _event(
                case,
                actor,
                from_status=case.status,
                reason=reason,
                kind=EventKind.MERGE_IN,
                from_case=other.code,
                from_case_id=other.pk,
                reports=moved_ids,
            )
            _tell_reporters(
                case,
                actor,
                reports,
                _(
                    "Your report is now handled together with other reports about the same event, "
                    "in case %(code)s. Its status from now on is the status of that case."
                )
                % {"code": case.code},
            )
        queue_violations.recount(case)
        _save(case, "merge", actor, f"{case.code}: merged {', '.join(o.code for o in others)}")
    return case


def _new_code(year: int) -> str:
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # letters never appear in demo codes
    while True:
        code = f"NTR-{year}-" + "".join(secrets.choice(alphabet) for _ in range(7))
        if not Case.objects.filter(code=code).exists():
            return code


def split_case(
    *,
    case: Case,
    actor: Any,
    report_ids: list[int],
    person_ids: list[int],
    reason: str,
    summary: str = "",
) -> Case:
    """Move some reports and/or reported persons into a new case; returns the new case."""
    from netra.reports.models import Report

    transition_for(case.status, "split")
    reason = _required(reason, _("the reason for splitting"))
    with transaction.atomic():
        case = _locked(case, actor)
        transition_for(case.status, "split")
        all_reports = set(Report.objects.filter(case=case).values_list("pk", flat=True))
        all_persons = set(case.reported_persons.values_list("pk", flat=True))
        reports, persons = set(report_ids), set(person_ids)
        if not reports <= all_reports or not persons <= all_persons:
            raise CaseError(_("Choose reports and persons of this case only."))
        if not reports and not persons:
            raise CaseError(_("Choose at least one report or reported person for the new case."))
        if (all_reports and reports == all_reports) or (all_persons and persons == all_persons):
            raise CaseError(_("Leave at least one report and one reported person with this case."))
        moved = list(Report.objects.filter(pk__in=reports).order_by("submitted_at"))
        new = Case.objects.create(
            code=_new_code(timezone.localdate().year),
            election=case.election,
            status=case.status,
            origin=case.origin,
            handling_level=case.handling_level,
            jurisdiction_code=case.jurisdiction_code,
            incident_region=case.incident_region,
            incident_date=case.incident_date,
            known_on=case.known_on,
            summary=(summary or case.summary).strip(),
            received_at=moved[0].submitted_at if moved else case.received_at,
            registered_at=case.registered_at,
            needs_more_info=case.needs_more_info,
            split_from=case,
        )
        Report.objects.filter(pk__in=reports).update(case=new)
        ReportedPerson.objects.filter(pk__in=persons).update(case=new)
        # As in a merge: decisions stay with their case, and only undecided cases split today.
        queue_violations.recount(new)
        queue_violations.recount(case)
        _event(
            new,
            actor,
            from_status="",
            reason=reason,
            kind=EventKind.SPLIT_IN,
            from_case=case.code,
            from_case_id=case.pk,
            reports=sorted(reports),
        )
        _save(new, "split_in", actor, f"{new.code} split from {case.code}", source=case.code)
        _event(
            case,
            actor,
            from_status=case.status,
            reason=reason,
            kind=EventKind.SPLIT_OUT,
            into=new.code,
            reports=sorted(reports),
        )
        _save(case, "split", actor, f"{case.code}: split into {new.code}", into=new.code)
        _tell_reporters(
            new,
            actor,
            moved,
            _("Your report is now handled as a separate case, %(code)s.") % {"code": new.code},
        )
    return new


# --- Notes --------------------------------------------------------------------------------------


def add_note(*, case: Case, actor: Any, body: str) -> CaseNote:
    body = _required(body, _("the note"))
    with transaction.atomic():
        case = _locked(case, actor)
        note = CaseNote.objects.create(case=case, author=actor, at=timezone.now(), body=body)
        record(actor=actor, action="case.note", target=case, summary=f"{case.code}: note")
    return note


# --- Documents ----------------------------------------------------------------------------------


def issue_document(
    *, case: Case, actor: Any, kind: str, clarification_id: int | None = None
) -> IssuedDocument:
    """Number, render and keep a letter of the case; its QR code leads to ``/verify/<token>/``."""
    if kind not in DocumentKind.values:
        raise CaseError(_("Unknown document type."))
    with transaction.atomic():
        case = _locked(case, actor)
        hearing = None
        if kind in documents.PER_HEARING:
            hearing = (
                Clarification.objects.filter(case=case, pk=clarification_id).first()
                if clarification_id
                else None
            )
            if hearing is None or kind not in documents.hearing_kinds(hearing):
                raise CaseError(_("This document needs a clarification hearing of the case."))
        elif kind not in documents.available_kinds(case):
            raise CaseError(_("This document cannot be issued for the case as it stands."))
        issued_on = timezone.localdate()
        token = documents.new_token()
        for _attempt in range(5):
            number = documents.next_number(kind, case, issued_on.year)
            if not IssuedDocument.objects.filter(number=number).exists():
                break
        html = documents.render_html(
            kind=kind, case=case, number=number, issued_on=issued_on, token=token, hearing=hearing
        )
        document = IssuedDocument.objects.create(
            case=case,
            kind=kind,
            number=number,
            issued_on=issued_on,
            issuing_office=documents.office_name(case.jurisdiction_code),
            token=token,
            html=html,
            sha256=documents.digest(html),
            issued_by=actor,
            issued_at=timezone.now(),
            clarification=hearing,
        )
        record(
            actor=actor,
            action="case.document_issued",
            target=case,
            summary=f"{case.code}: {kind} {number}",
            number=number,
        )
    return document


# --- One entry point by action name (HTML form and API) -----------------------------------------


@dataclass
class Inputs:
    reason: str = ""
    note: str = ""
    decided_on: dt.date | None = None
    forwarded_on: dt.date | None = None
    findings: list[Finding] = field(default_factory=list)
    direction: str = ""
    to_code: str = ""
    other_codes: list[str] = field(default_factory=list)
    report_ids: list[int] = field(default_factory=list)
    person_ids: list[int] = field(default_factory=list)
    summary: str = ""


def perform(action: str, *, case: Case, actor: Any, inputs: Inputs) -> Case:
    """Run ``action`` by name; refused before anything is read if the workflow forbids it."""
    transition_for(case.status, action)
    if not can_handle_case(actor, case):
        raise PermissionDenied(_("You do not handle this case."))
    match action:
        case "start_review":
            return start_review(case=case, actor=actor, reason=inputs.reason)
        case "register":
            return register_case(case=case, actor=actor, reason=inputs.reason)
        case "decline":
            return decline_registration(case=case, actor=actor, reason=inputs.reason)
        case "start_clarification":
            return start_clarification(case=case, actor=actor, reason=inputs.reason)
        case "request_more_time":
            return request_more_time(case=case, actor=actor, reason=inputs.reason)
        case "close":
            return close_case(case=case, actor=actor, reason=inputs.reason)
        case "forward":
            return forward_case(
                case=case, actor=actor, forwarded_on=inputs.forwarded_on, note=inputs.note
            )
        case "decide":
            if inputs.decided_on is None:
                raise CaseError(_("Please give the decision date."))
            return decide_case(
                case=case,
                actor=actor,
                decided_on=inputs.decided_on,
                findings=inputs.findings,
                reason=inputs.reason,
            )
        case "hand_over":
            return hand_over(
                case=case,
                actor=actor,
                direction=inputs.direction,
                reason=inputs.reason,
                to_code=inputs.to_code,
            )
        case "merge":
            others = []
            for code in inputs.other_codes:
                other = Case.objects.filter(code=code.strip()).first()
                if other is None or not can_handle_case(actor, other):
                    raise CaseError(_("No case %(code)s that you handle.") % {"code": code})
                others.append(other)
            return merge_cases(case=case, others=others, actor=actor, reason=inputs.reason)
        case "split":
            return split_case(
                case=case,
                actor=actor,
                report_ids=inputs.report_ids,
                person_ids=inputs.person_ids,
                reason=inputs.reason,
                summary=inputs.summary,
            )
    raise CaseError(_("Unknown action “%(action)s”.") % {"action": action})  # pragma: no cover
