"""Registry import at national scale on PostgreSQL, against a raw COPY of the same file.

    uv run --frozen python bench/registry_import.py [--quick] [--rows N] [--database-url URL]

Generates a deterministic national CSV (4.3 M employees; 20,000 with --quick), times a raw
``COPY`` of it into a bare table (the ceiling), then times ``manage.py import_employees FILE
--national`` — the same path the web upload and the task use — into an empty registry, and
reports the ratio (goal <= 1.5x), the import's peak RSS (goal < 1 GB), and where the time went:
the phases the import timed itself (``report["timings"]`` of its job), each as a multiple of the
raw COPY.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import RESULTS, ROOT, ensure_database, parser  # noqa: E402

FULL_ROWS = 4_300_000
QUICK_ROWS = 20_000


def _agencies(url: str) -> list[tuple[str, str | None]]:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute("SELECT code, region_id FROM registry_agency ORDER BY code").fetchall()


def prepare_csv(url: str, rows: int) -> Path:
    from _synthetic import write

    path = RESULTS / f"employees_{rows}.csv"
    if not path.exists():
        started = time.perf_counter()
        tmp = path.with_suffix(".tmp")
        write(tmp, rows, _agencies(url))
        tmp.rename(path)
        print(f"generated {path.name} in {time.perf_counter() - started:.1f} s", flush=True)
    return path


def raw_copy_seconds(url: str, path: Path) -> float:
    """The ceiling: stream the file through COPY into a bare table with no index."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_raw_employee")
        conn.execute(
            "CREATE TABLE bench_raw_employee (nip text, name text, employee_type text, "
            "position_class text, position_title text, unit text, agency_code text, "
            "region_code text, staff_number text)"
        )
        started = time.perf_counter()
        sql = "COPY bench_raw_employee FROM STDIN (FORMAT csv, HEADER true)"
        with conn.cursor() as cur, path.open("rb") as f, cur.copy(sql) as copy:
            while chunk := f.read(1 << 20):
                copy.write(chunk)
        elapsed = time.perf_counter() - started
        conn.execute("DROP TABLE bench_raw_employee")
    return elapsed


def indexed_copy_seconds(url: str) -> tuple[float, float, list[str]]:
    """The honest ceiling: COPY the rows the import stored into an empty table of the same shape,
    then build the same indexes and constraints. Returns (COPY s, indexes s, statements run)."""
    import tempfile

    import psycopg

    with psycopg.connect(url, autocommit=True) as conn, tempfile.TemporaryFile() as dump:
        with (
            conn.cursor() as cur,
            cur.copy("COPY registry_employee TO STDOUT (FORMAT binary)") as copy,
        ):
            for block in copy:
                dump.write(block)
        indexes = [
            r[0]
            for r in conn.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'registry_employee'"
            ).fetchall()
        ]
        foreign = [r[0] for r in conn.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = 'registry_employee'::regclass AND contype = 'f'").fetchall()]  # fmt: skip
        conn.execute("DROP TABLE IF EXISTS bench_ceiling_employee")
        conn.execute(
            "CREATE TABLE bench_ceiling_employee (LIKE registry_employee INCLUDING DEFAULTS)"
        )
        dump.seek(0)
        started = time.perf_counter()
        with (
            conn.cursor() as cur,
            cur.copy("COPY bench_ceiling_employee FROM STDIN (FORMAT binary)") as copy,
        ):
            while chunk := dump.read(1 << 20):
                copy.write(chunk)
        copied = time.perf_counter()
        statements = [
            d.replace(" ON public.registry_employee ", " ON public.bench_ceiling_employee ", 1)
            .replace("INDEX registry_employee", "INDEX bench_ceiling_employee", 1)
            .replace("INDEX ", "INDEX bench_ceiling_", 1)
            for d in indexes
        ]
        statements += [f"ALTER TABLE bench_ceiling_employee ADD {c}" for c in foreign]
        for statement in statements:
            conn.execute(statement)
        conn.execute("ANALYZE bench_ceiling_employee")
        built = time.perf_counter()
        conn.execute("DROP TABLE bench_ceiling_employee")
    return copied - started, built - copied, statements


def empty_registry(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("TRUNCATE registry_employee, registry_importjob CASCADE")
        conn.execute("VACUUM ANALYZE registry_employee")


def run_import(url: str, path: Path) -> dict:
    """Run the import command as a child; time it, its phases, and its peak RSS."""
    env = {**os.environ, "DATABASE_URL": url}
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "import_employees", str(path), "--national"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    phases: list[tuple[float, str]] = []
    errors: list[str] = []

    def watch() -> None:
        assert child.stderr is not None
        for line in child.stderr:
            phases.append((time.perf_counter() - started, line.strip()))
            if "%" not in line:
                errors.append(line)

    watcher = threading.Thread(target=watch)
    watcher.start()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    watcher.join()
    assert child.stdout is not None
    summary = child.stdout.read().strip()
    if status != 0:
        print("".join(errors[-20:]), file=sys.stderr)
        raise SystemExit(f"import failed with status {status}")
    return {
        "seconds": elapsed,
        "peak_rss_mb": usage.ru_maxrss / 1024,  # Linux reports KiB
        "summary": summary.splitlines()[0] if summary else "",
        "phases": [(round(t, 1), p.split("]", 1)[-1].strip()) for t, p in phases],
    }


def import_timings(url: str) -> list[tuple[str, float]]:
    """The phases the import timed itself (``report["timings"]`` of its job)."""
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT report -> 'timings' FROM registry_importjob ORDER BY id DESC LIMIT 1"
        ).fetchone()
    return [(what, seconds) for what, seconds in (row[0] if row and row[0] else [])]


def main(argv: list[str]) -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, help="rows in the synthetic file")
    args, _unknown = p.parse_known_args(argv)  # bench/run.py passes every argument to all
    rows = args.rows or (QUICK_ROWS if args.quick else FULL_ROWS)
    ensure_database(args.database_url)
    path = prepare_csv(args.database_url, rows)
    size_mb = path.stat().st_size / 1e6
    empty_registry(args.database_url)
    copy_s = raw_copy_seconds(args.database_url, path)
    result = run_import(args.database_url, path)
    ratio = result["seconds"] / copy_s
    load_s, index_s, statements = indexed_copy_seconds(args.database_url)
    ceiling = load_s + index_s
    honest = result["seconds"] / ceiling
    print(f"rows: {rows:,}  file: {size_mb:,.0f} MB")
    print(f"raw COPY of the CSV into a bare table:                {copy_s:8.1f} s")
    print(f"COPY of the stored rows + the same {len(statements)} indexes/constraints: "
          f"{ceiling:8.1f} s ({load_s:.1f} s COPY, {index_s:.1f} s indexes)")  # fmt: skip
    print(f"import_employees --national:                          {result['seconds']:8.1f} s")
    print(f"ratio import / (COPY + same indexes): {honest:.2f}x (goal <= 1.5x)")
    print(f"ratio import / bare COPY:             {ratio:.2f}x")
    print(f"import peak RSS: {result['peak_rss_mb']:,.0f} MB (goal < 1024 MB)")
    print(f"rows per second: {rows / result['seconds']:,.0f}")
    print(f"import said: {result['summary']}")
    for t, phase in result["phases"]:
        print(f"  t={t:7.1f} s  {phase}")
    timings = import_timings(args.database_url)
    if timings:
        print("where the time went (the import's own timings; x = multiple of the raw COPY):")
        for what, seconds in timings:
            print(f"  {seconds:8.1f} s  {seconds / copy_s:5.2f}x  {what}")
        groups = {
            "reading, checking and storing rows": [
                s for w, s in timings if w.startswith(("reading", "waiting"))
            ],
            "building indexes and constraints": [s for w, s in timings if w.startswith("building")],
            "the rest of the import's own timings": [
                s for w, s in timings if not w.startswith(("reading", "waiting", "building"))
            ],
        }
        print("in short:")
        for what, parts in groups.items():
            print(f"  {sum(parts):8.1f} s  {sum(parts) / copy_s:5.2f}x  {what}")
        rest = result["seconds"] - sum(seconds for _what, seconds in timings)
        print(f"  {rest:8.1f} s  {rest / copy_s:5.2f}x  start-up (Python, Django), commit")
    result["timings"] = timings
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"registry_import_{rows}.json").write_text(
        json.dumps(
            {
                "rows": rows,
                "copy_seconds": copy_s,
                "ratio": ratio,
                "indexed_ceiling_seconds": ceiling,
                "ratio_to_indexed_ceiling": honest,
                **result,
            },
            indent=2,
        )  # fmt: skip
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
