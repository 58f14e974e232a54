"""One busy visitor of the websocket load generator: opens the map page, then ticks or unticks a
programme or clicks a city every 0.5-1.5 s until the time is up. Every answer is checked
(benchmarks/map_page.py); a wrong or missing answer is an error. A lost connection is met as the
browser meets it: connect again (to whichever replica the load balancer picks) with the address that
describes the view, and go on."""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.exceptions import ConnectionClosed, InvalidStatus

from benchmarks import map_page
from benchmarks.streamlit_client import ProtocolError, Run, Session
from kpmap.filters import Selection, visible_cities
from kpmap.model import Dataset
from kpmap.urlstate import View, to_query

LANG = "fi"
ACTIONS = {"filter": 3, "city": 1}
LOST = (ConnectionClosed, InvalidStatus, OSError, EOFError)


@dataclass
class Tally:
    """What all visitors saw: times per action (to the map, to the end of the run), the size of the
    messages of each answer, errors, reconnects."""

    map_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    run_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    received_kb: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    actions: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    reconnects: list[tuple[float, float]] = field(default_factory=list)  # (when lost, s until served again)

    def note(self, action: str, run: Run) -> None:
        self.actions[action] += 1
        self.run_ms[action].append(run.finished_s * 1000)
        self.received_kb[action].append(run.received_bytes / 1000)
        self.map_ms[action].append(run.first_element_s.get("component_instance", run.finished_s) * 1000)


class Visitor:
    def __init__(self, number: int, url: str, data: Dataset, tally: Tally, seed: int, timeout: float) -> None:
        self.label, self.url, self.data, self.tally = f"visitor {number}", url, data, tally
        self.rng = random.Random(seed * 10_000 + number)
        self.timeout = timeout
        self.selection = Selection.everything(data)
        self.session = Session(url, timeout)
        self.clicks = 0

    def query(self) -> str:
        """The address that describes this visitor's view, as the page writes it."""
        return urlencode(to_query(View(LANG, self.selection), self.data), doseq=True)

    def expect(self, run: Run, problems: list[str], action: str) -> None:
        if problems:
            raise ProtocolError(f"{action}: {'; '.join(problems)}")
        self.tally.note(action, run)

    async def open(self, query: str = "") -> None:
        """Connect and open the map page: the first run sends the map, whose first value starts the second."""
        await self.session.connect()
        first = await self.session.run(query)
        self.expect(first, map_page.check_map(first, self.data, self.selection), "open: first run")
        component = map_page.map_component(first)
        assert component is not None
        second = await self.session.run(query, {component.id: map_page.map_value(component, None, self.clicks)})
        self.expect(second, map_page.check_page(second, self.data, self.selection, LANG), "open: second run")

    async def toggle(self) -> None:
        """Tick or untick a programme that changes the cities on the map."""
        now = len(visible_cities(self.data, self.selection))
        choices = [p.id for p in self.data.programmes if len(visible_cities(self.data, self._flip(p.id))) != now]
        programme = self.rng.choice(choices)
        new = self._flip(programme)
        widget = map_page.checkbox_id(self.session.last, programme)
        if widget is None:
            raise ProtocolError(f"no checkbox for {programme}")
        state = WidgetState(id=widget, bool_value=programme in new.programmes)
        run = await self.session.run(self.query(), {widget: state})
        self.selection = new
        self.expect(run, map_page.check_page(run, self.data, new, LANG), "filter")

    def _flip(self, programme: str) -> Selection:
        return Selection(self.selection.programmes ^ {programme}, self.selection.region, self.selection.city)

    async def click_city(self) -> None:
        """Click a city on the map (another than the one selected): its details must name it."""
        visible = [c for c in visible_cities(self.data, self.selection).index if c != self.selection.city]
        if not visible:  # every programme unticked: nothing to click, so tick one
            await self.toggle()
            return
        city = self.rng.choice(visible)
        component = map_page.map_component(self.session.last)
        if component is None:
            raise ProtocolError("no map to click")
        self.clicks += 1
        run = await self.session.run(self.query(), {component.id: map_page.map_value(component, city, self.clicks)})
        self.selection = Selection(self.selection.programmes, self.selection.region, city)
        self.expect(run, map_page.check_page(run, self.data, self.selection, LANG), "city")

    async def reconnect(self) -> None:
        """Served again after a lost connection, polling as the browser does (bounded by the timeout)."""
        lost = time.monotonic()
        await self.session.close()
        self.session = Session(self.url, self.timeout, self.session.cookies)  # the browser keeps its cookies
        self.clicks = 0  # a new server session has not seen this map's clicks
        while True:
            try:
                await self.open(self.query())
                break
            except LOST:
                if time.monotonic() - lost > self.timeout:
                    raise
                await asyncio.sleep(0.5)
        self.tally.reconnects.append((lost, time.monotonic() - lost))

    async def act(self) -> None:
        action = self.rng.choices(list(ACTIONS), weights=list(ACTIONS.values()))[0]
        try:
            await (self.toggle() if action == "filter" else self.click_city())
        except LOST:
            await self.reconnect()

    async def run(self, deadline: float) -> None:
        """Open the page, then act until the deadline. After a wrong answer (an error), start afresh."""
        try:
            await self.open()
            while time.monotonic() < deadline:
                await asyncio.sleep(self.rng.uniform(0.5, 1.5))
                try:
                    await self.act()
                except (ProtocolError, TimeoutError) as error:
                    self.error(error)
                    await self.reconnect()
        except (ProtocolError, TimeoutError, *LOST) as error:
            self.error(error)
        finally:
            await self.session.close()

    def error(self, error: BaseException) -> None:
        self.tally.errors.append(f"{self.label}: {type(error).__name__}: {str(error)[:300]}")
