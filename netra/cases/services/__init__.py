"""The one way to change a case: keyword-only functions called by the HTML views, the API, commands
and the later stages (the reports app opens cases through ``open_case``).

Each checks the workflow table (``workflow.transition_for``) and locks the case within the actor's
jurisdiction (``permissions.lock_for_handling``: the scope and the lock are one query) before it
writes anything, runs in one transaction, records the step on the case timeline (``CaseEvent``) and
in the audit trail, and recomputes ``Case.due_on``. A refused request raises ``CaseError`` (bad
input, 400), ``TransitionNotAllowed`` (409) or ``PermissionDenied`` (403) and leaves the database as
it was. One module per concern:

- ``opening``: a new case (routing, registry match, case code, first deadline);
- ``steps``: review, register or decline, clarification, more time, close;
- ``clarification``: invitations and minutes; ``decisions``: the pleno and the forwarding;
- ``offices``: hand-over, merge, split; ``letters``: documents; ``notes``: internal notes;
- ``persons``: linking a reported person to the employee registry;
- ``later_stages``: the sanction stage's timeline steps and its close of a settled case.
"""

from .base import CIVIL_SERVICE_CATEGORIES, refresh_deadline
from .clarification import invite_to_clarification, record_clarification_minutes
from .decisions import Finding, decide_case, forward_case
from .later_stages import add_stage_event, close_after_sanctions
from .letters import issue_document
from .notes import add_note
from .offices import hand_over, merge_cases, split_case
from .opening import CaseHistory, CaseSpec, PersonSpec, open_case, open_cases
from .persons import LINKABLE, link_to_registry
from .steps import (
    close_case,
    decline_registration,
    register_case,
    request_more_time,
    start_clarification,
    start_review,
)

__all__ = [
    "CIVIL_SERVICE_CATEGORIES",
    "LINKABLE",
    "CaseHistory",
    "CaseSpec",
    "Finding",
    "PersonSpec",
    "add_note",
    "add_stage_event",
    "close_after_sanctions",
    "close_case",
    "decide_case",
    "decline_registration",
    "forward_case",
    "hand_over",
    "invite_to_clarification",
    "issue_document",
    "link_to_registry",
    "merge_cases",
    "open_case",
    "open_cases",
    "record_clarification_minutes",
    "refresh_deadline",
    "register_case",
    "request_more_time",
    "split_case",
    "start_clarification",
    "start_review",
]
