"""How case handling sees this app's reports: the submissions of a case, listed and moved.

Registered with ``netra.cases.submissions.provide`` in ``apps.py``: case handling (an earlier
layer) merges and splits cases without importing the reports app.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from netra.cases.models import Case

from .models import Report


class ReportsOfCase:
    def of_case(self, case: Case) -> Sequence[Report]:
        return list(
            Report.objects.filter(case=case)
            .order_by("submitted_at", "pk")
            .only("kind", "submitted_at", "reporter_pseudonym", "case_id")
        )

    def move(self, *, source: Case, target: Case, ids: Collection[int] | None = None) -> list[int]:
        reports = Report.objects.filter(case=source)
        if ids is not None:
            reports = reports.filter(pk__in=list(ids))
        moved = list(reports.values_list("pk", flat=True))  # newest first, as Report orders
        Report.objects.filter(pk__in=moved).update(case=target)
        return moved
