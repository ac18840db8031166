"""Shared pytest fixtures.

The reference data (regions, elections, catalogue, agencies) is loaded once into the test database, as
the real app has it. Browser tests run on a live server with Debian's Chromium.
"""

from __future__ import annotations

import os
import threading

import pytest
from django.core.management import call_command

from netra.audit.protection import empty_trail_for_flush
from netra.reference.snapshots import clear_all

# Playwright runs its own event loop in the test thread; the ORM calls in live-server tests are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("NETRA_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session", autouse=True)
def _live_server_one_request_at_a_time_on_sqlite():
    """pytest-django hands the live server the test thread's in-memory SQLite connection, and
    Django's live server answers each connection in its own thread: a page's parallel requests
    (htmx, previews) then used one connection at once ("bad parameter or other API misuse"). On
    SQLite the live server keeps its threads (keep-alive connections) but runs one request at a
    time; PostgreSQL gives each thread its own connection and is left as it is."""
    from django.conf import settings
    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.test.testcases import LiveServerThread

    if "sqlite" not in settings.DATABASES["default"]["ENGINE"]:
        return

    class OneRequestAtATime(ThreadedWSGIServer):
        def set_app(self, application):
            lock = threading.Lock()

            def serialised(environ, start_response):
                with lock:  # the whole body too: a streamed response reads the database as well
                    return list(application(environ, start_response))

            super().set_app(serialised)

    LiveServerThread.server_class = OneRequestAtATime


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_reference", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_snapshots():
    # A test's rows are rolled back without signals: no snapshot may outlive the test that read it.
    clear_all()
    yield
    clear_all()


def _flushed_after(request) -> bool:
    """Whether pytest-django empties the database with Django's flush after this test."""
    marker = request.node.get_closest_marker("django_db")
    transaction = marker is not None and (
        marker.kwargs.get("transaction")
        or marker.kwargs.get("reset_sequences")
        or marker.args[:1] == (True,)
    )
    fixtures = {"transactional_db", "live_server", "django_db_reset_sequences"}
    return bool(transaction or fixtures & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _audit_trail_before_flush(request):
    """Empty the append-only audit trail before the flush that ends a transactional test.

    On SQLite that flush is ``DELETE FROM`` every table, which the audit trigger refuses; the one
    test-only path (``netra.audit.protection.empty_trail_for_flush``) lifts the trigger inside a
    transaction that restores it. The test itself runs with the trigger, as production does.
    Requesting ``transactional_db`` here sets the database up before this fixture, so this teardown
    runs before pytest-django's flush.
    """
    if not _flushed_after(request):
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    empty_trail_for_flush()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
        ],
    }


@pytest.fixture
def reference_data(transactional_db):
    """Live-server tests use a transactional database that is emptied after each test: reload."""
    call_command("load_reference", verbosity=0)


@pytest.fixture
def client():
    """The test client, whose logins also pass an enrolled account's second factor (see
    netra/accounts/tests/login.py); ``client.force_login(user, verified=False)`` does not."""
    from netra.accounts.tests.login import StaffClient

    return StaffClient()
