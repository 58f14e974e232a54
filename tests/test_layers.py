"""The package's layers: only the Streamlit side (the modules of kpmap.ui but markup) imports streamlit,
and nothing else in kpmap imports the Streamlit side, so that the pure modules work and test without it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "kpmap"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


# kpmap.ui's one plain module: the panels' HTML as strings.
PURE_UI = {"kpmap.ui.markup"}
STREAMLIT_UI = {module_name(path) for path in (PACKAGE / "ui").glob("*.py")} - PURE_UI - {"kpmap.ui"}
STREAMLIT_SIDE = ("streamlit", "streamlit_folium", *sorted(STREAMLIT_UI))
# The modules that may import it: the Streamlit side itself, and the ui package's (empty) __init__.
ALLOWED = {"kpmap.ui", *STREAMLIT_UI}


def imported_modules(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module an import statement in source names, anywhere in the file (functions included).
    `from a import b` counts as both a and a.b, since b may be a module; relative imports are resolved."""
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def reaches_streamlit_side(imported: set[str]) -> set[str]:
    return {name for name in imported if any(name == side or name.startswith(f"{side}.") for side in STREAMLIT_SIDE)}


PURE_MODULES = sorted(
    (path for path in PACKAGE.rglob("*.py") if module_name(path) not in ALLOWED), key=lambda path: str(path)
)


@pytest.mark.parametrize("path", PURE_MODULES, ids=module_name)
def test_a_pure_module_imports_nothing_from_the_streamlit_side(path: Path):
    """Outside kpmap.ui (markup excepted), no module imports streamlit, streamlit_folium or a kpmap.ui module."""
    imported = imported_modules(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")
    assert reaches_streamlit_side(imported) == set()


def test_the_pure_modules_include_mapview_and_markup():
    """The rule covers the two modules that sit nearest the Streamlit side; state, panels and sidebar are that side."""
    assert {"kpmap.mapview", "kpmap.ui.markup", "kpmap.data"} <= {module_name(path) for path in PURE_MODULES}
    assert {"kpmap.ui.state", "kpmap.ui.panels", "kpmap.ui.sidebar"} <= STREAMLIT_UI


@pytest.mark.parametrize(
    ("source", "module", "reached"),
    [
        ("import streamlit as st", "kpmap.mapview", {"streamlit"}),
        ("import streamlit.components.v1", "kpmap.mapview", {"streamlit.components.v1"}),
        ("from streamlit_folium import st_folium", "kpmap.mapview", {"streamlit_folium", "streamlit_folium.st_folium"}),
        ("from kpmap.ui import state", "kpmap.ui.markup", {"kpmap.ui.state"}),
        ("from . import panels", "kpmap.ui.markup", {"kpmap.ui.panels"}),
        ("from .ui.sidebar import x", "kpmap.mapview", {"kpmap.ui.sidebar", "kpmap.ui.sidebar.x"}),
        ("from ..ui import state", "kpmap.ui.markup", {"kpmap.ui.state"}),
        ("def later():\n    import streamlit\n", "kpmap.filters", {"streamlit"}),
        ("from kpmap.ui import markup\nimport streamlit_extras", "kpmap.mapview", set()),
    ],
)
def test_the_import_reader_finds_every_way_of_reaching_the_streamlit_side(source, module, reached):
    """Plain, dotted, from-, relative and function-level imports are all seen; look-alike names are not."""
    assert reaches_streamlit_side(imported_modules(source, module)) == reached


TESTS = Path(__file__).resolve().parent


@pytest.mark.parametrize("path", sorted(TESTS.rglob("*.py")), ids=lambda path: str(path.relative_to(TESTS)))
def test_no_test_module_imports_from_a_conftest(path: Path):
    """Shared helpers live in plain modules (tests/support.py, tests/e2e/browser.py); conftest only holds fixtures."""
    module = ".".join(path.relative_to(TESTS.parent).with_suffix("").parts)
    imported = imported_modules(path.read_text(encoding="utf-8"), module)
    assert [name for name in imported if name.rpartition(".")[2] == "conftest" or ".conftest." in name] == []
