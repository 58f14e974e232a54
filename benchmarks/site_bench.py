"""The static site's benchmark: prints a table of medians and ratios, and whether each goal holds.

    .venv/bin/python -m benchmarks.site_bench [--runs 11] [--skip-app]

Three targets, each on its own free port on 127.0.0.1, visited in turn, run by run (A B C A B C ...), each
visit in a fresh browser context of one headless Chromium:

  site   `python -m kpmap export-site` of the bundled data, served by `python -m http.server`
  floor  benchmarks/site/floor.html: a hand-written static Leaflet page with the same Leaflet, areas and
         cities (outline, regions, municipal borders, member areas in colour, one checkbox), opening on the
         same view (Finland's outline's bounds), served the same way
  app    `streamlit run app.py`, the Streamlit app, for comparison (left out with --skip-app)

Tile requests never leave the machine: they get a blank PNG. Figures per visit, in the browser's own clock
(an init script notes when the number of Leaflet's interactive paths, one per city, changes):
  map      navigation start -> every city's shape in the DOM (the app: inside st_folium's frame)
  text     navigation start -> the first paint with text (first-contentful-paint; static pages only)
  filter   pointerdown on the growth programme's checkbox -> the remaining cities' shapes in the DOM, and
           -> the first frame painted after that (static pages only)
Sizes: every file of the site, raw and gzipped one by one, as a web server sends them.
Goals: the site's time to map <= 1.2x the floor's (both open on the whole of Finland); a filter change
<= 50 ms to the updated map. The machine is shared: every target is visited in each run, in turn, so that
a busy moment falls on all of them; the load average is printed beside the figures.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from string import Template
from typing import Any

import xstatic.pkg.leaflet as xstatic_leaflet
from playwright.sync_api import Page, sync_playwright

from benchmarks.process import machine_load

# The app's map is in nested frames: the app benchmark's counter finds it there.
from benchmarks.visits import INIT_SCRIPT as APP_COUNTER
from devtools.devserver import CHROMIUM, CHROMIUM_ARGS, free_port, running_app, serving
from kpmap import load_dataset
from kpmap.filters import Selection, visible_cities
from kpmap.mapview import DEFAULT_TILES
from kpmap.model import Dataset
from kpmap.site.build import build_site, json_block, site_areas, sizes

ROOT = Path(__file__).resolve().parents[1]

FLOOR = Path(__file__).resolve().parent / "site"
TILE = "https://*.basemaps.cartocdn.com/**"
BLANK_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e527de3f0000000049454e44ae426082"
)
WAIT_MS = 60_000
GOAL_RATIO, GOAL_FILTER_MS = 1.2, 50.0

# Runs in every frame before its scripts: notes (absolute ms) when each count of Leaflet's interactive
# paths in that document is first reached, and the first frame painted after; and every pointerdown.
COUNTER = """
(() => {
  const now = () => performance.timeOrigin + performance.now();
  const kp = window.__kp = {first: {}, painted: {}, downs: []};
  document.addEventListener('click', () => kp.downs.push(now()), true);
  let last = -1;
  const check = () => {
    const n = document.querySelectorAll('path.leaflet-interactive').length;
    if (n === last) { return; }
    last = n;
    if (!(n in kp.first)) {
      kp.first[n] = now();
      requestAnimationFrame(() => setTimeout(() => { kp.painted[n] = now(); }, 0));
    }
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true});
})();
"""


def floor_site(dataset: Dataset, out: Path) -> None:
    """The floor page with the same areas and cities as the site, and Leaflet beside it."""
    cities = [
        {
            "id": kuntanumero,
            "lat": row["lat"],
            "lon": row["lon"],
            "programmes": list(row["programmes"]),
            "colour": dataset.by_id[row["programmes"][0]].colour,
        }
        for kuntanumero, row in zip(dataset.cities.index, dataset.rows(dataset.cities), strict=True)
    ]
    blocks = "\n".join(
        [json_block("areas", site_areas(dataset)), json_block("cities", cities), json_block("tiles", DEFAULT_TILES.url)]
    )
    out.mkdir(parents=True)
    page = Template((FLOOR / "floor.html").read_text(encoding="utf-8")).substitute(data_blocks=blocks)
    (out / "index.html").write_text(page, encoding="utf-8")
    shutil.copy(FLOOR / "floor.js", out / "floor.js")
    leaflet = Path(xstatic_leaflet.BASE_DIR)
    shutil.copytree(leaflet / "images", out / "leaflet" / "images")
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copy(leaflet / name, out / "leaflet" / name)


def static_server(directory: Path) -> Any:
    port = free_port()
    command = [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", str(directory), str(port)]
    return serving(command, port, "/")


def folder_sizes(directory: Path, only: str = "*") -> tuple[int, int]:
    return sizes({str(p): p.read_bytes() for p in directory.rglob(only) if p.is_file()})


class Visit:
    """One visit of one target in a fresh browser context."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def frames_kp(self) -> list[dict[str, Any]]:
        found = []
        for frame in self.page.frames:
            kp = frame.evaluate("window.__kp || null")
            if kp:
                found.append(kp)
        return found

    def reached(self, count: int, key: str = "first") -> float | None:
        """The earliest time any document had at least `count` interactive paths."""
        times = [float(t) for kp in self.frames_kp() for n, t in kp[key].items() if int(n) >= count]
        return min(times) if times else None

    def exactly(self, count: int, key: str) -> float | None:
        times = [float(kp[key][str(count)]) for kp in self.frames_kp() if str(count) in kp[key]]
        return min(times) if times else None

    def wait_for(self, probe: Callable[[], float | None]) -> float:
        for _ in range(WAIT_MS // 50):
            value = probe()
            if value is not None:
                return value
            self.page.wait_for_timeout(50)
        raise TimeoutError("the map did not show the expected cities")


def visit_static(page: Page, url: str, box: str, counts: tuple[int, int]) -> dict[str, float]:
    """Time to map, then the growth programme unticked: time to the updated DOM and to its paint."""
    visit = Visit(page)
    page.goto(url)
    origin = float(page.evaluate("performance.timeOrigin"))
    drawn = visit.wait_for(lambda: visit.reached(counts[0]))
    page.wait_for_timeout(1000)  # the page at rest (tiles in, panels drawn) before the filter change
    text = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
    page.evaluate("window.__kp.first = {}; window.__kp.painted = {};")
    page.click(box)
    changed = visit.wait_for(lambda: visit.exactly(counts[1], "first"))
    painted = visit.wait_for(lambda: visit.exactly(counts[1], "painted"))
    down = float(page.evaluate("window.__kp.downs[window.__kp.downs.length - 1]"))
    return {"map": drawn - origin, "text": float(text), "filter": changed - down, "filter_painted": painted - down}


def visit_app(page: Page, url: str, counts: tuple[int, int]) -> dict[str, float]:
    visit = Visit(page)
    page.goto(url)
    origin = float(page.evaluate("performance.timeOrigin"))
    return {"map": visit.wait_for(lambda: visit.reached(counts[0])) - origin}


@contextmanager
def targets(dataset: Dataset, work: Path, app: bool = True) -> Iterator[dict[str, str]]:
    """The targets running (the app unless `app` is false); yields their addresses."""
    build_site(dataset, work / "site", DEFAULT_TILES)
    floor_site(dataset, work / "floor")
    with ExitStack() as stack:
        site_url, _ = stack.enter_context(static_server(work / "site"))
        floor_url, _ = stack.enter_context(static_server(work / "floor"))
        urls = {"site": site_url + "/", "floor": floor_url + "/"}
        if app:
            app_url, _ = stack.enter_context(running_app())
            urls["app"] = app_url + "/"
        yield urls


def measure(urls: dict[str, str], counts: tuple[int, int], runs: int) -> dict[str, list[dict[str, float]]]:
    results: dict[str, list[dict[str, float]]] = {name: [] for name in urls}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for run in range(runs + 1):  # run 0 warms up every server and the browser; it is not counted
            for name, url in urls.items():
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                context.add_init_script(APP_COUNTER if name == "app" else COUNTER)
                context.route(TILE, lambda route: route.fulfill(status=200, content_type="image/png", body=BLANK_PNG))
                page = context.new_page()
                if name == "app":
                    figures = visit_app(page, url, counts)
                else:
                    box = "#kpmap-programme-growth" if name == "site" else "#growth"
                    figures = visit_static(page, url, box, counts)
                context.close()
                if run:
                    results[name].append(figures)
        browser.close()
    return results


def median(results: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in results)


def report(
    results: dict[str, list[dict[str, float]]],
    sizes_of: dict[str, tuple[int, int]],
    pages: dict[str, tuple[int, int]],
    runs: int,
) -> bool:
    site, floor = (median(results[n], "map") for n in ("site", "floor"))
    app = median(results["app"], "map") if results.get("app") else None
    filter_dom, filter_paint = median(results["site"], "filter"), median(results["site"], "filter_painted")
    rows = [
        ("time to map, ms", f"{site:,.0f}", f"{floor:,.0f}", "–" if app is None else f"{app:,.0f}"),
        ("ratio to floor", f"{site / floor:.2f}", "1.00", "–" if app is None else f"{app / floor:.2f}"),
        ("first paint with text, ms", *(f"{median(results[n], 'text'):,.0f}" for n in ("site", "floor")), "–"),
        (
            "filter change to updated map, ms (DOM / painted)",
            f"{filter_dom:.1f} / {filter_paint:.1f}",
            f"{median(results['floor'], 'filter'):.1f} / {median(results['floor'], 'filter_painted'):.1f}",
            "–",
        ),
        ("all files, KB raw / gzipped", *(f"{r / 1024:,.0f} / {g / 1024:,.0f}" for r, g in sizes_of.values()), "–"),
        ("index.html, KB raw / gzipped", *(f"{r / 1024:,.0f} / {g / 1024:,.0f}" for r, g in pages.values()), "–"),
    ]
    print(f"\nmedians of {runs} runs; site vs floor vs app; {machine_load()} at the end")
    print("| | site | floor (hand-written) | app |\n| --- | --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    ok_ratio, ok_filter = site / floor <= GOAL_RATIO, filter_paint <= GOAL_FILTER_MS
    print(f"\ngoal time to map <= {GOAL_RATIO}x floor: {'met' if ok_ratio else 'MISSED'} ({site / floor:.2f}x)")
    verdict = "met" if ok_filter else "MISSED"
    print(f"goal filter change <= {GOAL_FILTER_MS:.0f} ms: {verdict} ({filter_paint:.1f} ms to the painted map)")
    return ok_ratio and ok_filter


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=11, choices=range(1, 51), metavar="1..50")
    parser.add_argument("--skip-app", action="store_true", help="visit the site and the floor only, not the app")
    args = parser.parse_args()
    dataset = load_dataset()
    others = Selection(programmes=frozenset(dataset.by_id) - {"growth"})
    counts = (len(dataset.cities), len(visible_cities(dataset, others)))
    work_dir = tempfile.TemporaryDirectory(prefix="kpmap-site-bench-")
    with work_dir as work, targets(dataset, Path(work), app=not args.skip_app) as urls:
        sizes_of = {name: folder_sizes(Path(work) / name) for name in ("site", "floor")}
        pages = {name: folder_sizes(Path(work) / name, "index.html") for name in ("site", "floor")}
        results = measure(urls, counts, args.runs)
    return 0 if report(results, sizes_of, pages, args.runs) else 1


if __name__ == "__main__":
    sys.exit(main())
