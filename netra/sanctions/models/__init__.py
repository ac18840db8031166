"""Stage 4, sanctions: the authority's recommendation per proven person, the PPK's decree or
objection, the block and escalation when the PPK does not act, and institutional hand-overs.

Modules: ``recommendation`` (the recommendation and its statuses), ``response`` (what the PPK
records: a sanction decree or a contest), ``enforcement`` (personnel-data blocks and escalations),
``handover`` (moving open files between authorities, e.g. KASN to BKN on 2024-09-04).
"""

from .compliance import ComplianceDays, ComplianceTally
from .enforcement import Block, Escalation
from .handover import Handover, HandoverItem
from .recommendation import Recommendation, Route
from .response import Contest, Sanction, SanctionFlag

__all__ = [
    "Block",
    "ComplianceDays",
    "ComplianceTally",
    "Contest",
    "Escalation",
    "Handover",
    "HandoverItem",
    "Recommendation",
    "Route",
    "Sanction",
    "SanctionFlag",
]
