"""State changes of the reference data that are not a release of the data files.

``add_election``: the next election and its phases (stages), added by the system admin when KPU
sets them, before a release ships them in ``data/elections.toml``. Reports are taken only about an
election under way (``reports.checks.election_stages``), so the next one must be in before its
stages start. Every value carries its basis and confidence, as in the data files.

Reference sits below accounts: the caller decides who may call (today the management command
``add_election``, run by the server's operator); every call is audited here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.validators import validate_slug
from django.db import transaction
from django.utils.translation import gettext as _

from netra.audit.services import record

from .models import Confidence, Election, ElectionKind, ElectionPhase

# The order of the stages in time (ElectionPhase.Kind is declared in it).
PHASE_ORDER = list(ElectionPhase.Kind.values)


@dataclass(frozen=True)
class PhaseInput:
    kind: str
    starts_on: dt.date
    ends_on: dt.date
    legal_basis: str
    confidence: str
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class ElectionInput:
    code: str
    name: str
    kind: str
    voting_date: dt.date
    regulation: str
    phases: Sequence[PhaseInput]
    candidates_fixed_on: dt.date | None = None
    candidates_fixed_confidence: str = Confidence.UNVERIFIED
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # unknown keys of a file, refused


class ElectionRefused(Exception):
    """The election was not added; ``problems`` lists every reason (translated)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _dmy(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


def _election_problems(data: ElectionInput) -> list[str]:
    problems = []
    try:
        validate_slug(data.code)
    except Exception:
        problems.append(_("The code may hold only letters, digits, - and _ (e.g. pemilu-2029)."))
    if len(data.code) > 30:
        problems.append(_("The code is longer than 30 characters."))
    elif Election.objects.filter(code=data.code).exists():
        problems.append(
            _("An election with the code %(code)s exists; it is never rewritten here.")
            % {"code": data.code}
        )
    for name, value, limit in (("name", data.name, 100), ("regulation", data.regulation, 200)):
        if not value.strip():
            problems.append(_("%(field)s is empty.") % {"field": name})
        elif len(value) > limit:
            problems.append(
                _("%(field)s is longer than %(limit)d characters.")
                % {"field": name, "limit": limit}
            )
    if data.kind not in ElectionKind.values:
        problems.append(
            _("Unknown election kind %(kind)s (use pemilu or pilkada).") % {"kind": data.kind}
        )
    if data.candidates_fixed_confidence not in Confidence.values:
        problems.append(
            _("Unknown confidence %(value)s (use high, medium, low or unverified).")
            % {"value": data.candidates_fixed_confidence}
        )
    if data.extra:
        problems.append(
            _("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(data.extra))}
        )
    return problems


def _phase_problems(data: ElectionInput) -> list[str]:
    problems = []
    phases = list(data.phases)
    kinds = [p.kind for p in phases]
    for phase in phases:
        label = {"kind": phase.kind}
        if phase.kind not in PHASE_ORDER:
            problems.append(
                _("Unknown phase %(kind)s (use %(kinds)s).")
                % {**label, "kinds": ", ".join(PHASE_ORDER)}
            )
        if phase.ends_on < phase.starts_on:
            problems.append(_("The phase %(kind)s ends before it starts.") % label)
        if not phase.legal_basis.strip():
            problems.append(_("The phase %(kind)s has no legal basis.") % label)
        if phase.confidence not in Confidence.values:
            problems.append(
                _("The phase %(kind)s has an unknown confidence %(value)s.")
                % {**label, "value": phase.confidence}
            )
    for kind in sorted({k for k in kinds if kinds.count(k) > 1}):
        problems.append(_("The phase %(kind)s is given more than once.") % {"kind": kind})
    if problems:
        return problems
    by_start = sorted(phases, key=lambda p: (p.starts_on, p.ends_on))
    if [p.kind for p in by_start] != sorted(kinds, key=PHASE_ORDER.index):
        problems.append(
            _("The phases are not in the order of the stages (%(kinds)s).")
            % {"kinds": ", ".join(PHASE_ORDER)}
        )
    for earlier, later in zip(by_start, by_start[1:], strict=False):
        if later.starts_on <= earlier.ends_on:
            problems.append(
                _("The phases %(first)s and %(second)s overlap (%(date)s).")
                % {"first": earlier.kind, "second": later.kind, "date": _dmy(later.starts_on)}
            )
    voting = next((p for p in phases if p.kind == ElectionPhase.Kind.VOTING), None)
    if voting is None:
        problems.append(_("The voting phase is missing."))
    elif not voting.starts_on <= data.voting_date <= voting.ends_on:
        problems.append(
            _("The voting date %(date)s is not within the voting phase.")
            % {"date": _dmy(data.voting_date)}
        )
    fixed = data.candidates_fixed_on
    if fixed and phases and not by_start[0].starts_on <= fixed <= data.voting_date:
        problems.append(
            _("Candidates cannot be fixed on %(date)s: outside the stages before voting.")
            % {"date": _dmy(fixed)}
        )
    return problems


def check_election(data: ElectionInput) -> list[str]:
    """Every reason ``data`` cannot be added; empty if it can."""
    return _election_problems(data) + _phase_problems(data)


def add_election(*, actor: Any = None, actor_label: str = "", data: ElectionInput) -> Election:
    """Add an election with its phases, or raise ``ElectionRefused`` with every problem found.

    Checked: a new code; name, kind, regulation; each phase known, once, with a legal basis and a
    confidence, starting before it ends; phases in the order of the stages without overlapping;
    the voting date within the voting phase; candidates fixed within the stages before voting.
    """
    with transaction.atomic():
        if problems := check_election(data):
            raise ElectionRefused(problems)
        election = Election.objects.create(
            code=data.code,
            name=data.name.strip(),
            kind=data.kind,
            voting_date=data.voting_date,
            candidates_fixed_on=data.candidates_fixed_on,
            candidates_fixed_confidence=data.candidates_fixed_confidence,
            regulation=data.regulation.strip(),
            note=data.note,
        )
        for phase in data.phases:
            ElectionPhase.objects.create(election=election, **asdict(phase))
        record(
            actor=actor,
            actor_label=actor_label,
            action="reference.election_added",
            target=election,
            summary=f"{election.code}: {election.name}, voting {data.voting_date.isoformat()}",
            kind=data.kind,
            voting_date=data.voting_date.isoformat(),
            regulation=election.regulation,
            candidates_fixed_on=(
                data.candidates_fixed_on.isoformat() if data.candidates_fixed_on else None
            ),
            candidates_fixed_confidence=data.candidates_fixed_confidence,
            phases=[
                {
                    **asdict(p),
                    "starts_on": p.starts_on.isoformat(),
                    "ends_on": p.ends_on.isoformat(),
                }
                for p in data.phases
            ],
        )
    return election


_REQUIRED: dict[str, type] = {
    "code": str,
    "name": str,
    "kind": str,
    "voting_date": dt.date,
    "regulation": str,
}
_OPTIONAL: dict[str, type] = {
    "candidates_fixed_on": dt.date,
    "candidates_fixed_confidence": str,
    "note": str,
}
_PHASE_REQUIRED: dict[str, type] = {
    "kind": str,
    "starts_on": dt.date,
    "ends_on": dt.date,
    "legal_basis": str,
    "confidence": str,
}
_PHASE_OPTIONAL: dict[str, type] = {"source": str, "note": str}


def _typed(
    entry: dict[str, Any], required: dict[str, type], optional: dict[str, type], where: str
) -> tuple[dict[str, Any], list[str]]:
    values, problems = {}, []
    for key, kind in (required | optional).items():
        if key not in entry:
            if key in required:
                problems.append(
                    _("%(where)s: %(field)s is missing.") % {"where": where, "field": key}
                )
            continue
        value = entry[key]
        # TOML dates are dates; a date-time or a string is a mistake.
        if not isinstance(value, kind) or (kind is dt.date and isinstance(value, dt.datetime)):
            message = (
                _("%(where)s: %(field)s must be a date (2029-02-14, without quotes).")
                if kind is dt.date
                else _("%(where)s: %(field)s must be text.")
            )
            problems.append(message % {"where": where, "field": key})
            continue
        values[key] = value
    return values, problems


def election_input(entry: dict[str, Any]) -> ElectionInput:
    """An ``[[election]]`` table of a TOML file in the form of ``data/elections.toml``; raise
    ``ElectionRefused`` if a field is missing or of the wrong type."""
    where = str(entry.get("code") or _("the election"))
    values, problems = _typed(entry, _REQUIRED, _OPTIONAL, where)
    phases = []
    raw_phases = entry.get("phases")
    if not isinstance(raw_phases, list) or not raw_phases:
        problems.append(_("%(where)s: phases are missing.") % {"where": where})
        raw_phases = []
    for number, raw in enumerate(raw_phases, start=1):
        if not isinstance(raw, dict):
            problems.append(
                _("%(where)s: phase %(n)d is not a table.") % {"where": where, "n": number}
            )
            continue
        label = f"{where}, {raw.get('kind') or number}"
        phase, phase_problems = _typed(raw, _PHASE_REQUIRED, _PHASE_OPTIONAL, label)
        unknown = sorted(set(raw) - set(_PHASE_REQUIRED) - set(_PHASE_OPTIONAL))
        if unknown:
            phase_problems.append(
                _("%(where)s: unknown fields %(fields)s.")
                % {"where": label, "fields": ", ".join(unknown)}
            )
        problems += phase_problems
        if not phase_problems:
            phases.append(PhaseInput(**phase))
    if problems:
        raise ElectionRefused(problems)
    known = set(_REQUIRED) | set(_OPTIONAL) | {"phases"}
    extra = {k: v for k, v in entry.items() if k not in known}
    return ElectionInput(**values, phases=phases, extra=extra)
