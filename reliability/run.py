"""Reliability check: 32 clients submit reports through nginx to two app servers while one app
server is killed and restarted, then while PostgreSQL restarts; every acknowledged receipt must open
its report afterwards, with no duplicate and no half-written row, and the rate limits must hold
across both servers.

    uv run --frozen python reliability/run.py [--quick] [--seconds N] [--clients N]

Bounded (each phase runs --seconds, default 60, 15 with --quick, plus at most 30 s of retries) and
on 127.0.0.1 only: the rig (bench/_rig.py) runs its own PostgreSQL cluster, two gunicorn servers,
nginx and a task worker on free loopback ports, in production mode, and removes them at the end.
Clients behave as the documented API asks: each submission carries an Idempotency-Key and is
retried with the same key after a connection error, a 502 or a 503, until it is acknowledged.
Prints submitted / acknowledged / lost per phase; exits 1 if anything was lost, duplicated or
half-written, or a rate limit did not hold.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import json
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from _rig import Rig, setup_django  # noqa: E402
from report_intake import report_body  # noqa: E402

LOOKUP_LIMIT = 50


@dataclass
class Tally:
    submitted: int = 0
    acknowledged: dict[str, str] = field(default_factory=dict)  # marker -> receipt
    unacknowledged: list[str] = field(default_factory=list)
    retries: int = 0
    errors: collections.Counter = field(default_factory=collections.Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)


def client(port: int, cid: str, deadline: float, tally: Tally, template: str) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    n = 0
    while time.monotonic() < deadline:
        n += 1
        marker = f"{cid}-{n}"
        body = template.replace("__N__", marker)
        with tally.lock:
            tally.submitted += 1
        for attempt in range(60):
            try:
                conn.request("POST", "/api/v1/reports", body, {
                    "Content-Type": "application/json", "Idempotency-Key": marker})  # fmt: skip
                response = conn.getresponse()
                data = response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
                status, kind = 0, type(exc).__name__
            else:
                kind = str(status)
            if status == 201:
                with tally.lock:
                    tally.acknowledged[marker] = json.loads(data)["receipt"]
                break
            with tally.lock:
                tally.errors[kind] += 1
                tally.retries += 1
            if time.monotonic() > deadline + 30:
                with tally.lock:
                    tally.unacknowledged.append(marker)
                break
            time.sleep(min(2.0, 0.1 * 2**attempt))
        else:
            with tally.lock:
                tally.unacknowledged.append(marker)
    conn.close()


def phase(rig: Rig, name: str, seconds: int, clients: int, fault) -> Tally:
    tally = Tally()
    template = report_body().replace("Benchmark report", f"Reliability {name} report")
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=client, args=(rig.nginx_port, f"{name}-{c}", deadline, tally, template))
        for c in range(clients)
    ]  # fmt: skip
    for t in threads:
        t.start()
    fault(seconds)
    for t in threads:
        t.join()
    return tally


def kill_and_restart_app(rig: Rig):
    def fault(seconds: int) -> None:
        time.sleep(seconds * 0.25)
        print(f"  t={seconds * 0.25:.0f}s: app server 1 killed (SIGKILL)", flush=True)
        rig.kill_app(0)
        time.sleep(seconds * 0.25)
        print(f"  t={seconds * 0.5:.0f}s: app server 1 restarted", flush=True)
        rig.start_app(0)

    return fault


def restart_database(rig: Rig):
    def fault(seconds: int) -> None:
        time.sleep(seconds * 0.3)
        started = time.monotonic()
        rig.pg.restart()
        print(f"  t={seconds * 0.3:.0f}s: PostgreSQL restarted ({time.monotonic() - started:.1f} s)",
              flush=True)  # fmt: skip

    return fault


def verify(tallies: dict[str, Tally]) -> dict[str, dict[str, int]]:
    """Open every acknowledged receipt; count duplicates and half-written rows (in-process)."""
    from django.db.models import Count, Exists, OuterRef
    from django.db.models.functions import Cast

    from netra.audit.models import AuditEntry
    from netra.cases.models import Case, CaseEvent
    from netra.reports import services
    from netra.reports.models import Report

    out = {}
    for name, tally in tallies.items():
        lost = 0
        for marker, receipt in tally.acknowledged.items():
            report = services.find_by_receipt(receipt)
            if report is None or f"report {marker}:" not in report.description:
                lost += 1
        mine = Report.objects.filter(description__startswith=f"Reliability {name} report")
        dupes = mine.values("description").annotate(n=Count("id")).filter(n__gt=1).count()
        audited = AuditEntry.objects.filter(
            action="report.submitted",
            target_id=Cast(OuterRef("pk"), output_field=AuditEntry._meta.get_field("target_id")),
        )
        unaudited = mine.exclude(Exists(audited)).count()
        no_event = (
            Case.objects.filter(reports__in=mine)
            .exclude(Exists(CaseEvent.objects.filter(case=OuterRef("pk"))))
            .count()
        )
        out[name] = {
            "submitted": tally.submitted,
            "acknowledged": len(tally.acknowledged),
            "lost": lost,
            "stored": mine.count(),
            "duplicates": dupes,
            "half_written": unaudited + no_event,
            "unacknowledged": len(tally.unacknowledged),
            "retries": tally.retries,
        }
    out["_orphans"] = {"cases_without_report": Case.objects.filter(reports__isnull=True).count()}
    return out


def rate_limit_holds(rig: Rig) -> tuple[int, int]:
    """Lookups through nginx alternate between both servers: one shared counter lets LIMIT pass."""
    allowed = limited = 0
    conn = http.client.HTTPConnection("127.0.0.1", rig.nginx_port, timeout=10)
    for _ in range(LOOKUP_LIMIT + 20):
        conn.request("GET", "/api/v1/reports/0000000000000000")
        response = conn.getresponse()
        response.read()
        if response.status == 429:
            limited += 1
        else:
            allowed += 1
    return allowed, limited


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="15 s per phase instead of 60 s")
    p.add_argument("--seconds", type=int)
    p.add_argument("--clients", type=int, default=32)
    args = p.parse_args(argv)
    seconds = args.seconds or (15 if args.quick else 60)
    extra = {"NETRA_RATELIMIT_REPORT": "1000000/h", "NETRA_RATELIMIT_LOOKUP": f"{LOOKUP_LIMIT}/h"}
    print(f"reliability: {args.clients} clients, {seconds} s per phase, two app servers behind "
          f"nginx, own PostgreSQL cluster, Redis", flush=True)  # fmt: skip
    with Rig(production=True, extra_env=extra) as rig:
        tallies = {}
        print("phase 'app': one app server killed and restarted", flush=True)
        tallies["app"] = phase(rig, "app", seconds, args.clients, kill_and_restart_app(rig))
        print("phase 'db': PostgreSQL restarted", flush=True)
        tallies["db"] = phase(rig, "db", seconds, args.clients, restart_database(rig))
        allowed, limited = rate_limit_holds(rig)
        setup_django(rig.env)
        results = verify(tallies)
    failed = False
    print(f"\n{'phase':<6}{'submitted':>10}{'acknowledged':>13}{'lost':>6}{'duplicates':>11}"
          f"{'half-written':>13}{'retries':>8}")  # fmt: skip
    for name in ("app", "db"):
        r = results[name]
        print(f"{name:<6}{r['submitted']:>10}{r['acknowledged']:>13}{r['lost']:>6}"
              f"{r['duplicates']:>11}{r['half_written']:>13}{r['retries']:>8}")  # fmt: skip
        print(
            f"      errors seen and retried: {dict(tallies[name].errors)}; stored reports "
            f"{r['stored']}; unacknowledged when the phase ended {r['unacknowledged']}"
        )
        failed |= bool(r["lost"] or r["duplicates"] or r["half_written"])
    orphans = results["_orphans"]["cases_without_report"]
    print(f"cases without a report (half-written intake): {orphans}")
    print(
        f"rate limit {LOOKUP_LIMIT}/h on lookups across both servers: {allowed} allowed, "
        f"{limited} refused (429)"
    )
    failed |= orphans > 0 or allowed != LOOKUP_LIMIT
    print("reliability:", "FAILED" if failed else "passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
