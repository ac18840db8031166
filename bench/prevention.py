"""Integrity pacts at national scale on PostgreSQL: signatures per second with 32 signers, next to the
bare-view ceiling measured in the same run, and coverage reads over 4.3 M employees.

    uv run --frozen python bench/prevention.py [--quick] [--database-url URL]
    uv run --frozen python bench/run.py prevention --quick

In its own database (default ``netra_bench_prevention``; never ``test``):
1. the employees of bench/registry_import.py (4.3 M; 20,000 with --quick), imported when missing;
2. a published pact for every agency with employees, counted by ``recount`` (the service), and 60 %
   of the employees signed already (bulk SQL, then the counters rebuilt), so coverage reads see a
   realistic table;
3. paper codes for unsigned employees of twenty agencies; ``wrk`` (Debian package) with 32
   connections POSTs ``/api/v1/pacts/{code}/signatures`` (NIP + code: the whole signing path with
   its audit entry and coverage counter) to a fresh gunicorn (2 sync workers, DEBUG off,
   CONN_MAX_AGE=60), after the same load on the bare view (the ceiling);
4. coverage as each reader gets it, p50/p95/p99: an agency admin's pact (per unit and region),
   a provincial and the national Bawaslu overview (per agency and region), the public counts,
   and the two pages that show them.
Goals (shared/PERFORMANCE.md): >= 500 signatures/s; coverage p95 < 200 ms.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (  # noqa: E402
    RESULTS,
    ensure_database,
    parser,
    percentile,
    setup_django,
    verified,
)

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/netra_bench_prevention"
QUICK_ROWS, FULL_ROWS = 20_000, 4_300_000
TARGET_RPS, TARGET_P95_MS = 500, 200
BARE, SIGN = "/report/_bench/bare", "/api/v1/pacts/{code}/signatures"
LUA = r"""
local rows, index, counter = {}, 0, 1
function setup(thread) thread:set("tid", counter); counter = counter + 1 end
function init(args)
  local n = 0
  for line in io.lines("%(pairs)s") do
    n = n + 1
    if n %% 2 == tid - 1 then rows[#rows + 1] = line end
  end
end
request = function()
  index = index + 1
  local line = rows[index] or rows[1]  -- exhausted: repeats answer 409 and count as errors
  local code, nip, secret = line:match("([^,]+),([^,]+),([^,]+)")
  local body = '{"nip": "' .. nip .. '", "code": "' .. secret .. '"}'
  return wrk.format("POST", "/api/v1/pacts/" .. code .. "/signatures", {["Content-Type"] = "application/json"}, body)
end
done = function(summary, latency, requests)
  io.write("WRK_JSON ", string.format(
    '{"requests": %%d, "duration_us": %%d, "status_errors": %%d, "connect_errors": %%d, "read_errors": %%d, "write_errors": %%d, "timeouts": %%d, "p50_us": %%d, "p99_us": %%d, "mean_us": %%f}',
    summary.requests, summary.duration, summary.errors.status, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.mean), "\n")
end
"""
BARE_LUA = r"""
request = function() return wrk.format("POST", wrk.path, {["Content-Type"] = "application/json"}, '{"nip": "1", "code": "X"}') end
done = function(summary, latency, requests)
  io.write("WRK_JSON ", string.format(
    '{"requests": %d, "duration_us": %d, "status_errors": %d, "connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d, "p50_us": %d, "p99_us": %d, "mean_us": %f}',
    summary.requests, summary.duration, summary.errors.status, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.mean), "\n")
end
"""


def timed(label: str, fn):
    started = time.perf_counter()
    result = fn()
    print(f"  {label}: {time.perf_counter() - started:.1f} s", flush=True)
    return result


def ensure_employees(url: str, rows: int, argv: list[str]) -> int:
    from netra.registry.models import Employee

    have = Employee.objects.count()
    if have < rows * 0.9:
        import registry_import

        print(f"registry holds {have:,} employees; importing {rows:,} first", flush=True)
        registry_import.main(["--database-url", url, "--rows", str(rows)])
    return Employee.objects.count()


def build_pacts() -> list:
    """One open pact per agency with employees, counted by the service; 60 % signed in bulk."""
    from django.db import connection
    from django.utils import timezone

    from netra.prevention.models import IntegrityPact, PactStatus
    from netra.prevention.services.coverage import recount
    from netra.reference.models import Election
    from netra.registry.models import Agency

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE prevention_pactsignature, prevention_pacttally, prevention_pactcode, "
                       "prevention_integritypact CASCADE")  # fmt: skip
    today = timezone.localdate()
    election = Election.objects.get(code="pilkada-2024")
    agencies = list(Agency.objects.filter(employees__isnull=False).distinct().order_by("code"))
    pacts = IntegrityPact.objects.bulk_create(
        IntegrityPact(agency=a, election=election, title=f"Pakta {a.code}", body="Pakta integritas.",
                      opens_on=today - dt.timedelta(days=1), closes_on=today + dt.timedelta(days=30),
                      status=PactStatus.OPEN, second_factor="paper", published_at=timezone.now())
        for a in agencies
    )  # fmt: skip
    timed(f"recount {len(pacts)} pacts (the service, one by one)",
          lambda: [recount(pact=p, actor_label="bench") for p in pacts])  # fmt: skip
    sql_signed = """
        INSERT INTO prevention_pactsignature
            (pact_id, employee_id, signed_at, signer_name, unit, region_code, method, token)
        SELECT p.id, e.id, now() - random() * interval '20 days', e.name, e.unit,
               coalesce(e.region_id, a.region_id, ''), 'paper', md5(p.id::text || ':' || e.id::text)
        FROM registry_employee e
        JOIN prevention_integritypact p ON p.agency_id = e.agency_id
        JOIN registry_agency a ON a.id = e.agency_id
        WHERE e.is_active AND (hashtext(e.id::text) & 1023) < 614"""
    with connection.cursor() as cursor:
        timed("60 % signed already (bulk SQL)", lambda: cursor.execute(sql_signed))
    count_signed()
    return pacts


def count_signed() -> None:
    """The ``signed`` counters from the signatures (as ``coverage.rebuild_signed``, in bulk SQL)."""
    from django.db import connection

    from netra.prevention.models import TALLY_SLOTS

    sql = """
        INSERT INTO prevention_pacttally (pact_id, unit, region_code, slot, required, signed)
        SELECT pact_id, unit, region_code, employee_id %% %s, 0, count(*)
        FROM prevention_pactsignature GROUP BY 1, 2, 3, 4
        ON CONFLICT (pact_id, unit, region_code, slot) DO UPDATE SET signed = EXCLUDED.signed"""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM prevention_pacttally WHERE required = 0")
        cursor.execute("UPDATE prevention_pacttally SET signed = 0 WHERE signed > 0")
        timed("the signed counters (bulk SQL)", lambda: cursor.execute(sql, [TALLY_SLOTS]))
    subprocess.run(["psql", os.environ["DATABASE_URL"], "-qc", "VACUUM ANALYZE"], check=True)  # noqa: S607


def paper_codes(pacts: list, n: int, path: Path) -> None:
    """Codes for ``n`` unsigned employees of the twenty largest agencies; the pairs file for wrk."""
    from netra.prevention import codes
    from netra.prevention.models import PactCode, PactSignature
    from netra.registry.models import Employee

    by_size = sorted(pacts, key=lambda p: -Employee.objects.filter(agency_id=p.agency_id).count())[
        :20
    ]
    per = n // len(by_size) + 1
    rows, lines = [], []
    for pact in by_size:
        signed = PactSignature.objects.filter(pact=pact).values("employee_id")
        people = (Employee.objects.filter(agency_id=pact.agency_id, is_active=True, nip__isnull=False)
                  .exclude(pk__in=signed).values_list("pk", "nip")[:per])  # fmt: skip
        for pk, nip in people:
            plain = codes.new_paper_code()
            rows.append(PactCode(pact=pact, employee_id=pk, kind="paper",
                                 digest=codes.digest("paper", f"{pact.pk}:{pk}:{plain}")))  # fmt: skip
            lines.append(f"{pact.code},{nip},{plain}")
    PactCode.objects.bulk_create(rows, batch_size=5000, update_conflicts=True,
                                 unique_fields=["pact", "employee", "kind"],
                                 update_fields=["digest", "failures"])  # fmt: skip
    order = sorted(range(len(lines)), key=lambda i: (i % per, i))  # interleave the agencies
    path.write_text("\n".join(lines[i] for i in order) + "\n")
    print(f"  paper codes: {len(lines):,} across {len(by_size)} pacts", flush=True)


def load(url: str, seconds: int, clients: int, pairs: Path) -> dict:
    import report_intake as ri

    results = {}
    with tempfile.TemporaryDirectory(prefix="netra-bench-") as tmp:
        env = ri.server_env(Path(tmp), url)
        for name, path, script in (("bare", BARE, BARE_LUA), ("sign", "/", LUA % {"pairs": pairs})):
            lua = Path(tmp) / f"{name}.lua"
            lua.write_text(script)
            port = ri.free_port()
            proc = ri.start_server(env, port)  # a fresh server per test
            try:
                for _ in range(20):  # warm the workers (and their connections) up
                    ri.urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/api/v1/elections", timeout=10
                    )  # noqa: S310
                results[name] = ri.run_wrk(port, path, lua, seconds, clients)
            finally:
                ri.stop_server(proc)
    results["ratio"] = results["sign"]["rps"] / results["bare"]["rps"]
    return results


def summarize(label: str, timings: list[float]) -> dict:
    ordered = sorted(timings)
    out = {"n": len(ordered), **{f"p{p}_ms": percentile(ordered, p) * 1000 for p in (50, 95, 99)}}
    print(f"  {label:<44} n={out['n']:4d}  p50={out['p50_ms']:7.1f}  p95={out['p95_ms']:7.1f}  "
          f"p99={out['p99_ms']:7.1f} ms", flush=True)  # fmt: skip
    return out


def reads(pacts: list, repeat: int) -> dict:
    """Each reader's coverage, timed in-process (selectors) and as the page (test client)."""
    from django.test import Client

    from netra.accounts.models import Role, User
    from netra.prevention import selectors
    from netra.reference.models import Election
    from netra.registry.models import Agency, Employee

    election = Election.objects.get(code="pilkada-2024")
    largest = max(pacts[:200], key=lambda p: Employee.objects.filter(agency_id=p.agency_id).count())
    agency = Agency.objects.get(pk=largest.agency_id)
    users = {}
    for name, role, region, who in (("bench.ri", Role.BAWASLU_OFFICER, None, None),
                                     ("bench.jatim", Role.BAWASLU_OFFICER, "35", None),
                                     ("bench.admin", Role.AGENCY_ADMIN, None, agency)):  # fmt: skip
        users[name], _ = User.objects.update_or_create(
            username=name,
            defaults={"role": role, "region_id": region, "agency": who, "is_active": True},
        )
    cases = {
        "agency admin: pact by unit + region + totals": lambda: (
            selectors.pact_coverage(largest, by="unit"), selectors.pact_coverage(largest, by="region"),
            selectors.pacts_with_coverage(users["bench.admin"]).get(pk=largest.pk)),
        "Bawaslu provinsi (35): per agency + region": lambda: (
            selectors.coverage_by_agency(users["bench.jatim"], election=election),
            selectors.coverage_by_region(users["bench.jatim"], election=election)),
        "Bawaslu RI: per agency + region (national)": lambda: (
            selectors.coverage_by_agency(users["bench.ri"], election=election),
            selectors.coverage_by_region(users["bench.ri"], election=election)),
        "public counts (insight stage)": lambda: selectors.public_counts(election=election),
    }  # fmt: skip
    out = {}
    for label, fn in cases.items():
        fn()  # warm
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            fn()
            timings.append(time.perf_counter() - started)
        out[label] = summarize(label, timings)
    for label, user, url in (("page: the pact (agency admin)", "bench.admin", f"/prevention/pacts/{largest.code}/"),
                             ("page: prevention overview (Bawaslu RI)", "bench.ri", "/prevention/")):  # fmt: skip
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(users[user])
        verified(client, users[user])  # Bawaslu officers log in with a second factor
        assert client.get(url).status_code == 200
        timings = []
        for _ in range(max(repeat // 4, 5)):
            started = time.perf_counter()
            client.get(url)
            timings.append(time.perf_counter() - started)
        out[label] = summarize(label, timings)
    return out


def main(argv: list[str]) -> int:
    p = parser(__doc__.splitlines()[0])
    p.set_defaults(database_url=os.environ.get("BENCH_PREVENTION_DATABASE_URL", DEFAULT_URL))
    p.add_argument(
        "--seconds", type=int, help="duration of each wrk run (default 20; 3 with --quick)"
    )
    p.add_argument("--clients", type=int, default=32)
    p.add_argument("--reuse", action="store_true",
                   help="keep the pacts and signatures of an earlier run (only new paper codes)")  # fmt: skip
    args, _unknown = p.parse_known_args(argv)
    import shutil

    if shutil.which("wrk") is None:
        print("prevention: wrk is missing; install it with `apt-get install -y wrk`")
        return 1
    rows = QUICK_ROWS if args.quick else FULL_ROWS
    seconds = args.seconds or (3 if args.quick else 20)
    os.environ.setdefault(
        "SECRET_KEY", "bench-" + secrets.token_urlsafe(24)
    )  # server and codes agree
    ensure_database(args.database_url)
    setup_django(args.database_url)
    total = ensure_employees(args.database_url, rows, argv)
    print(f"employees: {total:,}", flush=True)
    from netra.prevention.models import IntegrityPact

    if args.reuse and IntegrityPact.objects.exists():
        pacts = list(IntegrityPact.objects.order_by("pk"))
        count_signed()
    else:
        pacts = build_pacts()
    RESULTS.mkdir(parents=True, exist_ok=True)
    pairs = RESULTS / "prevention_pairs.csv"
    paper_codes(pacts, max(4000, seconds * 1500), pairs)
    print(f"-- signing: {seconds} s per test, {args.clients} connections", flush=True)
    signing = load(args.database_url, seconds, args.clients, pairs)
    for name in ("bare", "sign"):
        r = signing[name]
        print(f"  {name:<5} {r['rps']:8.1f} req/s  p50 {r['p50_ms']:6.1f} ms  p99 {r['p99_ms']:6.1f} ms  "
              f"errors {r['errors']}")  # fmt: skip
    print(f"  signatures / bare view: {signing['ratio']:.3f}; goal >= {TARGET_RPS}/s: "
          f"{'met' if signing['sign']['rps'] >= TARGET_RPS else 'NOT met'}", flush=True)  # fmt: skip
    print("-- coverage reads", flush=True)
    coverage = reads(pacts, 20 if args.quick else 100)
    worst = max(v["p95_ms"] for v in coverage.values())
    print(
        f"  worst p95 {worst:.1f} ms; goal < {TARGET_P95_MS} ms: {'met' if worst < TARGET_P95_MS else 'NOT met'}"
    )
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = RESULTS / f"prevention-{stamp}.json"
    out.write_text(
        json.dumps({"employees": total, "signing": signing, "coverage": coverage}, indent=2)
    )
    print(f"results: {out}")
    return 1 if signing["sign"]["errors"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
