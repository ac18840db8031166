"""Modules of one idea, functions that fit on a screen (issue 15; STYLE.md): no module over 400
lines and no function over 60 outside migrations and tests, unless its docstring says why it is
long ("Long on purpose: …")."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # netra/
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts or "tests" in path.parts:
            continue
        yield path, path.read_text(encoding="utf-8")


def test_no_module_is_over_400_lines():
    long = {
        str(p.relative_to(ROOT)): n
        for p, src in _sources()
        if (n := len(src.splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_over_60_lines_without_a_reason():
    long = {}
    for path, src in _sources():
        for node in ast.walk(ast.parse(src)):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            reason = "long on purpose" in (ast.get_docstring(node) or "").lower()
            if lines > MAX_FUNCTION_LINES and not reason:
                long[f"{path.relative_to(ROOT)}:{node.name}"] = lines
    assert long == {}
