"""Prevention's rows of the permission matrix: each role against pacts and events of its own agency,
of another agency in its province, and outside it; who sees and who runs them."""

import pytest

from netra.accounts.tests import factories
from netra.prevention import permissions
from netra.prevention.models import EventInvitation
from netra.registry.models import Agency

from .conftest import KUKAR, SMD, employee, make_event, make_pact

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(admin):
    employee()
    kukar_admin = factories.agency_admin("admin.kukar", KUKAR)
    employee(KUKAR)
    kalsel_admin = factories.agency_admin("admin.bjm", "PEMKOT-63.71")
    employee("PEMKOT-63.71")
    return {
        "pact_smd": make_pact(admin),
        "pact_kukar": make_pact(kukar_admin),
        "pact_kalsel": make_pact(kalsel_admin),
        "event_smd": make_event(admin),
        "event_kukar": make_event(kukar_admin, invite=(KUKAR, SMD)),
        "event_kalsel": make_event(kalsel_admin, invite=("PEMKOT-63.71",)),
    }


# (user, sees, runs) — keys of `world`
MATRIX = [
    ("agency-admin-smd", lambda: factories.agency_admin("a2", SMD),
     {"pact_smd", "event_smd", "event_kukar"}, {"pact_smd", "event_smd"}),
    ("personnel-smd", lambda: factories.personnel("p", SMD),
     {"pact_smd", "event_smd", "event_kukar"}, set()),
    ("bawaslu-samarinda", lambda: factories.bawaslu("b", "64.72"), {"pact_smd", "event_smd"}, set()),
    ("bawaslu-kaltim", lambda: factories.bawaslu("k", "64"),
     {"pact_smd", "pact_kukar", "event_smd", "event_kukar"}, set()),
    ("bawaslu-ri", lambda: factories.bawaslu("ri"),
     {"pact_smd", "pact_kukar", "pact_kalsel", "event_smd", "event_kukar", "event_kalsel"}, set()),
    ("bkn", factories.analyst,
     {"pact_smd", "pact_kukar", "pact_kalsel", "event_smd", "event_kukar", "event_kalsel"}, set()),
    ("system-admin", factories.system_admin,
     {"pact_smd", "pact_kukar", "pact_kalsel", "event_smd", "event_kukar", "event_kalsel"}, set()),
]  # fmt: skip


@pytest.mark.parametrize(("name", "make_user", "sees", "runs"), MATRIX, ids=[m[0] for m in MATRIX])
def test_each_role_sees_and_runs(world, name, make_user, sees, runs):
    user = make_user()
    for key, obj in world.items():
        if key.startswith("pact"):
            assert permissions.can_view_pact(user, obj) is (key in sees), key
            assert permissions.can_manage_pact(user, obj) is (key in runs), key
        else:
            assert permissions.can_view_event(user, obj) is (key in sees), key
            assert permissions.can_manage_event(user, obj) is (key in runs), key


def test_anonymous_and_inactive_users_see_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    officer = factories.bawaslu("off")
    officer.is_active = False
    for user in (AnonymousUser(), officer):
        assert not permissions.visible_pacts(user).exists()
        assert not permissions.visible_events(user).exists()


def test_an_invited_agency_sees_the_event_but_not_other_agencies_names(world):
    smd = Agency.objects.get(code=SMD)
    assert EventInvitation.objects.filter(event=world["event_kukar"], agency=smd).exists()
    personnel = factories.personnel("p2", SMD)
    assert not permissions.sees_names(personnel, world["event_kukar"].agency_id)
    assert permissions.sees_names(personnel, smd.pk)
