"""The queue's scope (``visible_cases_for_queue``) is exactly ``visible_cases`` for every role."""

import pytest

from netra.accounts.tests import factories
from netra.cases import permissions
from netra.cases.models import Case

from .conftest import make_case

pytestmark = pytest.mark.django_db


def test_the_queue_scope_equals_the_visibility_rule_for_every_role():
    make_case()  # Samarinda
    make_case(agency="PEMKAB-64.02")  # Kutai Kartanegara
    make_case(agency="PEMPROV-64")  # Bawaslu Kalimantan Timur
    make_case(agency="KEMENDAGRI")  # Bawaslu RI
    make_case(agency="PEMKOT-63.71", region="63.71.01")  # another province
    users = [
        factories.bawaslu("ri"),
        factories.bawaslu("kaltim", "64"),
        factories.bawaslu("smd", "64.72"),
        factories.bawaslu("kukar", "64.02"),
        factories.analyst(),
        factories.personnel(),
        factories.agency_admin(),
        factories.system_admin(),
    ]
    for user in users:
        expected = set(permissions.visible_cases(user).values_list("pk", flat=True))
        got = set(permissions.visible_cases_for_queue(user).values_list("pk", flat=True))
        assert got == expected, user.username
    assert Case.objects.count() == 5
