"""Public report intake: JSON submissions per second and latency at 32 clients, next to a bare view.

    uv run --frozen python bench/report_intake.py [--quick] [--database-url postgresql://...]
    uv run --frozen python bench/run.py report_intake --quick

For each database (SQLite in a temporary var dir; PostgreSQL in a separate database, dropped and
created afresh, never ``test``) and each target (the bare view, then ``POST /api/v1/reports``) it
starts a fresh gunicorn (2 sync workers, DEBUG off, CONN_MAX_AGE=60, rate limits off) on 127.0.0.1,
warms it up, and loads it with ``wrk`` (Debian package; ``apt-get install -y wrk``) and a Lua script
that sends identified reports (so NIK checks, identity encryption, routing and audit all run). Count
and time are bounded by wrk's duration. Prints the figures and the ratio to the bare view, and writes
them as JSON under bench/results/. Targets (shared/PERFORMANCE.md): >= 420 req/s, p99 < 150 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from _common import ELECTION_SETUP

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/netra_bench_reports"
TARGET_RPS, TARGET_P99_MS = 420, 150
INTAKE, BARE = "/api/v1/reports", "/report/_bench/bare"

LUA = r"""
local counter = 0
local template = [[%s]]
request = function()
  counter = counter + 1
  local body = string.gsub(template, "__N__", tostring(counter) .. "-" .. tostring(math.random(1e9)))
  return wrk.format("POST", wrk.path, {["Content-Type"] = "application/json"}, body)
end
done = function(summary, latency, requests)
  io.write("WRK_JSON ", string.format(
    '{"requests": %%d, "duration_us": %%d, "status_errors": %%d, "connect_errors": %%d, "read_errors": %%d, "write_errors": %%d, "timeouts": %%d, "p50_us": %%d, "p99_us": %%d, "mean_us": %%f}',
    summary.requests, summary.duration, summary.errors.status, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.mean), "\n")
end
"""


def report_body() -> str:
    today = dt.date.today()
    return json.dumps(
        {
            "election": "demo-simulasi",
            "incident_date": (today - dt.timedelta(days=1)).isoformat(),
            "known_on": today.isoformat(),
            "province": "64",
            "regency": "64.72",
            "district": "64.72.01",
            "description": "Benchmark report __N__: a camat campaigned at an official meeting.",
            "persons": [
                {
                    "name": "Budi Santoso",
                    "nip": "198503122010011002",
                    "position_title": "Camat Palaran",
                    "agency": "PEMKOT-64.72",
                    "category": "pns",
                }
            ],
            "anonymous": False,
            "reporter": {
                "name": "Siti Aminah",
                "nik": "6472015003900001",
                "address": "Jl. Contoh No. 1, Samarinda",
                "phone": "081234567890",
                "email": "siti@example.org",
            },
            "links": ["https://www.facebook.com/example/posts/123"],
        }
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], check=True, env=env, cwd=ROOT)


def recreate_pg(url: str) -> None:
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    if name in ("test", "postgres", ""):
        raise SystemExit(f"refusing to use database {name!r}: pick a separate one")
    admin = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def server_env(var_dir: Path, database_url: str) -> dict[str, str]:
    env = {
        **os.environ,
        # bench.settings adds the bare view (the ceiling); netra.settings cannot serve it.
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "NETRA_VAR_DIR": str(var_dir),
        "DEBUG": "0",
        "CONN_MAX_AGE": "60",
        "NETRA_RATELIMIT_ENABLED": "0",
        "LOG_LEVEL": "ERROR",
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    return env


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    gunicorn = Path(PYTHON).with_name("gunicorn")
    cmd = [str(gunicorn), "netra.wsgi:application", "--workers", "2", "--worker-class", "sync"]
    cmd += ["--bind", f"127.0.0.1:{port}", "--timeout", "60", "--log-level", "error"]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/elections", timeout=2)
            return proc
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    stop_server(proc)
    raise RuntimeError("gunicorn did not start")


def stop_server(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def warm_up(port: int, path: str, body: str, n: int = 30) -> None:
    for i in range(n):
        data = body.replace("__N__", f"warm-{i}").encode()
        req = urllib.request.Request(
            f"http://127.0.0.1:{port}{path}",
            data=data,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=10) as response:  # noqa: S310 (loopback only)
            if response.status != 201:
                raise RuntimeError(f"{path} answered {response.status}")


def run_wrk(port: int, path: str, script: Path, seconds: int, clients: int) -> dict:
    cmd = ["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script)]
    cmd.append(f"http://127.0.0.1:{port}{path}")
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("WRK_JSON "))
    raw = json.loads(line.removeprefix("WRK_JSON "))
    seconds_run = raw["duration_us"] / 1e6
    errors = sum(raw[k] for k in raw if k.endswith("_errors")) + raw["timeouts"]
    return {
        "requests": raw["requests"],
        "rps": raw["requests"] / seconds_run,
        "p50_ms": raw["p50_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "mean_ms": raw["mean_us"] / 1000,
        "errors": errors,
    }


def bench_database(label: str, database_url: str, seconds: int, clients: int, script: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="netra-bench-") as tmp:
        var_dir = Path(tmp)
        env = server_env(var_dir, database_url)
        if database_url:
            recreate_pg(database_url)
        subprocess.run([PYTHON, "-m", "netra.prepare", "--quiet"], check=True, env=env, cwd=ROOT)
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "load_reference", "-v0")
        manage(env, *ELECTION_SETUP)
        body = report_body()
        results = {}
        for name, path in (("bare", BARE), ("intake", INTAKE)):
            port = free_port()
            proc = start_server(env, port)  # a fresh server per test
            try:
                warm_up(port, path, body)
                results[name] = run_wrk(port, path, script, seconds, clients)
            finally:
                stop_server(proc)
        if label == "sqlite":
            check = subprocess.run(
                [PYTHON, "-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("
                 "'select count(*) from reports_report').fetchone()[0])",
                 str(var_dir / "netra.sqlite3")],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            results["reports_stored"] = int(check.stdout)
    results["ratio"] = results["intake"]["rps"] / results["bare"]["rps"]
    return results


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="3 s per test instead of 20 s")
    p.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_REPORTS_DATABASE_URL", DEFAULT_PG),
        help=f"PostgreSQL database, dropped and created afresh (default {DEFAULT_PG})",
    )
    p.add_argument("--databases", default="sqlite,postgresql", help="which to run, comma-separated")
    p.add_argument("--seconds", type=int, help="duration of each wrk run")
    p.add_argument("--clients", type=int, default=32)
    args, _unknown = p.parse_known_args(argv)
    if shutil.which("wrk") is None:
        print("report_intake: wrk is missing; install it with `apt-get install -y wrk`")
        return 1
    seconds = args.seconds or (3 if args.quick else 20)
    RESULTS.mkdir(parents=True, exist_ok=True)
    all_results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "report.lua"
        script.write_text(LUA % report_body())
        for label in [d.strip() for d in args.databases.split(",") if d.strip()]:
            url = args.database_url if label == "postgresql" else ""
            print(f"-- {label}: {seconds} s per test, {args.clients} clients", flush=True)
            all_results[label] = bench_database(label, url, seconds, args.clients, script)
    failed = False
    print(f"\n{'database':<11}{'target':<8}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for label, res in all_results.items():
        for name in ("bare", "intake"):
            r = res[name]
            print(
                f"{label:<11}{name:<8}{r['rps']:>9.1f}{r['p50_ms']:>9.1f}{r['p99_ms']:>9.1f}"
                f"{r['errors']:>8}"
            )
        intake = res["intake"]
        ok = intake["rps"] >= TARGET_RPS and intake["p99_ms"] < TARGET_P99_MS
        failed |= intake["errors"] > 0
        print(
            f"{label:<11}intake/bare ratio {res['ratio']:.3f}; target >= {TARGET_RPS} req/s and "
            f"p99 < {TARGET_P99_MS} ms: {'met' if ok else 'NOT met'}"
        )
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = RESULTS / f"report_intake-{stamp}.json"
    out.write_text(
        json.dumps({"seconds": seconds, "clients": args.clients, **all_results}, indent=2)
    )
    print(f"results: {out.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
