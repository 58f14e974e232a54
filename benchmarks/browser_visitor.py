"""One visitor of the browser load test (benchmarks/load_test.py): a page in its own browser context
that opens the map, then ticks programmes, chooses regions and selects cities, each answer checked
against kpmap.filters on the same data and timed in the browser from the click's pointerdown."""

from __future__ import annotations

import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import Browser, BrowserContext, Page
from playwright.async_api import Error as PlaywrightError

from devtools.devserver import MAP_FRAME, MARKERS
from kpmap import Dataset
from kpmap.filters import Selection, regions, visible_cities
from kpmap.i18n import t

LANG = "fi"
LOOPBACK = re.compile(r"^(https?|wss?)://127\.0\.0\.1:\d+/")
NOT_LOOPBACK = re.compile(r"^(?!(https?|wss?)://127\.0\.0\.1:\d+/|data:|blob:|about:)")
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
        frame = None if handle is None else await handle.content_frame()
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
