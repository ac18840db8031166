"""A change to a case asks the worker to recount its election, once per burst, after the commit;
the task skips what a later refresh already covered (freshness.py, tasks.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from netra.insights import freshness
from netra.insights.models import PublishedScope, Refresh
from netra.insights.publish import refresh_election
from netra.insights.tasks import refresh_public_figures
from netra.reference.models import Election

from .conftest import add_case

pytestmark = pytest.mark.django_db


def _queued():
    return DBTaskResult.objects.filter(task_path__endswith="refresh_public_figures")


def test_a_saved_case_asks_for_its_election_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        case = add_case(district="64.72.01", proven=1, recommended=1, sanctioned=1)
    assert callbacks  # nothing is asked before the transaction commits
    queued = list(_queued())
    assert len(queued) == 1  # one burst, one request
    assert queued[0].args_kwargs["args"][0] == case.election_id
    assert queued[0].run_after > timezone.now()  # after NETRA_INSIGHTS_REFRESH_DELAY


def test_a_rolled_back_change_asks_for_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        add_case(district="64.72.01")
    assert not _queued().exists()


def test_the_election_is_found_without_a_query(django_assert_num_queries):
    case = add_case(district="64.72.01", proven=1)
    decision = case.decisions.select_related("case").first()
    with django_assert_num_queries(0):
        assert freshness.election_of(decision) == case.election_id
        assert freshness.election_of(case) == case.election_id


def test_each_process_asks_once_per_delay(settings):
    settings.NETRA_INSIGHTS_REFRESH_DELAY = 60
    assert freshness.request_refresh(1) is True
    assert freshness.request_refresh(1) is False
    assert freshness.request_refresh(2) is True
    settings.NETRA_INSIGHTS_REFRESH_DELAY = 0
    assert freshness.request_refresh(1) is True


def test_the_task_refreshes_unless_a_later_refresh_covered_the_request():
    add_case(district="64.72.01", proven=1)
    election = Election.objects.get(code="pilkada-2024")
    before = timezone.now() - dt.timedelta(seconds=1)
    assert refresh_public_figures.call(election.pk, before.isoformat()) == "refreshed 1 of 1"
    assert PublishedScope.objects.filter(election=election, code="").exists()
    # Asked before that refresh started: nothing to do.
    assert refresh_public_figures.call(election.pk, before.isoformat()) == "refreshed 0 of 1"
    later = timezone.now() + dt.timedelta(seconds=1)
    assert refresh_public_figures.call(election.pk, later.isoformat()) == "refreshed 1 of 1"


def test_an_unknown_election_refreshes_them_all():
    result = refresh_public_figures.call(None, timezone.now().isoformat())
    assert result == f"refreshed {Election.objects.count()} of {Election.objects.count()}"
    assert Refresh.objects.count() == Election.objects.count()


def test_refresh_command_and_demo_build_publish_every_election(capsys):
    call_command("refresh_insights")
    assert Refresh.objects.count() == Election.objects.count()
    assert "pilkada-2024" in capsys.readouterr().out


def test_a_refresh_reads_only_the_published_election():
    add_case(district="64.72.01", proven=1)
    refresh_election(Election.objects.get(code="pemilu-2024"))
    national = PublishedScope.objects.get(election__code="pemilu-2024", code="")
    assert national.headline["proven"] == 0
