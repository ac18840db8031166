"""Which sanctions the law allows for proven violations, one kind of employee and one position.

The rule (issue 16; the data and its doubts: docs/legal/catalogue-review.md):

- **Levels.** Each proven row has a level (moral, sedang, berat, dismissal) or is decided case by case
  (DS-13, PP-N1: the levels of the forms the row lists). With several rows the heaviest fixed level
  governs; a case-by-case row can only add heavier levels, never lighter ones.
- **Kind of employee.** PNS get the PP 42/2004 and PP 94/2021 forms the rows list. PPPK get the forms
  their agency's own rule sets per level (PP 49/2018 Pasal 52; F4, low confidence), contract
  termination, and the moral forms marked as unverified for them. Non-ASN staff, village heads and
  village staff, TNI, Polri and people of unknown kind go to their own authority by letter
  (``route="own_authority"``), with the measures that authority may take (SE MenPAN-RB 1/2023;
  UU 6/2014 Pasal 30, 52; F6).
- **Position** (PNS): HD-B2 "moved to a pelaksana post" is not offered to a pelaksana (F5).
- **Repetition**: the "heavier than the last one" reading is unsourced (§2.10): it is advice of low
  confidence in the explanation and never narrows the forms.

Every form carries its article, a confidence and a reason; explanation lines are translated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import Confidence, SanctionLevel, SanctionType, ViolationType
from .sanction_rule_notes import (
    CONFIDENCE_ORDER,
    Note,
    disputes,
    level_lines,
    own_authority_lines,
    position_lines,
    repeat_advice,
)

KINDS = ("pns", "pppk", "non_asn", "village_head", "village_staff", "tni", "polri", "unknown")
SANCTION_KINDS = ("pns", "pppk")
OWN_AUTHORITY_KINDS = ("non_asn", "village_head", "village_staff", "tni", "polri", "unknown")
# netra.registry.models.PositionClass (registry is a higher layer; a test keeps the two equal).
POSITION_CLASSES = ("jpt", "administrator", "pengawas", "fungsional", "pelaksana", "non_asn")
SEVERITY = ["moral", "ringan", "sedang", "berat", "dismissal"]
# The form the agency's own PPPK rule sets for a level (PP 49/2018 Pasal 52; sanctions.toml).
PPPK_AGENCY_FORMS = {
    "ringan": "PPPK-HD-RINGAN",
    "sedang": "PPPK-HD-SEDANG",
    "berat": "PPPK-HD-BERAT",
}
_KIND_FIELD = {
    "non_asn": "applies_to_non_asn",
    "village_head": "applies_to_village_head",
    "village_staff": "applies_to_village_staff",
}


class RuleInputError(ValueError):
    """The question cannot be answered as asked; ``message`` says why in the page's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class AllowedForm:
    sanction: SanctionType
    article: str
    confidence: str
    reason: str = ""

    @property
    def confidence_label(self) -> str:
        """The confidence in the reader's language (the pages never show the raw value)."""
        if self.confidence in Confidence.values:
            return str(Confidence(self.confidence).label)
        return self.confidence


@dataclass(frozen=True)
class AllowedSanctions:
    """``route`` is "sanction" (the PPK imposes one of ``forms``) or "own_authority" (a letter to
    the person's own authority, no PP 94/2021 sanction; ``forms`` are the measures it may take)."""

    route: str
    groups: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    forms: list[AllowedForm] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)
    governing_level: str = ""
    catalogue_version: str = ""
    disputes: list[Note] = field(default_factory=list)
    advice: list[Note] = field(default_factory=list)

    def allows(self, sanction: SanctionType) -> bool:
        return any(f.sanction.pk == sanction.pk for f in self.forms)


LEVEL_ORDER = [v for v in SanctionLevel.values]


def lowest(*confidences: str) -> str:
    return min(confidences, key=CONFIDENCE_ORDER.index)


def highest(*confidences: str) -> str:
    return max(confidences, key=CONFIDENCE_ORDER.index)


def check_kind(employee_kind: str) -> None:
    """Refuse a kind of employee the rule does not know (the API checks before asking)."""
    if employee_kind not in KINDS:
        raise RuleInputError(
            _("Unknown kind of employee %(kind)s: use one of %(kinds)s.")
            % {"kind": employee_kind, "kinds": ", ".join(KINDS)}
        )


def _check(
    violations: list[ViolationType], employee_kind: str, position_class: str, earlier_proven: int
) -> None:
    if not violations:
        raise RuleInputError(_("Give at least one proven violation type."))
    if len({v.version_id for v in violations}) > 1:
        raise RuleInputError(_("The violation types come from different catalogue versions."))
    check_kind(employee_kind)
    if position_class and position_class not in POSITION_CLASSES:
        raise RuleInputError(
            _("Unknown position class %(position)s: use one of %(positions)s, or none.")
            % {"position": position_class, "positions": ", ".join(POSITION_CLASSES)}
        )
    if earlier_proven < 0:
        raise RuleInputError(_("The number of earlier proven violations cannot be negative."))


def _rank(level: str) -> int:
    return SEVERITY.index(level)


def _levels(violations: list[ViolationType]) -> tuple[str, list[str]]:
    """The governing level ("case_by_case" when no row has a fixed one) and the candidate levels."""
    fixed = [v.level for v in violations if v.level in SEVERITY]
    open_levels = {
        s.level
        for v in violations
        if v.level not in SEVERITY
        for s in v.allowed_sanctions.all()
        if s.level in SEVERITY
    }
    if not fixed:
        return "case_by_case", sorted(open_levels, key=_rank)
    governing = max(fixed, key=_rank)
    heavier = {lv for lv in open_levels if _rank(lv) > _rank(governing)}
    return governing, sorted({governing} | heavier, key=_rank)


def _row_support(violations: list[ViolationType], levels: list[str], kind_field: str):
    """Each listed sanction of the candidate levels that exists for the kind, with the rows that
    list it."""
    support: dict[int, tuple[SanctionType, list[ViolationType]]] = {}
    for v in violations:
        for s in v.allowed_sanctions.all():
            if s.level in levels and getattr(s, kind_field):
                support.setdefault(s.pk, (s, []))[1].append(v)
    return support.values()


def _form(sanction: SanctionType, rows: list[ViolationType], reason: str, cap: str = "high"):
    row_confidence = highest(*(v.confidence for v in rows)) if rows else sanction.confidence
    return AllowedForm(
        sanction=sanction,
        article=sanction.legal_basis,
        confidence=lowest(sanction.confidence, row_confidence, cap),
        reason=reason,
    )


def _listed_reason(sanction: SanctionType, rows: list[ViolationType]) -> str:
    return _("Allowed at the %(level)s level for %(codes)s (%(basis)s).") % {
        "level": SanctionLevel(sanction.level).label,
        "codes": ", ".join(v.code for v in rows),
        "basis": "; ".join(dict.fromkeys(v.sanction_basis_label for v in rows)),
    }


def _pns_forms(violations, levels, position_class: str) -> list[AllowedForm]:
    forms = []
    for sanction, rows in _row_support(violations, levels, "applies_to_pns"):
        reason, cap = _listed_reason(sanction, rows), "high"
        if sanction.code == "HD-B2":
            if position_class == "pelaksana":
                continue  # presupposes a post above pelaksana (F5): said in the explanation
            if position_class not in POSITION_CLASSES[:4]:
                cap = "low"
                reason += " " + _(
                    "Only for a person who holds a post above pelaksana: the position is not known."
                )
        if sanction.code == "HD-B1" and position_class == "pelaksana":
            cap = "low"
            reason += " " + _(
                "How a one-level demotion is carried out for a pelaksana was not found "
                "(perhaps a lower class of post)."
            )
        if sanction.code == "PDH-PARPOL":
            reason += " " + _(
                "Only if the PNS resigned from the party in writing (PP 11/2017 Pasal 255 ayat (3)); "
                "otherwise dismissal without honour from the end of the month he joined."
            )
        forms.append(_form(sanction, rows, reason, cap))
    return forms


def _pppk_forms(violations, levels) -> list[AllowedForm]:
    forms = []
    for sanction, rows in _row_support(violations, levels, "applies_to_pppk"):
        reason, cap = _listed_reason(sanction, rows), "high"
        if sanction.level == SanctionLevel.MORAL:
            cap = "low"
            reason += " " + _(
                "PP 42/2004 is the PNS code of ethics: whether it binds PPPK is unverified."
            )
        if sanction.code in PPPK_AGENCY_FORMS.values():
            continue  # added below for every level, listed or not
        forms.append(_form(sanction, rows, reason, cap))
    agency_codes = [PPPK_AGENCY_FORMS[lv] for lv in levels if lv in PPPK_AGENCY_FORMS]
    for sanction in SanctionType.objects.filter(code__in=agency_codes):
        rows = [v for v in violations if v.level in (sanction.level, "case_by_case")]
        reason = _(
            "For PPPK the agency's own discipline rule sets the %(level)s form "
            "(PP 49/2018 Pasal 52 ayat (1)-(2)); the PP 94/2021 forms cannot be assumed."
        ) % {"level": SanctionLevel(sanction.level).label}
        forms.append(_form(sanction, rows, reason, "low"))
    return forms


def _own_authority_forms(violations, employee_kind: str) -> list[AllowedForm]:
    kind_field = _KIND_FIELD.get(employee_kind)
    if kind_field is None:
        return []  # TNI, Polri, unknown: no measure in this catalogue
    reason = {
        "non_asn": _(
            "Not a PP 94/2021 sanction: the employing agency applies graded sanctions up to "
            "termination under the work agreement (SE MenPAN-RB 1/2023)."
        ),
        "village_head": _(
            "Not a PP 94/2021 sanction: the bupati/wali kota warns first; if the warning is not "
            "heeded, temporary dismissal, which may lead to dismissal (UU 6/2014 Pasal 30)."
        ),
        "village_staff": _(
            "Not a PP 94/2021 sanction: a warning first; if it is not heeded, temporary dismissal, "
            "which may lead to dismissal (UU 6/2014 Pasal 52)."
        ),
    }[employee_kind]
    codes = {s.pk for v in violations for s in v.allowed_sanctions.all()}
    forms = []
    for sanction in SanctionType.objects.filter(**{kind_field: True}):
        rows = [v for v in violations if sanction.pk in {s.pk for s in v.allowed_sanctions.all()}]
        listed = sanction.pk in codes
        forms.append(_form(sanction, rows if listed else [], reason))
    return forms


def _sorted_forms(forms: list[AllowedForm]) -> list[AllowedForm]:
    def key(f: AllowedForm) -> tuple[int, str]:
        level = f.sanction.level
        return (_rank(level) if level in SEVERITY else len(SEVERITY), f.sanction.code)

    return sorted(forms, key=key)


def allowed_sanctions(
    *,
    violation_types: Iterable[ViolationType],
    employee_kind: str,
    position_class: str = "",
    earlier_proven: int = 0,
) -> AllowedSanctions:
    """The allowed route, groups, levels and forms, each form with its article, confidence and
    reason; raises ``RuleInputError`` for a question that cannot be answered. An empty
    ``employee_kind`` is read as "unknown"."""
    violations = sorted(violation_types, key=lambda v: v.code)
    employee_kind = employee_kind or "unknown"  # a recommendation that never recorded the kind
    _check(violations, employee_kind, position_class, earlier_proven)
    governing, levels = _levels(violations)
    explanation = level_lines(violations, governing, levels)
    if employee_kind in OWN_AUTHORITY_KINDS:
        route = "own_authority"
        forms = _own_authority_forms(violations, employee_kind)
        explanation += own_authority_lines(employee_kind)
    else:
        route = "sanction"
        if employee_kind == "pns":
            forms = _pns_forms(violations, levels, position_class)
            explanation += position_lines(position_class, levels)
        else:
            forms = _pppk_forms(violations, levels)
    found = disputes(violations)
    explanation += [note.text for note in found]
    advice = repeat_advice(earlier_proven)
    explanation += [note.text for note in advice]
    forms = _sorted_forms(forms)
    form_levels = {f.sanction.level for f in forms}
    return AllowedSanctions(
        route=route,
        groups=sorted({v.group for v in violations}),
        levels=[lv for lv in LEVEL_ORDER if lv in form_levels],
        forms=forms,
        explanation=explanation,
        governing_level=governing,
        catalogue_version=violations[0].version.code,
        disputes=found,
        advice=advice,
    )
