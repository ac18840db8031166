"""Public intake on the production shape: two gunicorn app servers behind nginx, PostgreSQL, Redis,
next to the same setup's bare-view ceiling, in one run.

    uv run --frozen python bench/intake_cluster.py [--quick] [--seconds N] [--clients 32]
    uv run --frozen python bench/run.py intake_cluster --quick

The rig (bench/_rig.py) runs its own PostgreSQL cluster and nginx on free loopback ports, Redis DB 6,
and gunicorn with ``bench.settings`` (Netra's settings plus the bare view; rate limits off, DEBUG off,
CONN_MAX_AGE=60, JSON logs, WEB_CONCURRENCY sync workers per app server). ``wrk`` (Debian) sends 32
connections to nginx: first the bare view (the ceiling: the same servers, middleware and proxy, no
work), then identified JSON reports (NIK check, identity encryption, routing, case, audit).
Goal (shared/PERFORMANCE.md): intake >= 0.135 of the bare view, p99 < 150 ms at 32 clients.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _rig import Rig  # noqa: E402
from report_intake import BARE, INTAKE, LUA, RESULTS, report_body, run_wrk, warm_up  # noqa: E402

GOAL_RATIO, GOAL_P99_MS = 0.135, 150


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    p.add_argument("--quick", action="store_true", help="5 s per test instead of 20 s")
    p.add_argument("--seconds", type=int)
    p.add_argument("--clients", type=int, default=32)
    p.add_argument("--web-concurrency", type=int, default=2, help="gunicorn workers per server")
    args, _unknown = p.parse_known_args(argv)
    for tool in ("wrk", "nginx"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            print(f"intake_cluster: {tool} is missing; `apt-get install -y {tool}`")
            return 1
    seconds = args.seconds or (5 if args.quick else 20)
    env = {"NETRA_RATELIMIT_ENABLED": "0"}
    results: dict[str, dict] = {}
    with (
        tempfile.TemporaryDirectory() as tmp,
        Rig(production=False, web_concurrency=args.web_concurrency, extra_env=env) as rig,
    ):
        script = Path(tmp) / "report.lua"
        script.write_text(LUA % report_body())
        for name, path in (("bare", BARE), ("intake", INTAKE)):
            warm_up(rig.nginx_port, path, report_body(), n=40)
            results[name] = run_wrk(rig.nginx_port, path, script, seconds, args.clients)
    ratio = results["intake"]["rps"] / results["bare"]["rps"]
    print(f"two app servers x {args.web_concurrency} gunicorn workers behind nginx, "
          f"{args.clients} clients, {seconds} s per test")  # fmt: skip
    print(f"{'target':<8}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for name in ("bare", "intake"):
        r = results[name]
        print(f"{name:<8}{r['rps']:>9.1f}{r['p50_ms']:>9.1f}{r['p99_ms']:>9.1f}{r['errors']:>8}")
    met = ratio >= GOAL_RATIO and results["intake"]["p99_ms"] < GOAL_P99_MS
    print(f"intake/bare ratio {ratio:.3f} (goal >= {GOAL_RATIO}); p99 "
          f"{results['intake']['p99_ms']:.0f} ms (goal < {GOAL_P99_MS}): {'met' if met else 'NOT met'}")  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = RESULTS / f"intake_cluster-{stamp}.json"
    out.write_text(json.dumps({"seconds": seconds, "ratio": ratio, **results}, indent=2))
    print(f"results: {out.relative_to(RESULTS.parent.parent)}")
    return 1 if results["intake"]["errors"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
