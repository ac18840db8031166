from __future__ import annotations

from netra.accounts.permissions import visible_employees


def active_employee_count(user) -> int:
    return visible_employees(user).filter(is_active=True).count()
