"""The operations tests file reports through the reports' test helpers: give them the election
under way that those helpers name (netra/reports/tests/conftest.py)."""

import pytest

from netra.reports.tests.conftest import under_way


@pytest.fixture(autouse=True)
def _election_under_way(request):
    if request.node.get_closest_marker("django_db") is not None:
        under_way()
