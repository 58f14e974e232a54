"""axe-core (the accessibility audit, from npm) for the browser tests: installed on first use into
.cache/npm with npm, the registry's ordinary client, at the version pinned here."""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

from devtools.devserver import ROOT

AXE_VERSION = "4.14.1"
CACHE = ROOT / ".cache" / "npm"
AXE_SCRIPT = CACHE / "node_modules" / "axe-core" / "axe.min.js"
# What counts as failing the audit: WCAG 2.1 A and AA rules, serious or critical findings.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING = ("serious", "critical")


def axe_source() -> str:
    """axe.min.js at the pinned version, installed with npm if it is not there yet."""
    if not _installed():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError(f"axe-core {AXE_VERSION} is not in {CACHE} and npm is not installed to get it")
        subprocess.run(
            [npm, "install", "--prefix", str(CACHE), "--no-save", "--no-audit", "--no-fund", f"axe-core@{AXE_VERSION}"],
            check=True,
            capture_output=True,
        )
    return AXE_SCRIPT.read_text(encoding="utf-8")


def _installed() -> bool:
    package = CACHE / "node_modules" / "axe-core" / "package.json"
    return AXE_SCRIPT.is_file() and f'"version": "{AXE_VERSION}"' in package.read_text(encoding="utf-8")


def failing(results: dict[str, Any]) -> list[str]:
    """The serious and critical violations of an axe run, one line each: rule, impact, where."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in FAILING
    ]
