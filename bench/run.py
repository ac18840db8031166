"""Runs every benchmark: each ``bench/*.py`` module that exposes ``main(argv)``.

    uv run --frozen python bench/run.py --quick            # smoke-sized, seconds
    uv run --frozen python bench/run.py                    # full size (minutes)
    uv run --frozen python bench/run.py registry_search --database-url postgresql://...

Arguments other than module names are passed to every benchmark (``--quick``,
``--database-url``). A module name (file stem) limits the run to those modules.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def modules() -> list[str]:
    return sorted(
        p.stem for p in HERE.glob("*.py") if p.stem != "run" and not p.stem.startswith("_")
    )


def main(argv: list[str]) -> int:
    available = modules()
    chosen = [a for a in argv if a in available]
    passed = [a for a in argv if a not in available]
    sys.path.insert(0, str(HERE.parent))
    sys.path.insert(0, str(HERE))
    failures = 0
    for name in chosen or available:
        module = importlib.import_module(name)
        if not hasattr(module, "main"):
            continue
        print(f"== bench/{name}.py {' '.join(passed)}", flush=True)
        failures += 1 if module.main(list(passed)) else 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
