"""Search-as-you-type over the registry on PostgreSQL: latency of each keystroke's query.

    uv run --frozen python bench/registry_search.py [--quick] [--database-url URL]

Needs the employees of bench/registry_import.py in the database (it runs that import first when
the registry holds fewer rows than expected). Takes names from the registry and types them the way
people do: word by word, letter by letter from the third letter, sometimes with titles or the old
spelling, sometimes with a typo, sometimes a NIP. Each prefix is one call of
``netra.registry.search.search_employees`` (what the API endpoint and the search box call) for a
national user (Bawaslu RI) and for an agency officer. Reports p50/p95/p99 (goal p95 < 50 ms).
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import RESULTS, parser, percentile, setup_django  # noqa: E402

QUICK_ROWS = 20_000
FULL_ROWS = 4_300_000
OLD_SPELLING = {"u": "oe", "j": "dj", "c": "tj", "y": "j", "kh": "ch"}


def typed_prefixes(text: str, rng: random.Random) -> list[str]:
    """What a person has typed after each keystroke, from the third letter on."""
    return [text[:i] for i in range(3, len(text) + 1) if not text[:i].endswith(" ")]


def queries(names: list[tuple[str, str]], rng: random.Random) -> list[tuple[str, str]]:
    """(kind, query) for every keystroke of a sample of people."""
    out: list[tuple[str, str]] = []
    for nip, name in names:
        words = name.split(",")[0].split()
        plain = " ".join(w for w in words if not w.endswith("."))
        roll = rng.random()
        if roll < 0.5:
            text, kind = plain.lower(), "name"
        elif roll < 0.65:
            text, kind = name, "with titles"
        elif roll < 0.75:
            text = plain.lower()
            if not any(old in text for old in ("oe", "dj", "tj", "ch")):  # not already old
                for new, old in OLD_SPELLING.items():
                    text = text.replace(new, old, 1)
            kind = "old spelling"
        elif roll < 0.85:
            last = plain.split()[-1].lower()
            i = rng.randrange(1, len(last) - 1) if len(last) > 3 else 1
            text, kind = last[:i] + last[i + 1 :], "typo"
            out.append((kind, text))
            continue
        else:
            text, kind = nip or plain.lower(), "nip" if nip else "name"
        out.extend((kind, q) for q in typed_prefixes(text, rng))
    return out


def summarize(label: str, timings: list[float]) -> dict:
    ordered = sorted(timings)
    result = {
        "n": len(ordered),
        "p50_ms": percentile(ordered, 50) * 1000,
        "p95_ms": percentile(ordered, 95) * 1000,
        "p99_ms": percentile(ordered, 99) * 1000,
        "max_ms": ordered[-1] * 1000 if ordered else 0,
    }
    print(
        f"{label:<28} n={result['n']:5d}  p50={result['p50_ms']:7.1f} ms  "
        f"p95={result['p95_ms']:7.1f} ms  p99={result['p99_ms']:7.1f} ms  "
        f"max={result['max_ms']:7.1f} ms"
    )
    return result


def main(argv: list[str]) -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--people", type=int, help="people whose names are typed (default 300)")
    args, _unknown = p.parse_known_args(argv)  # bench/run.py passes every argument to all
    rows = QUICK_ROWS if args.quick else FULL_ROWS
    setup_django(args.database_url)
    from netra.accounts.models import Role, User
    from netra.registry.models import Agency, Employee
    from netra.registry.search import search_employees

    have = Employee.objects.count()
    if have < rows * 0.9:
        import registry_import

        print(f"registry holds {have:,} employees; importing {rows:,} first", flush=True)
        registry_import.main([*argv, "--rows", str(rows)] if "--rows" not in argv else argv)
    total = Employee.objects.count()
    rng = random.Random(7)
    max_id = Employee.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    ids = rng.sample(range(1, max_id + 1), min(max_id, (args.people or 300) * 2))
    people = list(
        Employee.objects.filter(pk__in=ids).order_by("pk").values_list("nip", "name", "agency_id")
    )[: args.people or 300]
    national = User(username="bench-ri", role=Role.BAWASLU_OFFICER, is_active=True)
    work = queries([(nip, name) for nip, name, _ in people], rng)
    agency_of = {name: agency for _, name, agency in people}

    for _kind, q in work[:30]:  # warm the caches a user would find warm
        search_employees(national, q)
    timings: dict[str, list[float]] = {}
    slowest: list[tuple[float, str, str, str]] = []
    for kind, q in work:
        started = time.perf_counter()
        found = search_employees(national, q)
        elapsed = time.perf_counter() - started
        timings.setdefault(kind, []).append(elapsed)
        slowest.append((elapsed, kind, q, found.matched_by))
    # An agency officer searching their own agency (scoped by visible_employees).
    officer_timings = []
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in=set(agency_of.values()))}
    for _, name, agency_id in people[:100]:
        officer = User(
            username="bench-ppk",
            role=Role.AGENCY_PERSONNEL,
            agency=agencies[agency_id],
            is_active=True,
        )
        for q in typed_prefixes(name.split(",")[0].lower(), rng):
            started = time.perf_counter()
            search_employees(officer, q)
            officer_timings.append(time.perf_counter() - started)

    print(f"employees: {total:,}; people typed: {len(people)}; queries: {len(work):,}")
    results = {"employees": total}
    results["all keystrokes"] = summarize("all keystrokes (national)", sum(timings.values(), []))
    for kind, values in sorted(timings.items()):
        results[kind] = summarize(f"  {kind}", values)
    results["agency officer"] = summarize("agency officer, own agency", officer_timings)
    print("slowest keystrokes:")
    for elapsed, kind, q, how in sorted(slowest, reverse=True)[:8]:
        print(f"  {elapsed * 1000:7.1f} ms  {kind:<13} {q!r} -> {how or 'too short'}")
    goal = results["all keystrokes"]["p95_ms"] < 50
    print(f"goal p95 < 50 ms: {'met' if goal else 'NOT met'}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"registry_search_{total}.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
