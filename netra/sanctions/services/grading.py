"""How a sanction the PPK imposes compares with the recommendation and the catalogue.

The law lists the forms of each level from the lightest to the heaviest (PP 94/2021 Pasal 8 ayat
(2)-(4) huruf a, b, c; PP 42/2004 Pasal 15 ayat (3) huruf a, b), so within one level the form whose
legal basis comes first is the lighter one: the order is read from the data (``legal_basis``), not
from a list of codes. Levels rank moral < ringan < sedang < berat < contract (a PPPK's termination
with honour) < dismissal; ``case_by_case`` ranks nowhere, so it is never called lighter.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from netra.reference.models import EmployeeType, SanctionLevel, SanctionType
from netra.reference.sanction_rules import allowed_sanctions

from ..models import Recommendation, SanctionFlag
from .refusals import Refused

LEVEL_RANK = {
    SanctionLevel.MORAL: 0,
    SanctionLevel.RINGAN: 1,
    SanctionLevel.SEDANG: 2,
    SanctionLevel.BERAT: 3,
    SanctionLevel.CONTRACT: 4,
    SanctionLevel.DISMISSAL: 5,
}
APPLIES = {
    EmployeeType.PNS: "applies_to_pns",
    EmployeeType.PPPK: "applies_to_pppk",
    EmployeeType.NON_ASN: "applies_to_non_asn",
}


def is_lighter(imposed: SanctionType, recommendation: Recommendation) -> bool:
    """Whether ``imposed`` is lighter than what ``recommendation`` asked for."""
    imposed_rank = LEVEL_RANK.get(SanctionLevel(imposed.level))
    wanted_rank = LEVEL_RANK.get(SanctionLevel(recommendation.recommended_level))
    if imposed_rank is None or wanted_rank is None:
        return False
    if imposed_rank != wanted_rank:
        return imposed_rank < wanted_rank
    wanted = recommendation.recommended_sanction
    return wanted is not None and imposed.legal_basis < wanted.legal_basis


def exists_for(sanction: SanctionType, employee_kind: str) -> bool:
    field = APPLIES.get(employee_kind)  # type: ignore[call-overload]
    return bool(field and getattr(sanction, field))


def allowed_for(recommendation: Recommendation):
    """The catalogue's allowed sanctions for this recommendation (reference.sanction_rules)."""
    return allowed_sanctions(
        violation_types=recommendation.violation_types.all(),
        employee_kind=recommendation.employee_kind,
        position_class=recommendation.position_class,
        earlier_proven=recommendation.earlier_proven,
    )


def grade(recommendation: Recommendation, sanction: SanctionType, reason: str) -> tuple[str, str]:
    """The flag and its note for ``sanction``, or ``Refused``.

    Our reading of the law: the authority's recommendation is binding on the PPK (UU 5/2014 Pasal
    32 ayat (3): follow-up is mandatory; docs/legal deadlines.md A2), and the PPK's discipline
    decision must be one the regulation lets them impose for that violation (PP 94/2021 Pasal 8 with
    the SKB 2022 rows). So:

    - a sanction that does not exist for the person's kind of employee, or that the catalogue does
      not allow for the proven violations, is refused: it is no lawful follow-up at all;
    - a lighter sanction than recommended is a decision the PPK may still take and must answer for:
      it is recorded, flagged ``lighter`` with the PPK's reason, and the authority sees the flag
      (it may treat the recommendation as not followed: block, escalate). Without a reason it is
      refused;
    - when the catalogue offers no form at all for these violations (a gap in the data, e.g. a
      ``case_by_case`` row), any sanction of the person's kind is recorded flagged ``not_allowed``
      for the authority to review, rather than leaving the PPK unable to comply.
    """
    if not exists_for(sanction, recommendation.employee_kind):
        raise Refused(
            _("%(sanction)s does not exist for this kind of employee (%(kind)s).")
            % {"sanction": sanction.label, "kind": recommendation.employee_kind or "—"}
        )
    rules = allowed_for(recommendation)
    if rules.forms and not rules.allows(sanction):
        raise Refused(
            _(
                "%(sanction)s is not allowed by the violation catalogue for the violations found. "
                "Choose one of: %(allowed)s."
            )
            % {
                "sanction": sanction.label,
                "allowed": ", ".join(f.sanction.label for f in rules.forms),
            }
        )
    if not rules.forms:
        return SanctionFlag.NOT_ALLOWED, _(
            "The catalogue lists no sanction for these violations; the authority reviews it."
        )
    if is_lighter(sanction, recommendation):
        if not reason:
            raise Refused(
                _(
                    "This sanction is lighter than recommended. The recommendation must be "
                    "followed (UU 5/2014 Pasal 32 ayat 3): give the reason for a lighter sanction, "
                    "which the authority will read."
                )
            )
        return SanctionFlag.LIGHTER, reason
    return SanctionFlag.NONE, reason
