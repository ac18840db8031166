"""``manage.py legal_hold CASE_CODE --reason TEXT [--lift]``: keep a case's personal data past its
retention period (a court case, an appeal), or lift the hold. Audited."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from netra.cases.models import Case


class Command(BaseCommand):
    help = "Place (or --lift) a legal hold on a case"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("code")
        parser.add_argument("--reason", required=True)
        parser.add_argument("--lift", action="store_true")

    def handle(self, *args: Any, code: str, reason: str, lift: bool, **options: Any) -> None:
        from netra.reports.retention import set_legal_hold

        case = Case.objects.filter(code=code).first()
        if case is None:
            raise CommandError(f"No case has the code {code}.")
        try:
            set_legal_hold(case=case, hold=not lift, reason=reason)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"legal hold {'lifted from' if lift else 'placed on'} {code}")
