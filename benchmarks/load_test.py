"""Many visitors: kpmap under concurrent browser sessions. Prints a table; exits 1 on any error.

    .venv/bin/python benchmarks/load_test.py [--sessions 10] [--seconds 60] [--single-seconds 20]
                                             [--session-ttl 120] [--seed 1]

Starts `streamlit run app.py` on a free 127.0.0.1 port (KPMAP_TILES=none, so there is no basemap) and
drives it from one headless Chromium (Debian's /usr/bin/chromium), one browser context per visitor:

  1. one visitor alone for --single-seconds (the reference);
  2. --sessions visitors at once for --seconds;
  3. all of them gone: the server's memory is sampled until Streamlit may drop their sessions
     (--session-ttl, passed to the server as server.disconnectedSessionTTL), then one short visit
     makes it do so (its session store is only pruned when a session connects), and it is sampled again.

Each visitor opens the map, waits for every city, then until the time is up repeats, with a short pause:
untick or tick a programme, choose a region in "Maakunta", select a city by clicking its circle or
through "Hae kaupunkia", or reset the view. Every filter change is chosen so that the number of circles
changes; its time is measured in the browser, from the pointerdown that starts the click to the moment
the map's iframe holds the expected number of circles (the numbers come from kpmap.filters on the
same data). A city selection is timed to the details panel showing the city.

Errors (must be 0): page errors (uncaught exceptions in the browser), crashed pages, a Streamlit
exception box, a map with the wrong number of circles or a panel that never shows the city (within
--timeout), and any request to a host other than 127.0.0.1 (all are blocked).
Memory: VmRSS of the server process from /proc/PID/status.

The browsers run on the same machine as the server: on a small machine the times include their own
contention for the CPU. The table gives the server's CPU share to tell the two apart. The window is
1400 x 1000, so the bottom of the map is just below the fold, as on most laptop screens.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import random
import re
import statistics
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # devtools/, shared with the tests

from playwright.async_api import Browser, BrowserContext, Page, async_playwright
from playwright.async_api import Error as PlaywrightError

from devtools.devserver import CHROMIUM, CHROMIUM_ARGS, MAP_FRAME, MARKERS, running_app
from kpmap import Dataset, load_dataset
from kpmap.filters import Selection, regions, visible_cities
from kpmap.i18n import t

LANG = "fi"
LOOPBACK = re.compile(r"^(https?|wss?)://127\.0\.0\.1:\d+/")
NOT_LOOPBACK = re.compile(r"^(?!(https?|wss?)://127\.0\.0\.1:\d+/|data:|blob:|about:)")
MAX_SESSIONS = 40
MAX_SECONDS = 900
ACTIONS = {"toggle": 4, "region": 2, "click city": 1, "find city": 1, "reset": 1}

# The top page keeps the absolute time (ms) of the last pointerdown, i.e. the start of a click. Run in the
# page by an init script, and in the map's iframe (whose document is written after init scripts run).
LISTEN = """
() => {
  const top = window.top;
  if (window === top) { window.__kpDown = null; }
  if (!window.__kpListening) {
    window.__kpListening = true;
    const note = () => { top.__kpDown = performance.timeOrigin + performance.now(); };
    document.addEventListener('pointerdown', note, true);
  }
}
"""
INIT_SCRIPT = f"if (window === window.top) {{ ({LISTEN})(); }}"
# Arms a watcher before the click: resolves with the absolute time at which the condition first holds.
ARM = """
([kind, want, timeout]) => {
  const facts = () => [...document.querySelectorAll('.kpmap-facts td')].map((cell) => cell.textContent);
  const holds = kind === 'count'
    ? () => document.querySelectorAll('path.leaflet-interactive').length === want
    : () => facts().includes(want);
  const seen = () => kind === 'count'
    ? document.querySelectorAll('path.leaflet-interactive').length
    : facts().slice(0, 1).join('');
  window.__kpWait = new Promise((resolve) => {
    const done = (ok) => {
      observer.disconnect();
      clearTimeout(timer);
      resolve({ok, at: performance.timeOrigin + performance.now(), seen: seen()});
    };
    const observer = new MutationObserver(() => { if (holds()) { done(true); } });
    observer.observe(document, {childList: true, subtree: true, characterData: true});
    const timer = setTimeout(() => done(false), timeout);
  });
  return holds();
}
"""
# Where a city's circle is inside the map's iframe, if it is on screen and on top at its centre.
CIRCLE = """
(id) => {
  let found = null;
  window.map.eachLayer((layer) => {
    if (layer.feature && layer.feature.properties.kuntanumero === id) { found = layer; }
  });
  if (!found || !found._path) { return null; }
  const r = found._path.getBoundingClientRect();
  const x = r.x + r.width / 2, y = r.y + r.height / 2;
  if (x < 30 || y < 30 || x > window.innerWidth - 30 || y > window.innerHeight - 30) { return null; }
  return document.elementFromPoint(x, y) === found._path ? [x, y] : null;
}
"""


@dataclass
class Tally:
    """What the visitors of one phase saw."""

    filter_ms: list[float] = field(default_factory=list)
    city_ms: list[float] = field(default_factory=list)
    load_ms: list[float] = field(default_factory=list)
    actions: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


@dataclass
class View:
    programmes: set[str]
    region: str | None = None
    city: str | None = None

    def selection(self) -> Selection:
        return Selection(frozenset(self.programmes), self.region, self.city)


class ActionFailed(Exception):
    pass


# --- the server -------------------------------------------------------------------------------------


def rss_mib(pid: int) -> float:
    """The process's resident memory (VmRSS) in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def active_sessions(url: str) -> int | None:
    """Streamlit's own count of connected sessions (its /_stcore/metrics endpoint)."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=5) as response:
            text = response.read().decode()
    except OSError:
        return None
    match = re.search(r"^active_sessions (\d+)", text, re.MULTILINE)
    return int(match.group(1)) if match else None


# --- one visitor --------------------------------------------------------------------------------------


class Visitor:
    def __init__(self, number: int, page: Page, url: str, data: Dataset, tally: Tally, timeout_ms: int, seed: int):
        self.label = f"visitor {number}"
        self.page, self.url, self.data, self.tally, self.timeout_ms = page, url, data, tally, timeout_ms
        self.rng = random.Random(seed * 1000 + number)
        self.view = View(set(data.by_id))
        self.names = {p.id: p.name[LANG] for p in data.programmes}
        self.regions = [None, *regions(data)]

    def expected(self, view: View) -> int:
        return len(visible_cities(self.data, view.selection()))

    async def map_frame(self) -> Any:
        handle = await self.page.wait_for_selector(MAP_FRAME, state="attached", timeout=self.timeout_ms)
        frame = await handle.content_frame()
        if frame is None:
            raise ActionFailed("the map iframe has no document")
        return frame

    async def open(self) -> None:
        started = time.monotonic()
        await self.page.goto(self.url, timeout=self.timeout_ms)
        self.view = View(set(self.data.by_id))
        await (
            self.page.frame_locator(MAP_FRAME)
            .locator(MARKERS)
            .nth(len(self.data.cities) - 1)
            .wait_for(state="attached", timeout=self.timeout_ms)
        )
        count = await self.page.frame_locator(MAP_FRAME).locator(MARKERS).count()
        if count != len(self.data.cities):
            raise ActionFailed(f"the map opened with {count} circles, not {len(self.data.cities)}")
        self.tally.load_ms.append((time.monotonic() - started) * 1000)
        await self.settled()

    async def settled(self) -> None:
        """The script run that the last action started has finished; no exception box is shown."""
        await self.page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
            timeout=self.timeout_ms
        )
        if await self.page.locator("[data-testid='stException']").count():
            text = await self.page.locator("[data-testid='stException']").first.inner_text()
            raise ActionFailed(f"Streamlit exception box: {text[:200]}")

    async def timed(self, where: Any, kind: str, want: Any, click: Any) -> float:
        """Arm a watcher in `where`, run click(), return ms from the click's pointerdown to the condition."""
        await self.page.evaluate("window.__kpDown = null")
        if await where.evaluate(ARM, [kind, want, self.timeout_ms]):
            raise ActionFailed(f"{kind} {want!r} already held before the action")
        await click()
        result = await where.evaluate("window.__kpWait")
        down = await self.page.evaluate("window.__kpDown")
        if not result["ok"]:
            raise ActionFailed(f"expected {kind} {want!r}, still {result['seen']!r} after {self.timeout_ms} ms")
        if down is None:
            raise ActionFailed("the click sent no pointerdown")
        return float(result["at"] - down)

    async def change_filters(self, new: View, click: Any) -> None:
        frame = await self.map_frame()
        elapsed = await self.timed(frame, "count", self.expected(new), click)
        self.view = new
        self.tally.filter_ms.append(elapsed)

    async def toggle(self) -> bool:
        now = self.expected(self.view)
        choices = [p for p in self.names if self.expected(View(self.view.programmes ^ {p}, self.view.region)) != now]
        if not choices:
            return False
        programme = self.rng.choice(choices)
        new = View(self.view.programmes ^ {programme}, self.view.region, self.view.city)
        box = self.page.get_by_role("checkbox", name=self.names[programme], exact=True)
        await self.change_filters(new, lambda: box.click(force=True, timeout=self.timeout_ms))
        return True

    async def choose(self, label: str, option: str) -> Any:
        """Open a sidebar selectbox and type, so that the option to click is shown; return the click."""
        box = self.page.get_by_role("combobox", name=label, exact=True)
        await box.click(timeout=self.timeout_ms)
        await box.fill(option, timeout=self.timeout_ms)
        choice = self.page.get_by_role("option", name=option, exact=True)
        await choice.wait_for(timeout=self.timeout_ms)
        return lambda: choice.click(timeout=self.timeout_ms)

    async def region(self) -> bool:
        now = self.expected(self.view)
        choices = [
            r for r in self.regions if r != self.view.region and self.expected(View(self.view.programmes, r)) != now
        ]
        if not choices:
            return False
        region = self.rng.choice(choices)
        click = await self.choose(t("region", LANG), region or t("all_regions", LANG))
        await self.change_filters(View(set(self.view.programmes), region, self.view.city), click)
        return True

    async def select_city(self, by_click: bool) -> bool:
        visible = list(visible_cities(self.data, self.view.selection()).index)
        candidates = [c for c in visible if c != self.view.city] if by_click else list(self.data.cities.index)
        self.rng.shuffle(candidates)
        if by_click:
            frame = await self.map_frame()
            await frame.evaluate(LISTEN)
            box = await self.page.locator(MAP_FRAME).bounding_box()
            for city in candidates[:8]:
                point = await frame.evaluate(CIRCLE, city)
                if point is not None and box is not None:
                    x, y = box["x"] + point[0], box["y"] + point[1]
                    click = lambda x=x, y=y: self.page.mouse.click(x, y)  # noqa: E731
                    break
            else:
                return False
        else:
            city = next(c for c in candidates if c != self.view.city)
            click = await self.choose(t("find_city", LANG), self.data.cities.loc[city, "name_fi"])
        name = self.data.cities.loc[city, "name_fi"]
        elapsed = await self.timed(self.page, "details", name, click)
        self.view.city = city
        self.tally.city_ms.append(elapsed)
        return True

    async def reset(self) -> bool:
        new = View(set(self.data.by_id))
        button = self.page.get_by_role("button", name=t("reset", LANG))
        if self.expected(new) == self.expected(self.view):
            await button.click(timeout=self.timeout_ms)
            self.view = new
            return True
        await self.change_filters(new, lambda: button.click(timeout=self.timeout_ms))
        return True

    async def act(self) -> None:
        action = self.rng.choices(list(ACTIONS), weights=list(ACTIONS.values()))[0]
        steps = {
            "toggle": self.toggle,
            "region": self.region,
            "click city": lambda: self.select_city(by_click=True),
            "find city": lambda: self.select_city(by_click=False),
            "reset": self.reset,
        }
        try:
            done = await steps[action]()
            await self.settled()
        except (ActionFailed, PlaywrightError) as error:
            message = str(error).splitlines()[0][:300]
            query = self.page.url.partition("?")[2] or "no query"
            self.tally.errors.append(f"{self.label}, {action}: {message} (address: {query})")
            await self.open()  # start again from a known view
            return
        if done:
            self.tally.actions[action] += 1

    async def run(self, deadline: float) -> None:
        try:
            await self.open()
            while time.monotonic() < deadline:
                await self.act()
                await self.page.wait_for_timeout(self.rng.uniform(300, 900))
        except (ActionFailed, PlaywrightError) as error:
            self.tally.errors.append(f"{self.label}: gave up: {str(error).splitlines()[0][:300]}")


async def new_visitor_page(browser: Browser, tally: Tally, label: str) -> tuple[BrowserContext, Page]:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})

    async def block(route: Any) -> None:
        tally.blocked.append(route.request.url)
        await route.abort()

    await context.route(NOT_LOOPBACK, block)
    await context.add_init_script(INIT_SCRIPT)
    page = await context.new_page()
    page.on("pageerror", lambda error: tally.errors.append(f"{label}: page error: {error}"))
    page.on("crash", lambda _page: tally.errors.append(f"{label}: the page crashed"))
    page.on("console", lambda m: tally.console_errors.append(m.text) if m.type == "error" else None)
    page.on("websocket", lambda ws: None if LOOPBACK.match(ws.url) else tally.blocked.append(ws.url))
    return context, page


# --- phases -------------------------------------------------------------------------------------------


@dataclass
class Phase:
    name: str
    sessions: int
    tally: Tally
    rss: list[float]
    most_sessions: int | None
    server_cpu: float  # share of one core the server used during the phase


async def run_phase(
    name: str, url: str, pid: int, data: Dataset, sessions: int, seconds: float, args: argparse.Namespace
) -> Phase:
    tally, samples, most = Tally(), [], [0]
    stop = asyncio.Event()

    async def sample() -> None:
        while not stop.is_set():
            samples.append(rss_mib(pid))
            count = await asyncio.to_thread(active_sessions, url)
            most[0] = max(most[0], count or 0)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=0.5)

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        sampler = asyncio.create_task(sample())
        started, cpu_before = time.monotonic(), cpu_seconds(pid)
        deadline = started + seconds
        pages = [await new_visitor_page(browser, tally, f"visitor {i}") for i in range(sessions)]
        visitors = [
            Visitor(i, page, url, data, tally, args.timeout * 1000, args.seed) for i, (_, page) in enumerate(pages)
        ]

        async def start(visitor: Visitor, delay: float) -> None:
            await visitor.page.wait_for_timeout(delay)  # arrivals spread over a second or two, not all at once
            await visitor.run(deadline)

        await asyncio.wait_for(
            asyncio.gather(*(start(v, i * 200) for i, v in enumerate(visitors))), timeout=seconds + 4 * args.timeout
        )
        server_cpu = (cpu_seconds(pid) - cpu_before) / (time.monotonic() - started)
        for context, _ in pages:
            await context.close()
        await browser.close()
        stop.set()
        await sampler
    return Phase(name, sessions, tally, samples, most[0], server_cpu)


async def one_short_visit(url: str, data: Dataset, args: argparse.Namespace) -> Tally:
    """Open the map once and leave: makes Streamlit prune sessions whose time to live is over."""
    tally = Tally()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context, page = await new_visitor_page(browser, tally, "last visitor")
        try:
            await Visitor(99, page, url, data, tally, args.timeout * 1000, args.seed).open()
        except (ActionFailed, PlaywrightError) as error:
            tally.errors.append(f"last visitor: {str(error).splitlines()[0][:300]}")
        await context.close()
        await browser.close()
    return tally


def sample_for(pid: int, seconds: float) -> list[float]:
    samples = []
    end = time.monotonic() + seconds
    while True:
        samples.append(rss_mib(pid))
        if time.monotonic() >= end:
            return samples
        time.sleep(min(1.0, max(0.0, end - time.monotonic())))


# --- the report ---------------------------------------------------------------------------------------


def p95(values: list[float]) -> float | None:
    """95th percentile, nearest rank."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def mib(value: float | None) -> str:
    return "–" if value is None else f"{value:,.1f}"


@dataclass
class Memory:
    idle: float
    before: float
    peak: float
    mean: float
    left: float
    ttl_over: float
    pruned: float


def report(
    single: Phase, many: Phase, memory: Memory, session_ttl: int, sessions_after: int | None, last: Tally
) -> int:
    rows = [("", single.name, many.name)]

    def row(label: str, cell: Any) -> None:
        rows.append((label, cell(single), cell(many)))

    row("visitors at once", lambda p: str(p.sessions))
    row("most sessions seen by the server", lambda p: str(p.most_sessions))
    row("actions done", lambda p: str(sum(p.tally.actions.values())))
    for action in ACTIONS:
        row(f"  {action}", lambda p, action=action: str(p.tally.actions[action]))
    row("filter changes timed", lambda p: str(len(p.tally.filter_ms)))
    row("filter -> map, median ms", lambda p: ms(median(p.tally.filter_ms)))
    row("filter -> map, p95 ms", lambda p: ms(p95(p.tally.filter_ms)))
    row("filter -> map, max ms", lambda p: ms(max(p.tally.filter_ms, default=None)))
    row("city -> details, median ms", lambda p: ms(median(p.tally.city_ms)))
    row("city -> details, p95 ms", lambda p: ms(p95(p.tally.city_ms)))
    row("map load, median ms", lambda p: ms(median(p.tally.load_ms)))
    row("map load, p95 ms", lambda p: ms(p95(p.tally.load_ms)))
    row("errors", lambda p: str(len(p.tally.errors)))
    row("requests blocked (not 127.0.0.1)", lambda p: str(len(p.tally.blocked)))
    row("browser console errors", lambda p: str(len(p.tally.console_errors)))
    row("server CPU, % of one core", lambda p: f"{100 * p.server_cpu:.0f}")
    row("server RSS at start, MiB", lambda p: mib(p.rss[0] if p.rss else None))
    row("server RSS peak, MiB", lambda p: mib(max(p.rss, default=None)))
    width = [max(len(r[i]) for r in rows) for i in range(3)]
    print()
    for r in rows:
        print(f"{r[0]:<{width[0]}}  {r[1]:>{width[1]}}  {r[2]:>{width[2]}}")

    single_p95, many_p95 = p95(single.tally.filter_ms), p95(many.tally.filter_ms)
    if single_p95 and many_p95:
        print(f"\np95 filter -> map: {many_p95:,.0f} ms with {many.sessions} visitors, "
              f"{many_p95 / single_p95:.1f} x the single visitor's {single_p95:,.0f} ms")  # fmt: skip

    growth = memory.peak - memory.before
    kept = memory.pruned - memory.before
    returned = "returned" if kept <= max(5.0, 0.25 * growth) else "NOT returned"
    print("\nServer memory (VmRSS, MiB)")
    for label, value in (
        ("idle, before any visitor", memory.idle),
        ("after the lone visitor (before the many)", memory.before),
        (f"peak with {many.sessions} visitors", memory.peak),
        (f"mean with {many.sessions} visitors", memory.mean),
        ("just after they left", memory.left),
        (f"{session_ttl + 5} s later (their sessions' TTL over)", memory.ttl_over),
        ("after one more visit (sessions pruned)", memory.pruned),
        ("growth per visitor at the peak", growth / many.sessions),
        ("still held after pruning", kept),
    ):
        print(f"  {label:<44} {value:8.1f}")
    print(f"  memory {returned}; {sessions_after} session(s) still connected")

    errors = single.tally.errors + many.tally.errors + last.errors
    blocked = single.tally.blocked + many.tally.blocked + last.blocked
    if blocked:
        errors.append(f"{len(blocked)} request(s) to other hosts, first {blocked[0]}")
    print(f"\nErrors: {len(errors)}")
    for error in errors[:30]:
        print(f"  {error}")
    consoles = Counter(single.tally.console_errors + many.tally.console_errors)
    if consoles:
        print("Browser console errors (not counted as errors):")
        for text, count in consoles.most_common(5):
            print(f"  {count} x {text[:200]}")
    return 1 if errors else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10, help="visitors at once (default 10)")
    parser.add_argument("--seconds", type=float, default=60, help="how long they stay (default 60)")
    parser.add_argument("--single-seconds", type=float, default=20, help="the lone visitor's time (default 20)")
    parser.add_argument(
        "--session-ttl", type=int, default=120, help="server.disconnectedSessionTTL (default 120, as Streamlit's)"
    )
    parser.add_argument("--timeout", type=int, default=30, help="seconds one step may take before it is an error")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", help="KPMAP_DATA_DIR for the server (default: the bundled data)")
    args = parser.parse_args()
    if not 1 <= args.sessions <= MAX_SESSIONS or not 1 <= args.seconds <= MAX_SECONDS:
        parser.error(f"--sessions must be 1..{MAX_SESSIONS} and --seconds 1..{MAX_SECONDS}")
    if not Path(CHROMIUM).exists():
        parser.error(f"{CHROMIUM} not found (apt-get install chromium)")

    data = load_dataset(args.data_dir) if args.data_dir else load_dataset()
    env = {"KPMAP_TILES": "none", **({"KPMAP_DATA_DIR": args.data_dir} if args.data_dir else {})}
    options = ["--server.disconnectedSessionTTL", str(args.session_ttl)]
    log_path = Path(tempfile.mkdtemp(prefix="kpmap-load-")) / "server.log"
    with log_path.open("wb") as log, running_app(env=env, options=options, log=log) as (url, server):
        idle = sample_for(server.pid, 2)[-1]
        print(
            f"server {url} (pid {server.pid}): 1 visitor for {args.single_seconds:g} s, "
            f"then {args.sessions} for {args.seconds:g} s"
        )
        single = asyncio.run(run_phase("1 visitor", url, server.pid, data, 1, args.single_seconds, args))
        before = sample_for(server.pid, 2)[-1]
        name = f"{args.sessions} visitors"
        many = asyncio.run(run_phase(name, url, server.pid, data, args.sessions, args.seconds, args))
        left = sample_for(server.pid, 2)[-1]
        ttl_over = sample_for(server.pid, args.session_ttl + 5)[-1]
        last = asyncio.run(one_short_visit(url, data, args))
        pruned = sample_for(server.pid, 5)[-1]
        memory = Memory(idle, before, max(many.rss), sum(many.rss) / len(many.rss), left, ttl_over, pruned)
        status = report(single, many, memory, args.session_ttl, active_sessions(url), last)
    tracebacks = log_path.read_text(errors="replace").count("Traceback")
    print(f"Server log: {log_path} ({tracebacks} traceback(s))")
    return 1 if tracebacks else status


if __name__ == "__main__":
    sys.exit(main())
