"""The public transparency page on 1,000,000 cases (PostgreSQL), and what keeping it fresh costs.

    uv run --frozen python bench/insights.py [--quick] [--database-url URL] [--rebuild]
    uv run --frozen python bench/run.py insights --quick

Builds the demo world once into its own database: ``--quick``: ``build_demo --employees 2000
--cases 20000`` into ``netra_bench_insights_quick``; full size: that world copied 50 times in SQL
into ``netra_bench_insights`` (1,000,000 cases with their reports, persons, decisions,
recommendations and sanctions: ``build_demo`` would take hours here), then, in a child process with
Django set up on it:

1. **Refresh**: recounts and republishes each election (``publish.refresh_election``: the GROUP BY
   queries, the suppression with its audit, the writes), as the task worker does after changes.
2. **Public pages, warm**: ``GET /`` (the landing page's dashboard) for Indonesia, a province and
   a kabupaten/kota, each election, the htmx partial, a 304 revalidation, the CSV download and the
   API, through the test client with the whole middleware stack; next to the bare view
   (``/report/_bench/bare``, same middleware, no work) as the ceiling measured in the same run.
3. **A case changes state**: ``cases.services.start_review`` on open cases, alternately with the
   freshness receiver disconnected, connected (a request per burst), and connected with no delay
   (every change enqueues a refresh task): the cost inside the request.

Prints p50/p95 per page, the ratio to the bare view, the refresh times and the per-change cost;
goal: public dashboard p95 < 50 ms warm (shared/PERFORMANCE.md).
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
from _common import RESULTS, ROOT, percentile  # noqa: E402
from case_queue import prepare  # noqa: E402

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/netra_bench_insights"
FULL = {"employees": 20_000, "cases": 1_000_000, "repeat": 60, "changes": 60}
QUICK = {"employees": 2_000, "cases": 20_000, "repeat": 12, "changes": 12}
GOAL_MS = 50.0
PAGES = {
    "dashboard Indonesia (default election)": "/",
    "dashboard Indonesia, pemilu-2019": "/?election=pemilu-2019",
    "dashboard province 64": "/?election=pilkada-2024&region=64",
    "dashboard kab/kota 64.72": "/?election=pilkada-2024&region=64.72",
    "dashboard htmx partial, province 64": "/?election=pilkada-2024&region=64&htmx",
    "dashboard 304 revalidation": "/?election=pilkada-2024&revalidate",
    "CSV download, province 64": "/data/export/?format=csv&election=pilkada-2024&region=64",
    "API figures, Indonesia": "/api/v1/insights/figures?election=pilkada-2024",
    "data dictionary": "/data/dictionary/",
}
BARE = "/report/_bench/bare"
COLD = "first request after a refresh, province 64"


def _args(argv: list[str]):
    import argparse

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="smoke-sized run (a minute or two)")
    p.add_argument(
        "--database-url", default=os.environ.get("BENCH_INSIGHTS_DATABASE_URL", DEFAULT_URL)
    )
    p.add_argument("--rebuild", action="store_true", help="drop the benchmark database first")
    p.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args, _unknown = p.parse_known_args(argv)
    return args


# Replicating the quick world in SQL: each table's copies get ids shifted by k * OFFSET, their
# foreign keys to copied tables likewise, and unique text columns a suffix.
OFFSET = 100_000_000
COPIED = {  # table: (foreign keys to copied tables, unique columns → SQL expression)
    "cases_case": (("merged_into_id", "split_from_id"), {"code": "code || '-' || k"}),
    "cases_reportedperson": (("case_id",), {}),
    "reports_report": (
        ("case_id",),
        {"receipt_digest": "encode(sha256((receipt_digest || '-' || k)::bytea), 'hex')"},
    ),
    "reports_evidence": (("report_id", "message_id"), {}),
    "cases_caseevent": (("case_id",), {}),
    "cases_caseviolation": (("case_id",), {}),
    "cases_decision": (("case_id", "reported_person_id"), {}),
    "cases_decision_violation_types": (("decision_id",), {}),
    "sanctions_recommendation": (
        ("case_id", "reported_person_id"),
        {"number": "number || '/' || k"},
    ),
    "sanctions_sanction": (("recommendation_id",), {}),
}


def scale_up(source: str, url: str, copies: int) -> None:
    """``url`` := the world of ``source`` (built by build_demo) times ``copies``, in SQL: building a
    million cases through build_demo takes hours on this shared 2-core machine, copying minutes."""
    import psycopg

    parts = urlparse(url)
    name, admin = parts.path.lstrip("/"), urlunparse(parts._replace(path="/postgres"))
    template = urlparse(source).path.lstrip("/")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [template]
        )
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    started = time.perf_counter()
    with psycopg.connect(url) as conn:
        for table, (fks, unique) in COPIED.items():
            columns = [
                row[0]
                for row in conn.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                    "ORDER BY ordinal_position",
                    [table],
                )
            ]
            select = []
            for col in columns:
                if col == "id" or col in fks:
                    select.append(f"{col} + k::bigint * {OFFSET}")
                else:
                    select.append(unique.get(col, col))
            copy = f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(select)} "  # noqa: S608
            copy += (
                f"FROM {table} CROSS JOIN generate_series(1, {copies - 1}) AS k WHERE id < {OFFSET}"
            )
            conn.execute(copy)
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # noqa: S608
            )
            print(f"  {table}: x{copies}", flush=True)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    print(f"replicated the quick world x{copies} in {time.perf_counter() - started:,.0f} s")


def prepare_full(url: str, rebuild: bool) -> None:
    import psycopg

    parts = urlparse(url)
    name, admin = parts.path.lstrip("/"), urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if rebuild:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    if not exists:
        quick = _with_name(url, "_quick")
        prepare(quick, QUICK, False)
        scale_up(quick, url, FULL["cases"] // QUICK["cases"])


def _timed(fn, repeat: int) -> list[float]:
    fn()  # warm: connections, plans, snapshots, template cache
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return sorted(out)


def _refresh_all() -> list[dict]:
    from netra.insights.publish import refresh_election
    from netra.reference.models import Election

    rows = []
    for election in Election.objects.order_by("voting_date"):
        started = time.perf_counter()
        r = refresh_election(election)
        rows.append(
            {
                "election": election.code,
                "total_ms": (time.perf_counter() - started) * 1000,
                "count_ms": r.count_ms,
                "suppress_ms": r.suppress_ms,
                "write_ms": r.write_ms,
                "cells": r.cells,
                "hidden": r.hidden,
            }
        )
        print(
            f"refresh {election.code:<13} {rows[-1]['total_ms']:8.0f} ms (count {r.count_ms} ms, "
            f"suppress {r.suppress_ms} ms, write {r.write_ms} ms; {r.cells} cells, {r.hidden} hidden)",
            flush=True,
        )
    return rows


def _pages(repeat: int) -> list[dict]:
    from django.core.cache import cache
    from django.test import Client

    client = Client()
    rows = []
    pages = {"bare view (ceiling)": BARE, **PAGES, COLD: PAGES["dashboard province 64"]}
    for label, url in pages.items():
        headers = {}
        path = url
        if url.endswith("&htmx"):
            path, headers = url.removesuffix("&htmx"), {"HX-Request": "true"}
        if url.endswith("&revalidate"):
            path = url.removesuffix("&revalidate")
            headers = {"If-None-Match": client.get(path)["ETag"]}
        expected = {BARE: 201}.get(url, 304 if "If-None-Match" in headers else 200)

        def get(path=path, headers=headers, expected=expected, cold=label == COLD):
            if cold:
                cache.clear()  # the first request after a refresh renders the fragment
            answer = client.get(path, headers=headers)
            assert answer.status_code == expected, (path, answer.status_code)

        times = _timed(get, repeat)
        rows.append({"page": label, "p50": statistics.median(times), "p95": percentile(times, 95)})
        print(f"{label:<42} p50 {rows[-1]['p50']:6.1f}  p95 {rows[-1]['p95']:6.1f} ms", flush=True)
    return rows


def _state_changes(n: int) -> dict:
    """Mean time of ``start_review`` on open cases, with the freshness receiver off and on."""
    from django.conf import settings

    from netra.accounts.models import User
    from netra.cases.models import Case, CaseStatus
    from netra.cases.services import start_review
    from netra.insights import freshness

    officer = User.objects.get(username="bawaslu.samarinda")
    open_cases = Case.objects.filter(status=CaseStatus.RECEIVED, jurisdiction_code="64.72")
    cases = list(open_cases.order_by("pk")[: 3 * n + 3])
    modes = ("receiver off", "on, one request per burst", "on, enqueue every change")
    times: dict[str, list[float]] = {m: [] for m in modes}
    for i, case in enumerate(cases):
        mode = modes[i % 3]
        freshness.disconnect() if mode == modes[0] else freshness.connect()
        settings.NETRA_INSIGHTS_REFRESH_DELAY = 0 if mode == modes[2] else 600
        started = time.perf_counter()
        start_review(case=case, actor=officer, reason="bench")
        if i >= 3:  # the first round warms up
            times[mode].append((time.perf_counter() - started) * 1000)
    freshness.connect()
    out = {m: statistics.mean(v) for m, v in times.items() if v}
    for m, v in out.items():
        print(f"case changes state ({m:<26}) mean {v:6.2f} ms over {len(times[m])}", flush=True)
    return out


def measure(repeat: int, changes: int) -> dict:
    from _common import setup_django

    os.environ.setdefault("NETRA_RATELIMIT_ENABLED", "false")
    os.environ["NETRA_BENCHMARK_VIEWS"] = "1"
    setup_django(os.environ["DATABASE_URL"])
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    from netra.cases.models import Case

    result = {"cases": Case.objects.count()}
    result["refresh"] = _refresh_all()
    result["pages"] = _pages(repeat)
    result["changes"] = _state_changes(changes)
    return result


def _with_name(url: str, suffix: str) -> str:
    parts = urlparse(url)
    return urlunparse(parts._replace(path=parts.path.rstrip("/") + suffix))


def main(argv: list[str]) -> int:
    args = _args(argv)
    size = QUICK if args.quick else FULL
    if args.measure:
        print(json.dumps(measure(size["repeat"], size["changes"])), file=sys.stderr)
        return 0
    if args.quick:
        url = _with_name(args.database_url, "_quick")
        prepare(url, size, args.rebuild)
    else:
        url = args.database_url
        prepare_full(url, args.rebuild)
    env = {**os.environ, "DATABASE_URL": url, "NETRA_BENCHMARK_VIEWS": "1", "DEBUG": "0"}
    env["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
    with subprocess.Popen(
        [sys.executable, __file__, "--measure"] + (["--quick"] if args.quick else []),
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        _, err = child.communicate()
    if child.returncode:
        print(err, file=sys.stderr)
        return 1
    result = json.loads(err.strip().splitlines()[-1])
    pages = {r["page"]: r for r in result["pages"]}
    bare = pages.pop("bare view (ceiling)")
    dashboards = [r for label, r in pages.items() if label.startswith("dashboard")]
    cold = pages[COLD]
    worst = max(r["p95"] for r in dashboards)
    biggest = max(result["refresh"], key=lambda r: r["total_ms"])
    print(f"\ncases: {result['cases']:,}")
    print(
        f"public dashboard worst p95 {worst:.1f} ms (goal < {GOAL_MS:.0f} ms); bare view p95 "
        f"{bare['p95']:.1f} ms, p50 {bare['p50']:.2f} ms; worst dashboard p95 / bare p95 = "
        f"{worst / bare['p95']:.1f}; first request after a refresh p95 {cold['p95']:.1f} ms"
    )
    print(
        f"refresh of the largest election ({biggest['election']}): {biggest['total_ms'] / 1000:.1f} s; "
        f"per state change inside the request: "
        + ", ".join(f"{k} {v:.2f} ms" for k, v in result["changes"].items())
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"insights_{size['cases']}.json").write_text(json.dumps(result, indent=2))
    return 0 if worst < GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
