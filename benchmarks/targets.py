"""The performance benchmark's targets: what each one serves, how many markers it shows before and
after the filter change, and how a visitor changes that filter."""

from __future__ import annotations

import csv
import json
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from devtools.devserver import ROOT, free_port, running_app, serving

GROWTH = "Keskisuurten kasvukaupunkien kumppanuus"
GROWTH_ID = "growth"


@dataclass
class Target:
    name: str
    url: str
    markers: int
    filtered: int
    streamlit: bool
    click_filter: Callable[[Any], None]


def click_checkbox(page: Any) -> None:
    page.get_by_role("checkbox", name=GROWTH).click(force=True)


def click_remove_tag(page: Any) -> None:
    page.get_by_role("button", name=f"Remove {GROWTH}").click()


def _members(data_dir: Path) -> dict[str, list[str]]:
    members: dict[str, list[str]] = {}
    with (data_dir / "partnerships.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            members.setdefault(row["kuntanumero"], []).append(row["programme_id"])
    return members


def _features(data_dir: Path) -> list[dict[str, Any]]:
    features: list[dict[str, Any]] = json.loads((data_dir / "cities.geojson").read_text(encoding="utf-8"))["features"]
    return features


def marker_counts(data_dir: Path) -> tuple[int, int]:
    """(all cities, cities left when the growth programme is unticked) of a data directory."""
    members = _members(data_dir)
    ids = [f["properties"]["kuntanumero"] for f in _features(data_dir)]
    return len(ids), sum(1 for k in ids if set(members.get(k, [])) - {GROWTH_ID})


STATIC_SCRIPT = """
const map = L.map('map', {zoomSnap: 0.5}).setView([63.3, 25.6], 5.5);
window.map = map;
let layer = null;
function draw() {
  const hide = document.getElementById('growth').checked ? [] : ['%s'];
  if (layer) { map.removeLayer(layer); }
  const shown = cities.filter((c) => c[2].some((p) => !hide.includes(p)));
  layer = L.featureGroup(shown.map((c) => L.circleMarker([c[0], c[1]], {radius: 7}))).addTo(map);
}
document.getElementById('growth').addEventListener('change', draw);
draw();
"""


def static_page(data_dir: Path, out_dir: Path) -> Path:
    """The static target: index.html with Leaflet beside it, the same markers and a growth checkbox."""
    import xstatic.pkg.leaflet as xstatic_leaflet

    members = _members(data_dir)
    points = [
        [f["geometry"]["coordinates"][1], f["geometry"]["coordinates"][0], members[f["properties"]["kuntanumero"]]]
        for f in _features(data_dir)
    ]
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copyfile(Path(xstatic_leaflet.BASE_DIR) / name, out_dir / name)
    html = f"""<!doctype html>
<html lang="fi"><head><meta charset="utf-8"><title>static</title>
<link rel="stylesheet" href="leaflet.css"><script src="leaflet.js"></script>
<style>body {{ margin: 0; font-family: sans-serif; }} #map {{ height: 620px; }}</style></head>
<body><label><input type="checkbox" id="growth" checked> {GROWTH}</label><div id="map"></div>
<script>
const cities = {json.dumps(points)};
{STATIC_SCRIPT % GROWTH_ID}</script></body></html>
"""
    (out_dir / "index.html").write_text(html, encoding="utf-8")
    return out_dir


@contextmanager
def streamlit_server(script: str, env: dict[str, str] | None = None) -> Iterator[str]:
    options = ["--server.address", "127.0.0.1", "--server.headless", "true"]
    with running_app(script, env, options) as (url, _process):
        yield url


@contextmanager
def static_server(directory: Path) -> Iterator[str]:
    port = free_port()
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(directory)]
    with serving(command, port, "/index.html") as (url, _process):
        yield url


def start_targets(stack: ExitStack, big: Path, static_dir: Path) -> list[Target]:
    """Serve all six targets (stopped when the stack closes), in the order they are visited."""
    urls = {
        "kpmap": stack.enter_context(streamlit_server("app.py")),
        "kpmap-cities": stack.enter_context(streamlit_server("benchmarks/apps/cities_view.py")),
        "kpmap-10x": stack.enter_context(streamlit_server("app.py", {"KPMAP_DATA_DIR": str(big)})),
        "naive": stack.enter_context(streamlit_server("benchmarks/apps/naive.py")),
        "floor": stack.enter_context(streamlit_server("benchmarks/apps/floor_app.py")),
        "static": stack.enter_context(static_server(static_dir)) + "/index.html",
    }
    n1, f1 = marker_counts(ROOT / "data")
    n10, f10 = marker_counts(big)
    return [
        Target("kpmap", urls["kpmap"], n1, f1, True, click_checkbox),
        Target("kpmap-cities", urls["kpmap-cities"], n1, f1, True, click_checkbox),
        Target("kpmap-10x", urls["kpmap-10x"], n10, f10, True, click_checkbox),
        Target("naive", urls["naive"], n1, f1, True, click_remove_tag),
        Target("floor", urls["floor"], n1, f1, True, click_checkbox),
        Target("static", urls["static"], n1, f1, False, click_checkbox),
    ]
