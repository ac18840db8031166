"""What each guide answer cites, read from the violation catalogue the case handlers use: the row's
article, the level and the sanctions it allows, and whether the reading is disputed."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

from netra.reference.models import CriminalArticle, SanctionType, ViolationType
from netra.reference.snapshots import Snapshot

from .data import Answer, Guide


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    kind: str  # "violation", "crime", "sanction"
    group: str
    level: str
    article: str
    sanction_basis: str
    sanctions: tuple[str, ...]
    disputed: bool
    dispute_note: str
    confidence: str


def _english() -> bool:
    return (get_language() or "id").startswith("en")


def _load() -> dict[str, dict[str, object]]:
    rows: dict[str, dict[str, object]] = {}
    for v in ViolationType.objects.select_related("version").prefetch_related("allowed_sanctions"):
        rows[f"{v.version.code}:{v.code}"] = {"violation": v}
    for c in CriminalArticle.objects.all():
        rows[f"crime:{c.code}"] = {"crime": c}
    for s in SanctionType.objects.all():
        rows[f"sanction:{s.code}"] = {"sanction": s}
    return rows


_CATALOGUE = Snapshot(_load, watch=(ViolationType, CriminalArticle, SanctionType), max_age=300)


def _violation(v: ViolationType) -> Rule:
    english = _english()
    sanctions = tuple(
        (s.name_en if english else s.name_id)
        for s in sorted(v.allowed_sanctions.all(), key=lambda s: s.code)
    )
    return Rule(
        code=v.code,
        title=v.title_en if english else v.title_id,
        kind="violation",
        group=str(v.get_group_display()),
        level=str(v.get_level_display()),
        article=v.violation_basis,
        sanction_basis=v.sanction_basis_label,
        sanctions=sanctions,
        disputed=v.disputed,
        dispute_note=v.dispute_note,
        confidence=v.confidence,
    )


def _crime(c: CriminalArticle) -> Rule:
    return Rule(
        c.code,
        c.summary,
        "crime",
        "",
        "",
        c.article,
        c.penalty,
        (c.penalty,),
        False,
        "",
        c.confidence,
    )


def _sanction(s: SanctionType) -> Rule:
    name = s.name_en if _english() else s.name_id
    return Rule(s.code, name, "sanction", "", str(s.get_level_display()), s.legal_basis, s.legal_basis, (name,), False, "", s.confidence)  # fmt: skip


def rules_for(answer: Answer, guide: Guide) -> list[Rule]:
    """The catalogue rows ``answer`` cites, in its order; codes missing from the catalogue are left
    out here and reported by ``missing_codes`` (a test keeps the data complete)."""
    rows = _CATALOGUE.get()
    out: list[Rule] = []
    for code in answer.catalogue_codes:
        found = rows.get(f"{guide.catalogue}:{code}")
        if found:
            out.append(_violation(found["violation"]))  # type: ignore[arg-type]
    for code in answer.criminal_codes:
        if found := rows.get(f"crime:{code}"):
            out.append(_crime(found["crime"]))  # type: ignore[arg-type]
    for code in answer.sanction_codes:
        if found := rows.get(f"sanction:{code}"):
            out.append(_sanction(found["sanction"]))  # type: ignore[arg-type]
    return out


def missing_codes(guide: Guide) -> list[str]:
    rows = _CATALOGUE.get()
    missing = []
    for a in guide.answers:
        missing += [
            f"{a.key}:{c}" for c in a.catalogue_codes if f"{guide.catalogue}:{c}" not in rows
        ]
        missing += [f"{a.key}:{c}" for c in a.criminal_codes if f"crime:{c}" not in rows]
        missing += [f"{a.key}:{c}" for c in a.sanction_codes if f"sanction:{c}" not in rows]
    return missing


def is_disputed(answer: Answer, rules: list[Rule]) -> bool:
    return answer.disputed or any(r.disputed for r in rules)
