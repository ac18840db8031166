"""The explanation lines of the allowed-sanction rule (``sanction_rules``), in the page's language.

Each line says why the answer is what it is: which level governs, where the person's own authority
decides, what the position rules out, which readings are disputed, and the unsourced advice on
repetition (docs/legal/catalogue-review.md §2.10), always marked as such.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Confidence, SanctionLevel, ViolationType

CONFIDENCE_ORDER = ["unverified", "low", "medium", "high"]


@dataclass(frozen=True)
class Note:
    """A disputed reading or a piece of advice: ``code`` is the catalogue row it concerns ("" for
    none), ``detail`` the data's own note (English, as the catalogue holds it)."""

    code: str
    text: str
    confidence: str
    detail: str = ""


def _label(level: str) -> str:
    return str(SanctionLevel(level).label) if level in SanctionLevel.values else level


def level_lines(violations: list[ViolationType], governing: str, levels: list[str]) -> list[str]:
    codes = ", ".join(v.code for v in violations)
    open_rows = [v.code for v in violations if v.level == SanctionLevel.CASE_BY_CASE]
    lines = []
    if governing == SanctionLevel.CASE_BY_CASE:
        lines.append(
            _(
                "The level of %(codes)s is decided case by case from the rule that was breached: "
                "the authority chooses among %(levels)s and gives its reasons."
            )
            % {"codes": codes, "levels": ", ".join(_label(lv) for lv in levels)}
        )
        return lines
    heaviest = [v.code for v in violations if v.level == governing]
    if len(violations) > 1:
        lines.append(
            _(
                "Several violations are proven (%(codes)s): the heaviest level, %(level)s (%(rows)s), governs."
            )
            % {"codes": codes, "level": _label(governing), "rows": ", ".join(heaviest)}
        )
    else:
        lines.append(
            _("%(code)s is a violation of the %(level)s level.")
            % {"code": codes, "level": _label(governing)}
        )
    if open_rows and len(levels) > 1:
        lines.append(
            _("%(rows)s is decided case by case: it may also justify %(levels)s.")
            % {"rows": ", ".join(open_rows), "levels": ", ".join(_label(lv) for lv in levels[1:])}
        )
    return lines


def own_authority_lines(employee_kind: str) -> list[str]:
    lines = {
        "non_asn": [
            _(
                "Non-ASN staff are not subject to PP 94/2021: the finding goes by letter to the "
                "agency that employs them, which may apply graded sanctions up to termination of the "
                "work agreement (SE MenPAN-RB 1/2023)."
            )
        ],
        "village_head": [
            _(
                "A village head is not an ASN: the finding goes by letter to the bupati/wali kota, "
                "who applies UU 6/2014 Pasal 29-30."
            )
        ],
        "village_staff": [
            _(
                "Village staff are not ASN: the finding goes by letter to the village head, who "
                "applies UU 6/2014 Pasal 51-52."
            )
        ],
        "tni": [
            _(
                "TNI members answer to their own institution: this catalogue lists no measure for them."
            )
        ],
        "polri": [
            _(
                "Polri members answer to their own institution: this catalogue lists no measure for them."
            )
        ],
        "unknown": [
            _(
                "The kind of employee is not known: establish it before recommending anything; no "
                "measure can be named."
            )
        ],
    }[employee_kind]
    if employee_kind in ("village_head", "village_staff"):
        lines.append(
            _(
                "Election crimes may apply as well (UU 7/2017 Pasal 280 with 494, Pasal 282 with "
                "490: PID-02, PID-03, PID-06)."
            )
        )
    return lines


def position_lines(position_class: str, levels: list[str]) -> list[str]:
    if SanctionLevel.BERAT not in levels:
        return []
    if position_class == "pelaksana":
        return [
            _(
                "HD-B2 (moved to a pelaksana post) is left out: the person already holds a "
                "pelaksana post."
            )
        ]
    if position_class in ("jpt", "fungsional"):
        return [
            _(
                "Low confidence: for JPT madya and ahli utama functional posts the President imposes "
                "heavy sanctions on the PPK's proposal (BKN guide to PP 94/2021)."
            )
        ]
    if position_class in ("", "non_asn"):
        return [
            _(
                "The position is not known: HD-B2 applies only to a person in a post above pelaksana."
            )
        ]
    return []


def disputes(violations: list[ViolationType]) -> list[Note]:
    return [
        Note(
            code=v.code,
            text=_(
                "%(code)s is a disputed reading (confidence: %(confidence)s): the competing reading "
                "is kept in the catalogue's dispute note."
            )
            % {"code": v.code, "confidence": Confidence(v.confidence).label},
            confidence=v.confidence,
            detail=v.dispute_note,
        )
        for v in violations
        if v.disputed
    ]


def repeat_advice(earlier_proven: int) -> list[Note]:
    if earlier_proven <= 0:
        return []
    text = ngettext(
        "Advice, low confidence and unsourced: %(count)d earlier proven violation. Discipline is "
        "often graded so that a repeat gets a heavier sanction type than the last one, but no "
        "source read states this rule for PP 94/2021 or Peraturan BKN 6/2022; the allowed forms "
        "are not narrowed.",
        "Advice, low confidence and unsourced: %(count)d earlier proven violations. Discipline is "
        "often graded so that a repeat gets a heavier sanction type than the last one, but no "
        "source read states this rule for PP 94/2021 or Peraturan BKN 6/2022; the allowed forms "
        "are not narrowed.",
        earlier_proven,
    ) % {"count": earlier_proven}
    return [Note(code="", text=text, confidence=Confidence.LOW.value)]
