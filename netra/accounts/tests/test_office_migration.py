"""Existing officers keep their office when it becomes explicit (migration 0004)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from netra.accounts.models import User


@pytest.mark.django_db(transaction=True)
def test_existing_officers_get_their_office_named(reference_data):
    before = [("accounts", "0003_user_position_title")]
    executor = MigrationExecutor(connection)
    after = executor.loader.graph.leaf_nodes("accounts")
    executor.migrate(before)
    old_user = executor.loader.project_state(before).apps.get_model("accounts", "User")
    old_user.objects.create(username="ri", role="bawaslu_officer")  # no region meant RI
    old_user.objects.create(username="kaltim", role="bawaslu_officer", region_id="64")
    old_user.objects.create(username="smd", role="bawaslu_officer", region_id="64.72")
    old_user.objects.create(username="bkn", role="authority_analyst")

    MigrationExecutor(connection).migrate(after)

    levels = dict(User.objects.values_list("username", "office_level"))
    assert levels == {"ri": "ri", "kaltim": "province", "smd": "regency", "bkn": ""}
