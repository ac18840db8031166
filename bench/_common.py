"""Shared by the benchmarks: a separate PostgreSQL database, and Django set up against it."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/netra_bench"
# Reports are taken only about an election under way on the incident date (issue 14): benchmarks
# that submit reports add the demo world's election, whose stages run around today
# (netra/demo/election.py), after load_reference.
ELECTION_SETUP = ("shell", "-c", "from netra.demo.election import demo_election; demo_election()")


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--quick", action="store_true", help="smoke-sized run (seconds)")
    p.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL),
        help=f"PostgreSQL database for the benchmark, created if missing (default {DEFAULT_URL})",
    )
    return p


def ensure_database(url: str) -> None:
    """Create the benchmark database if missing, then migrate it and load the reference data."""
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    manage("migrate", "--no-input", "-v0", url=url)
    manage("load_reference", "-v0", url=url)


def manage(*args: str, url: str) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        check=True,
        env={**os.environ, "DATABASE_URL": url},
    )


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netra.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return 0.0
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * (len(sorted_values) - 1))))
    return sorted_values[k]


def verified(client, user) -> None:
    """Mark a test client's session as past the second factor, as the login's code page would
    (Bawaslu officers must use one; the demo enrols them)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:  # an account the benchmark made itself: enrol it
        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
