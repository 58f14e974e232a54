"""The project's rule of short functions: none in the package, the pages or the dev helpers is over 60 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECKED = ("src", "views", "devtools", "benchmarks", "app.py", "navigation.py")
LONGEST = 60


def checked_files() -> list[Path]:
    return sorted(
        path for name in CHECKED for path in ((ROOT / name).rglob("*.py") if (ROOT / name).is_dir() else [ROOT / name])
    )


def long_functions(source: str) -> list[tuple[str, int]]:
    """Each function (methods and nested ones too) longer than LONGEST lines, from `def` to its last line."""
    return [
        (node.name, node.end_lineno - node.lineno + 1)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > LONGEST
    ]


@pytest.mark.parametrize("path", checked_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_function_is_longer_than_60_lines(path: Path):
    """Every function in the file fits in 60 lines."""
    assert long_functions(path.read_text(encoding="utf-8")) == []


def test_the_length_check_sees_a_long_function():
    """A function of 61 lines is reported, with its length; one of 60 is not."""
    body = "".join(f"    x{i} = {i}\n" for i in range(59))
    source = f"def fits():\n{body}\nasync def too_long():\n{body}    return 0\n"
    assert long_functions(source) == [("too_long", 61)]
