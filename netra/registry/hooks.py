"""Links a later stage adds to an employee in the registry's tables, without the registry importing
it (the registry is below cases and sanctions). A stage registers a provider in its
``AppConfig.ready``; a provider gets the user and the employee and answers ``(url, label)`` or None.
Providers run once per row: they must not query the database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

EmployeeLink = Callable[[Any, Any], "tuple[str, str] | None"]
_providers: list[EmployeeLink] = []


def provide_employee_link(provider: EmployeeLink) -> None:
    if provider not in _providers:
        _providers.append(provider)


def employee_links(user: Any, employee: Any) -> list[tuple[str, str]]:
    return [link for provider in _providers if (link := provider(user, employee))]
