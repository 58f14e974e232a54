"""kpmap's performance benchmark: prints a table of medians and ratios, and whether each goal holds.

    .venv/bin/python benchmarks/run.py [--runs 5] [--apptest-runs 20] [--deadline 1200]

Five targets, each served on its own free port on 127.0.0.1 and visited in turn, run by run
(A B C D E A B C D E ...), each visit in a fresh browser context of one headless Chromium:

  kpmap      `streamlit run app.py` on the bundled data (54 cities)
  kpmap-10x  the same on 540 cities written by make_big_dataset.py into a temporary directory
  naive      apps/naive.py: a tutorial-style folium + st_folium page of the same cities
  floor      apps/floor_app.py: the least a Streamlit + st_folium page can do with them
  static     a plain HTML page with Leaflet and the same markers (python -m http.server)

Requests to other hosts never leave the machine: tiles get a blank PNG, the naive page's CDN files
are answered from local copies (Leaflet from xstatic-leaflet, jQuery from Debian's libjs-jquery or a
shim, everything else an empty 200). All of them are counted.

Figures per visit (times in the browser's own clock, recorded by an init script in every frame):
  map       navigation start -> all cities' `path.leaflet-interactive` in the DOM (MutationObserver)
  filter    pointerdown on the growth-programme control -> the map shows the remaining cities
  settled   the same pointerdown -> the Streamlit run it started has ended (the whole page is updated)
  in place  the map's document survived the filter change (a window variable set before is still
            there) and its view (centre, zoom; changed by the pan and zoom before) was kept
  pan/zoom  websocket messages the browser sends during one drag / one wheel zoom and 1.5 s after
  ws bytes  websocket payload received from navigation until the map is drawn
  foreign   requests to hosts other than 127.0.0.1, tiles counted apart
Server time: one script run on a filter change, in process with streamlit.testing AppTest (the whole
script with the page it runs, st_folium's rendering of the map to HTML/JS and the protobuf messages;
no network, no browser). Median of --apptest-runs runs, the growth programme toggled before each;
wall time (kpmap's includes its 10 ms pause after the map, see kpmap.ui.state.map_head_start), and the
process's CPU time in it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))  # devtools/, the dev-server helper shared with the tests

from make_big_dataset import make_big_dataset  # noqa: E402

from devtools.devserver import CHROMIUM, CHROMIUM_ARGS, free_port, running_app, serving  # noqa: E402

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
GROWTH = "Keskisuurten kasvukaupunkien kumppanuus"
GROWTH_ID = "growth"
FOREIGN = re.compile(r"^(https?|wss?)://(?!(127\.0\.0\.1|localhost)(:\d+)?/)")
TILE = re.compile(r"/\d+/\d+/\d+(@2x)?\.(png|jpg|jpeg|webp)(\?.*)?$")
JQUERY_COPIES = [Path("/usr/share/javascript/jquery/jquery.min.js")]
# Enough of jQuery for folium's popups, `$(html)[0]`, if no copy of jQuery is installed.
JQUERY_SHIM = (
    "window.jQuery = window.$ = function (html) { const t = document.createElement('template');"
    " t.innerHTML = String(html).trim(); return Array.from(t.content.childNodes); };"
)
WAIT_MS = 60_000
SETTLE_MS = 1_500

# Runs in the top window before the page's scripts. It watches the documents of the page and of
# every same-origin frame (found again on each animation frame, since a frame's document is replaced
# when it loads) and notes, in absolute milliseconds (timeOrigin + now), every change of the total
# number of Leaflet vector markers; it also notes every pointerdown (the start of a click on a filter).
INIT_SCRIPT = """
(() => {
  if (window !== window.top) { return; }
  const now = () => performance.timeOrigin + performance.now();
  const kp = window.__kp = {hist: [], downs: [], first: {}, idle: []};
  document.addEventListener('pointerdown', () => kp.downs.push(now()), true);
  // Streamlit marks its app element with the run's state; "notRunning" follows the end of each run.
  new MutationObserver((changes) => {
    for (const c of changes) {
      if (c.target.getAttribute(c.attributeName) === 'notRunning') { kp.idle.push(now()); }
    }
  }).observe(document, {attributes: true, attributeFilter: ['data-test-script-state'], subtree: true});
  const observed = new WeakSet();
  let last = -1;
  const documents = (win, out) => {
    try { out.push(win.document); } catch (e) { return out; }
    for (let i = 0; i < win.frames.length; i++) { documents(win.frames[i], out); }
    return out;
  };
  const check = () => {
    let n = 0;
    for (const doc of documents(window, [])) {
      if (!observed.has(doc)) {
        observed.add(doc);
        new MutationObserver(check).observe(doc, {childList: true, subtree: true});
      }
      n += doc.querySelectorAll('path.leaflet-interactive').length;
    }
    if (n === last) { return; }
    last = n;
    const t = now();
    kp.hist.push([t, n]);
    if (!(n in kp.first)) { kp.first[n] = t; }
  };
  const tick = () => { check(); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})();
"""

# --- data ------------------------------------------------------------------------------------------


def marker_counts(data_dir: Path) -> tuple[int, int]:
    """(all cities, cities left when the growth programme is unticked) of a data directory."""
    members: dict[str, set[str]] = {}
    with (data_dir / "partnerships.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            members.setdefault(row["kuntanumero"], set()).add(row["programme_id"])
    features = json.loads((data_dir / "cities.geojson").read_text(encoding="utf-8"))["features"]
    ids = [f["properties"]["kuntanumero"] for f in features]
    return len(ids), sum(1 for k in ids if members.get(k, set()) - {GROWTH_ID})


def static_page(data_dir: Path, out_dir: Path) -> Path:
    """The static target: index.html with Leaflet beside it, the same markers and a growth checkbox."""
    import xstatic.pkg.leaflet as xstatic_leaflet

    members: dict[str, list[str]] = {}
    with (data_dir / "partnerships.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            members.setdefault(row["kuntanumero"], []).append(row["programme_id"])
    features = json.loads((data_dir / "cities.geojson").read_text(encoding="utf-8"))["features"]
    points = [
        [f["geometry"]["coordinates"][1], f["geometry"]["coordinates"][0], members[f["properties"]["kuntanumero"]]]
        for f in features
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
const map = L.map('map', {{zoomSnap: 0.5}}).setView([63.3, 25.6], 5.5);
window.map = map;
let layer = null;
function draw() {{
  const hide = document.getElementById('growth').checked ? [] : ['{GROWTH_ID}'];
  if (layer) {{ map.removeLayer(layer); }}
  const shown = cities.filter((c) => c[2].some((p) => !hide.includes(p)));
  layer = L.featureGroup(shown.map((c) => L.circleMarker([c[0], c[1]], {{radius: 7}}))).addTo(map);
}}
document.getElementById('growth').addEventListener('change', draw);
draw();
</script></body></html>
"""
    (out_dir / "index.html").write_text(html, encoding="utf-8")
    return out_dir


# --- servers ---------------------------------------------------------------------------------------


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


# --- the browser -----------------------------------------------------------------------------------


def blank_png(size: int = 256) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x00" * (size * 4) for _ in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


class LocalAnswers:
    """Answers every request to another host from this machine, and counts them."""

    def __init__(self) -> None:
        import xstatic.pkg.leaflet as xstatic_leaflet

        self.leaflet = Path(xstatic_leaflet.BASE_DIR)
        self.jquery = next((p for p in JQUERY_COPIES if p.is_file()), None)
        self.png = blank_png()

    def handle(self, route: Any, counts: Counter[str]) -> None:
        url = route.request.url
        path = url.split("?", 1)[0]
        if TILE.search(path):
            counts["tile"] += 1
            route.fulfill(status=200, body=self.png, content_type="image/png")
            return
        counts["foreign"] += 1
        name = path.rsplit("/", 1)[-1]
        if "leaflet" in path and name in ("leaflet.js", "leaflet.css"):
            route.fulfill(path=str(self.leaflet / name))
        elif "jquery" in name and name.endswith(".js"):
            if self.jquery is not None:
                route.fulfill(path=str(self.jquery), content_type="application/javascript")
            else:
                route.fulfill(status=200, body=JQUERY_SHIM, content_type="application/javascript")
        elif name.endswith(".js"):
            route.fulfill(status=200, body="", content_type="application/javascript")
        elif name.endswith(".css"):
            route.fulfill(status=200, body="", content_type="text/css")
        else:
            route.fulfill(status=204, body="")


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


@dataclass
class Visit:
    """One visit's figures; None where a figure could not be taken."""

    map_ms: float | None = None
    filter_ms: float | None = None
    settled_ms: float | None = None
    same_document: bool | None = None
    view_kept: bool | None = None
    pan_msgs: int | None = None
    zoom_msgs: int | None = None
    ws_bytes: int | None = None
    iframe_ms: float | None = None
    load_msgs: int | None = None
    foreign: int = 0
    tiles: int = 0
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _map_frame(page: Any, target: Target) -> Any:
    if not target.streamlit:
        return page.main_frame
    frame = page.locator(MAP_FRAME).element_handle(timeout=WAIT_MS).content_frame()
    if frame is None:
        raise RuntimeError("the map iframe has no document")
    return frame


def _map_box(page: Any, target: Target) -> dict[str, float]:
    box = page.locator(MAP_FRAME if target.streamlit else "#map").bounding_box(timeout=WAIT_MS)
    if box is None:
        raise RuntimeError("the map is not on screen")
    return box


def _sent_during(page: Any, sent: list[int], action: Callable[[], None]) -> int:
    before = len(sent)
    action()
    page.wait_for_timeout(SETTLE_MS)
    return len(sent) - before


VIEW_JS = "() => { const c = window.map.getCenter(); return [c.lat, c.lng, window.map.getZoom()]; }"


def visit(browser: Any, target: Target, answers: LocalAnswers) -> Visit:
    result = Visit()
    counts: Counter[str] = Counter()
    received: list[int] = []
    sent: list[int] = []
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        context.add_init_script(INIT_SCRIPT)
        context.route(FOREIGN, lambda route: answers.handle(route, counts))
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)

        def on_socket(ws: Any) -> None:
            ws.on("framereceived", lambda p: received.append(len(p.encode() if isinstance(p, str) else p)))
            ws.on("framesent", lambda p: sent.append(len(p.encode() if isinstance(p, str) else p)))

        page.on("websocket", on_socket)

        # Time to map: first moment all markers are in the DOM, from the navigation's start.
        page.goto(target.url, wait_until="commit")
        page.wait_for_function(
            "n => window.__kp && (n in window.__kp.first)", arg=target.markers, polling="raf", timeout=WAIT_MS
        )
        result.ws_bytes = sum(received) if target.streamlit else None
        drawn, origin = page.evaluate(f"() => [window.__kp.first[{target.markers}], performance.timeOrigin]")
        result.map_ms = drawn - origin
        if target.streamlit:  # when the map's iframe document started (after the page and script got to it)
            result.iframe_ms = _map_frame(page, target).evaluate("() => performance.timeOrigin") - origin

        # One pan, then one wheel zoom, on the map: messages sent to the server.
        page.wait_for_timeout(SETTLE_MS)
        result.load_msgs = len(sent) if target.streamlit else None
        box = _map_box(page, target)
        start = (box["x"] + 60, box["y"] + 120)

        def pan() -> None:
            page.mouse.move(*start)
            page.mouse.down()
            page.mouse.move(start[0] + 150, start[1] + 100, steps=10)
            page.mouse.up()

        def zoom() -> None:
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.mouse.wheel(0, -240)

        result.pan_msgs = _sent_during(page, sent, pan)
        result.zoom_msgs = _sent_during(page, sent, zoom)
        if not target.streamlit:
            result.pan_msgs = result.zoom_msgs = None  # no server to send to

        # Filter change: untick the growth programme; time until the remaining markers are drawn.
        frame = _map_frame(page, target)
        frame.evaluate("() => { window.__kpProbe = 'same document'; }")
        view_before = frame.evaluate(VIEW_JS)
        mark = page.evaluate("() => window.__kp.hist.length")
        target.click_filter(page)
        page.wait_for_function(
            "([i, n]) => window.__kp.hist.slice(i).some((h) => h[1] === n)",
            arg=[mark, target.filtered],
            polling="raf",
            timeout=WAIT_MS,
        )
        done, downs = page.evaluate(
            f"() => [window.__kp.hist.slice({mark}).find((h) => h[1] === {target.filtered})[0], window.__kp.downs]"
        )
        clicked = max(d for d in downs if d <= done)
        result.filter_ms = done - clicked
        page.wait_for_timeout(SETTLE_MS)  # anything that happens after the first draw (reloads) counts
        if target.streamlit:
            ended = [t - clicked for t in page.evaluate("() => window.__kp.idle") if t > clicked]
            result.settled_ms = min(ended) if ended else None
        frame = _map_frame(page, target)
        result.same_document = frame.evaluate("() => window.__kpProbe === 'same document'")
        view_after = frame.evaluate(VIEW_JS)
        result.view_kept = all(abs(a - b) < 1e-9 for a, b in zip(view_before, view_after, strict=True))
        final = len(page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive").all()) if target.streamlit else 0
        if target.streamlit and final != target.filtered:
            result.extra["final_markers"] = final
    except Exception as error:  # one failed visit is reported, the others go on
        result.error = f"{type(error).__name__}: {str(error).splitlines()[0][:160]}"
    finally:
        result.foreign, result.tiles = counts["foreign"], counts["tile"]
        context.close()
    return result


# --- in-process server time --------------------------------------------------------------------------


def apptest_timing(name: str, runs: int, data_dir: str | None) -> dict[str, Any]:
    """Median milliseconds of one script run after a growth-programme toggle, in this process."""
    if data_dir:
        os.environ["KPMAP_DATA_DIR"] = data_dir
    from streamlit.testing.v1 import AppTest

    script = {
        "kpmap": ROOT / "navigation.py",
        "naive": BENCH / "apps" / "naive.py",
        "floor": BENCH / "apps" / "floor.py",
    }
    at = AppTest.from_file(str(script[name]), default_timeout=60)
    at.run().run()  # kpmap's first run of a session draws only the map; the filters come with the second
    if at.exception:
        raise RuntimeError(f"{name}: {at.exception[0].message}")

    def toggle(i: int) -> None:
        off = i % 2 == 0
        if name == "kpmap":
            box = at.checkbox(key="w_programme_growth")
            box.uncheck() if off else box.check()
        elif name == "floor":
            box = at.checkbox[0]
            box.uncheck() if off else box.check()
        else:
            select = at.multiselect[0]
            select.unselect(GROWTH) if off else select.select(GROWTH)

    times, cpu = [], []
    for i in range(runs + 2):  # two warm-up runs
        toggle(i)
        started, cpu_started = time.perf_counter(), time.process_time()
        at.run()
        elapsed, cpu_used = (time.perf_counter() - started) * 1000, (time.process_time() - cpu_started) * 1000
        if at.exception:
            raise RuntimeError(f"{name}: {at.exception[0].message}")
        if i >= 2:
            times.append(elapsed)
            cpu.append(cpu_used)
    return {
        "median_ms": statistics.median(times),
        "min_ms": min(times),
        "max_ms": max(times),
        "cpu_ms": statistics.median(cpu),
        "runs": len(times),
    }


def apptest_in_subprocess(name: str, runs: int, data_dir: Path | None, timeout: float) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--apptest", name, "--apptest-runs", str(runs)]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout} s"}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1][:160]}
    result: dict[str, Any] = json.loads(lines[-1])
    return result


# --- report ----------------------------------------------------------------------------------------


def median(values: list[Any]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value: float | None, digits: int = 0) -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}"


def spread(values: list[Any]) -> str:
    values = [v for v in values if v is not None]
    if not values:
        return "n/a"
    return f"{statistics.median(values):,.0f} ({min(values):,.0f}-{max(values):,.0f})"


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def all_true(values: list[bool | None]) -> str:
    values = [v for v in values if v is not None]
    if not values:
        return "n/a"
    return "yes" if all(values) else f"no ({values.count(False)}/{len(values)})"


def report(targets: list[Target], visits: dict[str, list[Visit]], server_ms: dict[str, dict[str, Any]]) -> bool:
    names = [t.name for t in targets]
    v = {n: visits[n] for n in names}
    ok = {n: [x for x in v[n] if x.error is None] for n in names}
    med = {n: {k: median([getattr(x, k) for x in ok[n]]) for k in ("map_ms", "filter_ms", "ws_bytes")} for n in names}

    def figure(key: str, unit: float = 1.0, everyone: bool = False) -> Callable[[str], str]:
        return lambda n: spread(
            [None if getattr(x, key) is None else getattr(x, key) / unit for x in (v if everyone else ok)[n]]
        )

    def most(key: str) -> Callable[[str], str]:
        return lambda n: fmt(max((getattr(x, key) for x in ok[n] if getattr(x, key) is not None), default=None))

    def versus(key: str, base: str, only: str | None = None) -> Callable[[str], str]:
        return lambda n: "" if only and n != only else fmt(ratio(med[n][key], med[base][key]), 2)

    def server(n: str) -> str:
        found = server_ms.get(n, {})
        if "median_ms" not in found:
            return str(found.get("error", "n/a"))[:20]
        return f"{found['median_ms']:.1f} ({found['min_ms']:.0f}-{found['max_ms']:.0f})"

    def server_cpu(n: str) -> str:
        found = server_ms.get(n, {}).get("cpu_ms")
        return "n/a" if found is None else f"{found:.1f}"

    def server_10x(n: str) -> str:
        runs = (server_ms.get(n, {}).get("median_ms"), server_ms.get("kpmap", {}).get("median_ms"))
        return fmt(ratio(*runs), 2) if n == "kpmap-10x" else ""

    by_name = {t.name: t for t in targets}
    rows: list[tuple[str, Callable[[str], str]]] = [
        ("", lambda n: n),
        ("markers (all / after filter)", lambda n: f"{by_name[n].markers} / {by_name[n].filtered}"),
        ("visits ok / runs", lambda n: f"{len(ok[n])} / {len(v[n])}"),
        ("time to map, ms: median (min-max)", figure("map_ms")),
        ("  ratio to floor", versus("map_ms", "floor")),
        ("  ratio to naive", versus("map_ms", "naive")),
        ("  of which until map iframe started", figure("iframe_ms")),
        ("filter change, ms", figure("filter_ms")),
        ("  ratio to naive", versus("filter_ms", "naive")),
        ("  same map document after filter", lambda n: all_true([x.same_document for x in ok[n]])),
        ("  map view kept after filter", lambda n: all_true([x.view_kept for x in ok[n]])),
        ("  whole page updated (run ended), ms", figure("settled_ms")),
        ("messages sent during load (max)", most("load_msgs")),
        ("messages sent on one pan (max)", most("pan_msgs")),
        ("messages sent on one zoom (max)", most("zoom_msgs")),
        ("requests to other hosts, non-tile", figure("foreign", everyone=True)),
        ("  tile requests (answered locally)", figure("tiles", everyone=True)),
        ("ws KB received until map drawn", figure("ws_bytes", unit=1000)),
        ("server: script run on filter, ms", server),
        ("  of which CPU (the process), ms", server_cpu),
        ("10x / 1x: time to map", versus("map_ms", "kpmap", "kpmap-10x")),
        ("10x / 1x: filter change", versus("filter_ms", "kpmap", "kpmap-10x")),
        ("10x / 1x: server script run", server_10x),
    ]
    print()
    for label, cell in rows:
        print(f"{label:<36}" + "".join(f"{cell(n):>20}" for n in names))

    errors = [(n, x.error) for n in names for x in v[n] if x.error]
    for n, error in errors:
        print(f"  visit error, {n}: {error}")
    for n in names:
        for x in ok[n]:
            if x.extra:
                print(f"  note, {n}: {x.extra}")

    k, k10, naive, floor = med["kpmap"], med["kpmap-10x"], med["naive"], med["floor"]
    kp_ok = ok["kpmap"]
    goals = []

    def goal(text: str, passed: bool | None, figures: str) -> None:
        goals.append(passed)
        print(f"  {'PASS' if passed else ('FAIL' if passed is False else 'N/A ')}  {text}: {figures}")

    def le(a: float | None, b: float | None) -> bool | None:
        return None if a is None or b is None else a <= b

    print("\nGoals (ratios of medians measured in this run; absolute times are for reference only)")
    r = ratio(k["map_ms"], floor["map_ms"])
    goal("time to map <= 1.15x floor", le(r, 1.15), f"{fmt(k['map_ms'])} ms / {fmt(floor['map_ms'])} ms = {fmt(r, 2)}x")
    r = ratio(k["map_ms"], naive["map_ms"])
    goal(
        "time to map below naive",
        None if r is None else r < 1,
        f"{fmt(k['map_ms'])} ms / {fmt(naive['map_ms'])} ms = {fmt(r, 2)}x",
    )
    r = ratio(k["filter_ms"], naive["filter_ms"])
    goal(
        "filter change <= 0.4x naive",
        le(r, 0.4),
        f"{fmt(k['filter_ms'])} ms / {fmt(naive['filter_ms'])} ms = {fmt(r, 2)}x",
    )
    in_place = [x.same_document and x.view_kept for x in kp_ok]
    goal(
        "map updated in place (same iframe document, view kept)",
        bool(in_place) and all(in_place),
        f"{sum(map(bool, in_place))}/{len(in_place)} visits",
    )
    msgs = [m for x in kp_ok for m in (x.pan_msgs, x.zoom_msgs) if m is not None]
    goal("0 messages to the server on pan or zoom", bool(msgs) and max(msgs) == 0, f"max {max(msgs, default=None)}")
    foreign = [x.foreign for x in v["kpmap"] + v["kpmap-10x"]]
    goal(
        "0 requests to other hosts except tiles",
        bool(foreign) and max(foreign) == 0,
        f"max {max(foreign, default=None)} per visit",
    )
    s = server_ms.get("kpmap", {}).get("median_ms")
    goal("one script run on a filter change <= 50 ms median", le(s, 50.0), f"{fmt(s, 1)} ms")
    r = ratio(k10["map_ms"], k["map_ms"])
    goal(
        "at 10x the cities, time to map <= 1.5x that at 1x",
        le(r, 1.5),
        f"{fmt(k10['map_ms'])} ms / {fmt(k['map_ms'])} ms = {fmt(r, 2)}x",
    )
    return all(g is True for g in goals)


# --- main ------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description="kpmap's performance benchmark (see the module docstring).")
    parser.add_argument("--runs", type=int, default=5, help="browser visits per target (default 5)")
    parser.add_argument("--apptest-runs", type=int, default=20, help="in-process script runs per app (default 20)")
    parser.add_argument("--deadline", type=float, default=1200, help="stop starting new runs after this many s")
    parser.add_argument("--skip-apptest", action="store_true", help="leave out the in-process server times")
    parser.add_argument("--apptest", choices=["kpmap", "naive", "floor"], help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.apptest:  # child process: one AppTest timing, printed as JSON
        print(json.dumps(apptest_timing(args.apptest, args.apptest_runs, args.data_dir)))
        return 0

    started = time.monotonic()
    # A SIGTERM unwinds like Ctrl-C, so that every server is terminated on the way out.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    from playwright.sync_api import sync_playwright

    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kpmap-bench-")))
        big = make_big_dataset(work / "data-10x")
        check = subprocess.run(
            [sys.executable, "-m", "kpmap", "validate", str(big)], cwd=ROOT, capture_output=True, text=True, timeout=120
        )
        print(f"10x dataset: {check.stdout.strip() or check.stderr.strip()}")
        if check.returncode != 0:
            return 1
        static_dir = work / "static"
        static_dir.mkdir()
        static_page(ROOT / "data", static_dir)

        print("starting servers ...", flush=True)
        urls = {
            "kpmap": stack.enter_context(streamlit_server("app.py")),
            "kpmap-10x": stack.enter_context(streamlit_server("app.py", {"KPMAP_DATA_DIR": str(big)})),
            "naive": stack.enter_context(streamlit_server("benchmarks/apps/naive.py")),
            "floor": stack.enter_context(streamlit_server("benchmarks/apps/floor_app.py")),
            "static": stack.enter_context(static_server(static_dir)) + "/index.html",
        }
        n1, f1 = marker_counts(ROOT / "data")
        n10, f10 = marker_counts(big)
        targets = [
            Target("kpmap", urls["kpmap"], n1, f1, True, click_checkbox),
            Target("kpmap-10x", urls["kpmap-10x"], n10, f10, True, click_checkbox),
            Target("naive", urls["naive"], n1, f1, True, click_remove_tag),
            Target("floor", urls["floor"], n1, f1, True, click_checkbox),
            Target("static", urls["static"], n1, f1, False, click_checkbox),
        ]
        answers = LocalAnswers()
        visits: dict[str, list[Visit]] = {t.name: [] for t in targets}
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        stack.callback(lambda: browser.is_connected() and browser.close())

        print("warm-up visit per target (not counted) ...", flush=True)
        for target in targets:
            warm = visit(browser, target, answers)
            if warm.error:
                print(f"  warm-up {target.name}: {warm.error}")
        for run in range(args.runs):
            if time.monotonic() - started > args.deadline:
                print(f"deadline reached after {run} runs")
                break
            for target in targets:
                visits[target.name].append(visit(browser, target, answers))
            line = "  ".join(
                f"{t.name} {fmt(visits[t.name][-1].map_ms)}/{fmt(visits[t.name][-1].filter_ms)}" for t in targets
            )
            print(f"run {run + 1}/{args.runs} (map/filter ms): {line}", flush=True)
        browser.close()

        server_ms: dict[str, dict[str, Any]] = {}
        if not args.skip_apptest:
            print("in-process script runs (AppTest) ...", flush=True)
            for name, data_dir in (("kpmap", None), ("kpmap-10x", big), ("naive", None), ("floor", None)):
                app = "kpmap" if name.startswith("kpmap") else name
                server_ms[name] = apptest_in_subprocess(app, args.apptest_runs, data_dir, timeout=300)
        passed = report(targets, visits, server_ms)
    print(f"\n{'all goals met' if passed else 'some goals not met'}; {time.monotonic() - started:.0f} s in all")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
