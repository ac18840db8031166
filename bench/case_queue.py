"""The officer case queue on 1,000,000 cases (PostgreSQL): filtered, most urgent first, first page.

    uv run --frozen python bench/case_queue.py [--quick] [--database-url URL] [--rebuild]

Builds the demo world once into its own database (``build_demo --employees 20000 --cases 1000000``;
``--quick``: 2,000 employees and 20,000 cases in ``<name>_quick``), then times, for officers of
Bawaslu RI, a province and two kabupaten/kota, each filter of the queue through the real code:

- ``selector``: ``netra.cases.selectors.queue_page`` (the query and the rows the page shows);
- ``view``: ``GET /cases/?…`` with the htmx header (the table partial), through the test client
  with the whole middleware stack, a logged-in session and template rendering.

Prints p50/p95 per officer and filter and the overall p95 against the goal (p95 < 100 ms).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlparse, urlunparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import RESULTS, ROOT, manage, percentile, verified  # noqa: E402

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/netra_bench_cases"
FULL = {"employees": 20_000, "cases": 1_000_000, "repeat": 40}
QUICK = {"employees": 2_000, "cases": 20_000, "repeat": 8}
GOAL_MS = 100.0
OFFICERS = ("bawaslu.ri", "bawaslu.kaltim", "bawaslu.samarinda", "bawaslu.kukar")
FILTERS: dict[str, dict[str, str]] = {
    "open cases": {},
    "overdue": {"due": "overdue"},
    "due within 7 days": {"due": "week"},
    "no statutory deadline": {"due": "none"},
    "status registered": {"status": "registered"},
    "election pilkada-2024": {"election": "pilkada-2024"},
    "region 64.72 (Samarinda)": {"region": "64.72"},
    "agency PEMKOT-64.72": {"agency": "PEMKOT-64.72"},
    "violation DS-01": {"violation": "DS-01"},
    "all statuses": {"status": "all"},
    "page 5": {"page": "5"},
}


def _args(argv: list[str]):
    import argparse

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="smoke-sized run (a minute)")
    p.add_argument(
        "--database-url", default=os.environ.get("BENCH_CASES_DATABASE_URL", DEFAULT_URL)
    )
    p.add_argument("--rebuild", action="store_true", help="drop the benchmark database first")
    p.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args, _unknown = p.parse_known_args(argv)  # bench/run.py passes every benchmark's arguments
    return args


def _with_name(url: str, suffix: str) -> str:
    parts = urlparse(url)
    return urlunparse(parts._replace(path=parts.path.rstrip("/") + suffix))


def prepare(url: str, size: dict, rebuild: bool) -> None:
    """Create, migrate and fill the benchmark database unless it already holds this world."""
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if rebuild:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    manage("migrate", "--no-input", "-v0", url=url)
    manage("load_reference", "-v0", url=url)
    with psycopg.connect(url, autocommit=True) as conn:
        cases = conn.execute("SELECT count(*) FROM cases_case").fetchone()[0]
        if cases not in (0, size["cases"]):
            raise SystemExit(
                f"{name} holds {cases:,} cases, not {size['cases']:,}: use --rebuild "
                "or another --database-url"
            )
    if cases == 0:
        started = time.perf_counter()
        manage(
            "build_demo",
            "--employees",
            str(size["employees"]),
            "--cases",
            str(size["cases"]),
            url=url,
        )
        print(f"built the demo world in {time.perf_counter() - started:,.0f} s", flush=True)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def _timed(fn, repeat: int) -> list[float]:
    fn()  # warm: the first call pays for connections and plans
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return sorted(out)


def measure(url: str, repeat: int) -> dict:
    from _common import setup_django

    os.environ.setdefault("NETRA_RATELIMIT_ENABLED", "false")
    setup_django(url)
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    from netra.accounts.models import User
    from netra.cases.selectors import QueueFilters, queue_page

    rows = []
    for username in OFFICERS:
        user = User.objects.select_related("region").get(username=username)
        client = Client(headers={"HX-Request": "true"})
        client.force_login(user)
        verified(client, user)  # Bawaslu officers log in with a second factor
        for label, params in FILTERS.items():
            page = int(params.get("page", 1))
            filters = QueueFilters(**{k: v for k, v in params.items() if k != "page"})
            result = {}

            def selector(user=user, filters=filters, page=page, result=result):
                result["rows"] = len(queue_page(user, filters, page=page).rows)

            def view(client=client, params=params):
                response = client.get("/cases/?" + urlencode(params))
                assert response.status_code == 200, response.status_code

            s = _timed(selector, repeat)
            v = _timed(view, repeat)
            rows.append(
                {
                    "officer": username,
                    "filter": label,
                    "rows": result["rows"],
                    "selector_p50": statistics.median(s),
                    "selector_p95": percentile(s, 95),
                    "view_p50": statistics.median(v),
                    "view_p95": percentile(v, 95),
                }
            )
            print(
                f"{username:<18} {label:<26} rows {result['rows']:>3}  "
                f"selector p50 {rows[-1]['selector_p50']:6.1f} p95 {rows[-1]['selector_p95']:6.1f}  "
                f"view p50 {rows[-1]['view_p50']:6.1f} p95 {rows[-1]['view_p95']:6.1f} ms",
                flush=True,
            )
    return {"rows": rows}


def main(argv: list[str]) -> int:
    args = _args(argv)
    size = QUICK if args.quick else FULL
    if args.measure:  # the child: the URL is already the benchmark database
        print(json.dumps(measure(args.database_url, size["repeat"])), file=sys.stderr)
        return 0
    url = _with_name(args.database_url, "_quick") if args.quick else args.database_url
    prepare(url, size, args.rebuild)
    with subprocess.Popen(
        [sys.executable, __file__, "--measure", "--database-url", url]
        + (["--quick"] if args.quick else []),
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        _, err = child.communicate()
    if child.returncode:
        print(err, file=sys.stderr)
        return 1
    result = json.loads(err.strip().splitlines()[-1])
    worst_view = max(r["view_p95"] for r in result["rows"])
    worst_selector = max(r["selector_p95"] for r in result["rows"])
    overall = sorted(r["view_p95"] for r in result["rows"])
    print(f"cases: {size['cases']:,}  officers: {len(OFFICERS)}  filters: {len(FILTERS)}")
    print(
        f"worst p95: selector {worst_selector:.1f} ms, view {worst_view:.1f} ms (goal < {GOAL_MS:.0f} ms)"
    )
    print(f"median of the view p95s: {statistics.median(overall):.1f} ms")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"case_queue_{size['cases']}.json").write_text(json.dumps(result, indent=2))
    return 0 if worst_view < GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
