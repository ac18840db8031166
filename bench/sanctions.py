"""The PPK inbox and the compliance page on 1,000,000 cases and 200,000 recommendations (PostgreSQL).

    uv run --frozen python bench/sanctions.py [--quick] [--database-url URL] [--rebuild] [--drop]
        [--inbox-url /sanctions/ppk/]

Builds its world once (bench/_sanctions_world.py, INSERT … SELECT: ``--quick`` 20,000 cases and
4,000 recommendations in ``<name>_quick``), counts the compliance tally once (as the task worker
does), then through the test client with the whole middleware stack and a logged-in session times:

- the bare view ``/report/_bench/bare`` (same middleware, no work): the ceiling of this run;
- the PPK inbox of the busiest agency (about 12% of all recommendations) and of a small one, pages
  1 and 5: the real page ``/sanctions/ppk/`` (``--inbox-url`` times another address);
- the compliance page for the authority (every agency; per election, province, kind; per province
  and per election) and for one agency (its PPK, with its recommendations listed), and the CSV export.

Prints p50/p95/p99 per page and the ratio to the bare view; goal p95 < 100 ms each.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import RESULTS, ROOT, manage, percentile  # noqa: E402

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/netra_bench_sanctions"
FULL = {"cases": 1_000_000, "recommendations": 200_000, "repeat": 60}
QUICK = {"cases": 20_000, "recommendations": 4_000, "repeat": 15}
GOAL_MS = 100.0
BENCH_INBOX = "/sanctions/ppk/"  # the real page (views_ppk.inbox)
AUTHORITY = {
    "compliance, every agency": "/sanctions/compliance/",
    "compliance, election pilkada-2024": "/sanctions/compliance/?election=pilkada-2024",
    "compliance, province 64": "/sanctions/compliance/?province=64",
    "compliance, city governments, by ignored": "/sanctions/compliance/?agency_kind=city_gov&sort=-ignored",
    "compliance, per province": "/sanctions/compliance/?by=province",
    "compliance, per election": "/sanctions/compliance/?by=election",
    "compliance CSV, every agency": "/sanctions/compliance/export/?format=csv",
}
AGENCY = {
    "compliance, own agency (PPK)": "/sanctions/compliance/",
    "compliance, own agency, late listed": "/sanctions/compliance/?outcome=late",
}


def _args(argv: list[str]):
    import argparse

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="smoke-sized run (a minute)")
    p.add_argument(
        "--database-url", default=os.environ.get("BENCH_SANCTIONS_DATABASE_URL", DEFAULT_URL)
    )
    p.add_argument("--rebuild", action="store_true", help="drop the benchmark database first")
    p.add_argument("--drop", action="store_true", help="drop the benchmark database at the end")
    p.add_argument("--inbox-url", default=BENCH_INBOX, help="the PPK inbox to time")
    p.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--fill", action="store_true", help=argparse.SUPPRESS)
    args, _unknown = p.parse_known_args(argv)
    return args


def _with_name(url: str, suffix: str) -> str:
    parts = urlparse(url)
    return urlunparse(parts._replace(path=parts.path.rstrip("/") + suffix))


def _admin(url: str) -> tuple[str, str]:
    parts = urlparse(url)
    return parts.path.lstrip("/"), urlunparse(parts._replace(path="/postgres"))


def prepare(url: str, size: dict, rebuild: bool) -> None:
    import psycopg

    name, admin = _admin(url)
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
        raise SystemExit(f"{name} holds {cases:,} cases, not {size['cases']:,}: use --rebuild")
    if cases == 0:
        args = [sys.executable, __file__, "--fill", "--database-url", url]
        subprocess.run(args + (["--quick"] if size is QUICK else []), check=True, cwd=ROOT)
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")


def _fill(url: str, size: dict) -> None:
    from _common import setup_django

    setup_django(url)
    from _sanctions_world import fill

    fill(size["cases"], size["recommendations"])


def _timed(fn, repeat: int) -> list[float]:
    fn()  # warm: connections, plans, templates
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return sorted(out)


def _time_pages(client, pages: dict[str, str], repeat: int, expected: int = 200) -> list[dict]:
    rows = []
    for label, path in pages.items():

        def get(path=path):
            answer = client.get(path)
            assert answer.status_code == expected, (path, answer.status_code)

        t = _timed(get, repeat)
        row = {"page": label, "path": path, "p50": statistics.median(t)}
        row.update(p95=percentile(t, 95), p99=percentile(t, 99))
        rows.append(row)
        print(
            f"{label:<46} p50 {row['p50']:6.1f}  p95 {row['p95']:6.1f}  p99 {row['p99']:6.1f} ms",
            flush=True,
        )
    return rows


def measure(url: str, repeat: int, inbox: str) -> dict:
    from _common import setup_django

    os.environ.setdefault("NETRA_RATELIMIT_ENABLED", "false")
    setup_django(url)
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    settings.ROOT_URLCONF = "bench.sanctions_urls"
    from netra.accounts.models import User
    from netra.sanctions.compliance_summary_table import refresh
    from netra.sanctions.models import Recommendation

    started = time.perf_counter()
    tally = refresh()
    refresh_ms = (time.perf_counter() - started) * 1000
    print(f"compliance tally counted in {refresh_ms:,.0f} ms ({tally})", flush=True)
    clients = {}
    for username in ("bench.bkn", "bench.ppk.busy", "bench.ppk.small"):
        clients[username] = Client()
        clients[username].force_login(User.objects.get(username=username))
    busy = User.objects.get(username="bench.ppk.busy")
    rows = _time_pages(
        clients["bench.bkn"], {"bare view (ceiling)": "/report/_bench/bare"}, repeat, 201
    )
    inbox_pages = {
        "PPK inbox, busiest agency, page 1": inbox,
        "PPK inbox, busiest agency, page 5": f"{inbox}?page=5",
    }
    rows += _time_pages(clients["bench.ppk.busy"], inbox_pages, repeat)
    rows += _time_pages(clients["bench.ppk.small"], {"PPK inbox, small agency": inbox}, repeat)
    rows += _time_pages(clients["bench.bkn"], AUTHORITY, repeat)
    rows += _time_pages(clients["bench.ppk.busy"], AGENCY, repeat)
    return {
        "recommendations": Recommendation.objects.count(),
        "busiest_agency_recommendations": Recommendation.objects.filter(
            agency_id=busy.agency_id
        ).count(),
        "tally_refresh_ms": refresh_ms,
        "tally": tally,
        "rows": rows,
    }


def _drop(url: str) -> None:
    import psycopg

    name, admin = _admin(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"dropped {name}")


def main(argv: list[str]) -> int:
    args = _args(argv)
    size = QUICK if args.quick else FULL
    if args.fill:
        _fill(args.database_url, size)
        return 0
    if args.measure:
        print(
            json.dumps(measure(args.database_url, size["repeat"], args.inbox_url)), file=sys.stderr
        )
        return 0
    url = _with_name(args.database_url, "_quick") if args.quick else args.database_url
    prepare(url, size, args.rebuild)
    cmd = [
        sys.executable,
        __file__,
        "--measure",
        "--database-url",
        url,
        "--inbox-url",
        args.inbox_url,
    ]
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "0", "NETRA_BENCHMARK_VIEWS": "1"}
    env["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
    with subprocess.Popen(
        cmd + (["--quick"] if args.quick else []),
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        _, err = child.communicate()
    if args.drop:
        _drop(url)
    if child.returncode:
        print(err, file=sys.stderr)
        return 1
    result = json.loads(err.strip().splitlines()[-1])
    return report(result, size)


def report(result: dict, size: dict) -> int:
    rows = {r["page"]: r for r in result["rows"]}
    bare = rows.pop("bare view (ceiling)")
    worst = max(rows.values(), key=lambda r: r["p95"])
    print(
        f"\ncases {size['cases']:,}, recommendations {result['recommendations']:,} (busiest agency "
        f"{result['busiest_agency_recommendations']:,}); tally recount {result['tally_refresh_ms']:,.0f} ms"
    )
    print(f"bare view p50 {bare['p50']:.2f} ms, p95 {bare['p95']:.2f} ms")
    for label, r in rows.items():
        print(f"  {label:<46} p95 {r['p95']:6.1f} ms = {r['p95'] / bare['p95']:5.1f}x bare p95")
    print(f"worst p95: {worst['page']} {worst['p95']:.1f} ms (goal < {GOAL_MS:.0f} ms)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"sanctions_{size['cases']}.json").write_text(json.dumps(result, indent=2))
    return 0 if worst["p95"] < GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
