"""Which civil-service authority an analyst works for, and which files are that authority's.

Accounts carry no link to an authority: an analyst (``Role.AUTHORITY_ANALYST``) works for the
authority competent today (``CivilServiceAuthority.competent_on``: KASN until 2024-09-03, BKN from
2024-09-04). KASN's files still open on the hand-over date reach BKN through the institutional
hand-over (``services/handover.py``), never silently by date. A per-account link would add an
accounts migration and a field to every analyst for a choice the date already makes; if a second
authority ever works in parallel, this is the one function to change.

- A forward is the authority's when ``Forwarding.authority`` is it (the inbox, recommending).
- A recommendation is the authority's to follow up (block, escalate, answer a contest) when it
  reports to it (``report_to``; the issuer for rows without one).
- The authority reads a case file when the case was forwarded to it or one of its
  recommendations is on the case; any other case is a 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from netra.accounts.permissions import Role, is_staff_user
from netra.cases.models import Case, CaseStatus
from netra.reference.models import CivilServiceAuthority

from .models import Recommendation

_CACHE = "_netra_authority"


def is_analyst(user: Any) -> bool:
    return is_staff_user(user) and user.role == Role.AUTHORITY_ANALYST


def authority_of(user: Any) -> CivilServiceAuthority | None:
    """The authority ``user`` works for today, or None for anyone who is not an analyst."""
    if not is_analyst(user):
        return None
    cached = getattr(user, _CACHE, None)
    if cached is None:
        cached = CivilServiceAuthority.competent_on(timezone.localdate())
        setattr(user, _CACHE, cached)
    return cached


def followed_up_by(authority: CivilServiceAuthority | None) -> Q:
    """Recommendations ``authority`` follows up."""
    if authority is None:
        return Q(pk__in=[])
    return Q(report_to=authority) | Q(report_to__isnull=True, authority=authority)


def authority_recommendations(user: Any, qs: QuerySet | None = None) -> QuerySet:
    qs = Recommendation.objects.all() if qs is None else qs
    return qs.filter(followed_up_by(authority_of(user)))


def authority_cases(user: Any, qs: QuerySet | None = None) -> QuerySet:
    """The case files ``user``'s authority may open."""
    qs = Case.objects.all() if qs is None else qs
    authority = authority_of(user)
    if authority is None:
        return qs.none()
    ours = Recommendation.objects.filter(followed_up_by(authority), case=OuterRef("pk"))
    return qs.filter(
        Q(forwarding__authority=authority) | Q(Exists(ours)),
        status__in=[CaseStatus.FORWARDED, CaseStatus.CLOSED],
    )


def authority_case(user: Any, code: str, qs: QuerySet | None = None) -> Case:
    """The case ``code`` for the authority's pages: 404 unless it is the user's authority's file."""
    case = authority_cases(user, qs).filter(code=code).first()
    if case is None:
        raise Http404
    return case
