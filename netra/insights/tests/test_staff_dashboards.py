"""Staff dashboards: each office sees its own jurisdiction only; the authority and agencies see
compliance and coverage within their scope; bad date ranges get a message (views_internal.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from netra.accounts.tests import factories
from netra.cases.models import Case, CaseStatus
from netra.registry.models import PositionClass

from .conftest import add_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases():
    today = timezone.localdate()
    samarinda = [add_case(district="64.72.01", proven=1, recommended=1) for _ in range(3)]
    kukar = [add_case(district="64.02.01", agency="PEMKAB-64.02") for _ in range(2)]
    Case.objects.filter(pk=samarinda[0].pk).update(
        status=CaseStatus.CLARIFICATION, due_on=today - dt.timedelta(days=1)
    )
    Case.objects.filter(pk=samarinda[1].pk).update(status=CaseStatus.REGISTERED, due_on=today)
    Case.objects.filter(pk=kukar[0].pk).update(status=CaseStatus.REGISTERED, due_on=today)
    return samarinda, kukar


def _due(page) -> dict[str, int]:
    return {k: page.context["fig"].due[k] for k in ("overdue", "today", "week", "none")}


def test_an_office_sees_its_own_cases_and_no_others(client, cases):
    client.force_login(factories.bawaslu("bawaslu.samarinda", "64.72"))
    page = client.get("/insights/office/")
    assert page.status_code == 200
    assert _due(page) == {"overdue": 1, "today": 1, "week": 1, "none": 0}  # the third: forwarded
    assert [code for code, _name, _n in page.context["fig"].hotspots] == ["64.72.01"]
    stages = dict((s, n) for s, _label, n in page.context["fig"].by_stage)
    assert stages["clarification"] == 1 and stages["registered"] == 1
    times = page.context["fig"].stage_times
    assert times[0][1] == 2.0 and times[0][2] == 3  # registered two days after receipt


def test_a_province_sees_its_kabupaten_and_ri_sees_everything(client, cases):
    client.force_login(factories.bawaslu("bawaslu.kaltim", "64"))
    page = client.get("/insights/office/")
    assert [code for code, _n, _c in page.context["fig"].hotspots] == ["64.72", "64.02"]
    client.force_login(factories.bawaslu("bawaslu.ri"))
    page = client.get("/insights/office/")
    assert [code for code, _n, _c in page.context["fig"].hotspots] == ["64"]


def test_a_date_range_the_wrong_way_round_is_refused(client, cases):
    client.force_login(factories.bawaslu("bawaslu.samarinda", "64.72"))
    page = client.get(
        "/insights/office/", {"received_from": "2024-12-01", "received_to": "2024-01-01"}
    )
    assert page.status_code == 400
    assert "wrong way round" in page.content.decode() or "terbalik" in page.content.decode()
    for bad in ({"received_from": "kemarin"}, {"election": "pilkada-2099"}, {"election": "\x00"}):
        assert client.get("/insights/office/", bad).status_code == 400


def test_a_date_range_narrows_the_figures(client, cases):
    client.force_login(factories.bawaslu("bawaslu.samarinda", "64.72"))
    page = client.get(
        "/insights/office/", {"received_from": "2025-01-01", "election": "pilkada-2024"}
    )
    assert page.status_code == 200
    assert sum(n for _s, _l, n in page.context["fig"].by_stage) == 0


def test_only_bawaslu_officers_open_the_office_dashboard(client, cases):
    assert client.get("/insights/office/").status_code == 302  # to the login page
    client.force_login(factories.analyst())
    assert client.get("/insights/office/").status_code == 403


def test_the_authority_sees_compliance_nationally_and_a_ppk_only_its_agency(client, cases):
    client.force_login(factories.analyst())
    page = client.get("/insights/compliance/")
    assert page.status_code == 200
    assert page.context["compliance"].total == 3
    client.force_login(factories.personnel("ppk.kukar", "PEMKAB-64.02"))
    assert client.get("/insights/compliance/").context["compliance"].total == 0
    client.force_login(factories.personnel("ppk.samarinda", "PEMKOT-64.72"))
    assert client.get("/insights/compliance/").context["compliance"].total == 3
    client.force_login(factories.system_admin())
    assert client.get("/insights/compliance/").status_code == 403


def test_every_code_the_models_produce_has_a_label_in_both_languages():
    from netra.insights.dictionary import dictionary
    from netra.reference.models import ElectionPhase
    from netra.registry.models import Agency

    dims = dictionary().dimensions
    for choices, dim in (
        (ElectionPhase.Kind, "phase"),
        (PositionClass, "position_class"),
        (Agency.Kind, "agency_kind"),
    ):
        for value in choices.values:
            label = dims[dim].values[value]
            assert label.label_id and label.label_en, (dim, value)


@pytest.mark.parametrize(
    ("url", "social"),
    [
        ("https://www.facebook.com/akun/posts/1", True),
        ("http://m.facebook.com", True),
        ("https://vt.tiktok.com/ZS123/", True),
        ("https://X.com/akun/status/1", True),
        ("https://youtu.be/abc?t=1", True),
        ("https://facebook.com@example.org/x", False),
        ("https://x.com.example.org/", False),
        ("https://notfacebook.com/", False),
        ("https://example.org/?u=https://facebook.com/", False),
    ],
)
def test_social_media_is_recognised_by_the_link_host_only(url, social):
    import re

    from netra.insights.dictionary import social_media_regex

    assert bool(re.match(social_media_regex(), url, re.IGNORECASE)) is social
