"""Which sanctions the law allows for proven violations, one kind of employee and one position.

STUB (issue 16): the full rule (violation, employee kind, position class, repetition, with the
article and confidence of each answer) replaces this. The signature is the contract.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import EmployeeType, SanctionLevel, SanctionType, ViolationType

OWN_AUTHORITY_KINDS = ("village_head", "village_staff", "tni", "polri", "unknown")


@dataclass(frozen=True)
class AllowedForm:
    sanction: SanctionType
    article: str
    confidence: str
    reason: str = ""


@dataclass(frozen=True)
class AllowedSanctions:
    """``route`` is "sanction" (the PPK imposes one of ``forms``) or "own_authority" (a letter to
    the person's own authority, no PP 94/2021 sanction)."""

    route: str
    groups: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    forms: list[AllowedForm] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)

    def allows(self, sanction: SanctionType) -> bool:
        return any(f.sanction.pk == sanction.pk for f in self.forms)


LEVEL_ORDER = [v for v in SanctionLevel.values]


def allowed_sanctions(
    *,
    violation_types: Iterable[ViolationType],
    employee_kind: str,
    position_class: str = "",
    earlier_proven: int = 0,
) -> AllowedSanctions:
    violations = list(violation_types)
    if employee_kind not in EmployeeType.values:
        return AllowedSanctions(route="own_authority")
    forms: dict[int, AllowedForm] = {}
    for v in violations:
        for s in v.sanctions_for(employee_kind):
            forms[s.pk] = AllowedForm(sanction=s, article=s.legal_basis, confidence=s.confidence)
    return AllowedSanctions(
        route="sanction",
        groups=sorted({v.group for v in violations}),
        levels=sorted({f.sanction.level for f in forms.values()}, key=LEVEL_ORDER.index),
        forms=sorted(forms.values(), key=lambda f: f.sanction.code),
    )
