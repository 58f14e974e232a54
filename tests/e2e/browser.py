"""What the browser tests share: the real app (`streamlit run app.py`) on a free port, and a page in
Chromium that records what leaves the machine and finds the map's cities. The fixtures are in conftest."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Frame, Page, expect

from devtools import devserver
from devtools.devserver import MAP_FRAME, MARKERS

LOCAL = re.compile(r"^(https?|wss?)://(127\.0\.0\.1|localhost)(:\d+)?/")
TILES = re.compile(r"^https://[abc]\.basemaps\.cartocdn\.com/")

# In the map's iframe: a point of a city's shape (circle or area) in page coordinates, once two polls in a
# row agree. The point is the one nearest the middle of the shape's box where the shape itself is on top:
# a municipality's area need not cover the middle of its box.
SETTLED_CENTRE = """(id) => {
    let found = null;
    window.map.eachLayer((layer) => {
        if (layer.feature && layer.feature.properties.kuntanumero === id) { found = layer; }
    });
    if (!found) { return null; }
    const rect = found._path.getBoundingClientRect();
    const middle = [rect.x + rect.width / 2, rect.y + rect.height / 2];
    const points = [];
    for (let i = 0; i <= 20; i++) {
        for (let j = 0; j <= 20; j++) {
            points.push([rect.x + (rect.width * i) / 20, rect.y + (rect.height * j) / 20]);
        }
    }
    const distance = (p) => Math.hypot(p[0] - middle[0], p[1] - middle[1]);
    points.sort((a, b) => distance(a) - distance(b));
    const inside = points.find((p) => document.elementFromPoint(p[0], p[1]) === found._path) || middle;
    const frame = window.frameElement.getBoundingClientRect();
    const point = [frame.x + inside[0], frame.y + inside[1]];
    const previous = (window.kpmapCentres ||= {})[id];
    window.kpmapCentres[id] = point.join();
    return previous === point.join() ? point : null;
}"""
# An image's `complete` turns true in the same task that fires its load or error event.
IMAGES_DONE = "() => document.readyState === 'complete' && Array.from(document.images).every((img) => img.complete)"


@contextmanager
def running_app(**env: str) -> Iterator[str]:
    """The README's run command on a free port, with these environment variables; yields its address."""
    with devserver.running_app(env=env) as (url, _process):
        yield url


class Visit:
    """One page in a fresh browser context, recording every request that leaves the machine."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.foreign: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", self._record)
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

    def _record(self, request: object) -> None:
        url = getattr(request, "url", "")
        if not (LOCAL.match(url) or url.startswith(("data:", "blob:", "about:"))):
            self.foreign.append(url)

    def foreign_except_tiles(self) -> list[str]:
        return [url for url in self.foreign if not TILES.match(url)]

    def open(self, url: str) -> None:
        self.page.goto(url)
        expect(self.page.get_by_role("heading", level=1)).to_be_visible(timeout=60_000)

    def map_frame(self) -> Frame:
        expect(self.page.locator(MAP_FRAME)).to_be_attached(timeout=60_000)
        frame = self.page.locator(MAP_FRAME).element_handle().content_frame()
        assert frame is not None
        return frame

    def markers(self):  # type: ignore[no-untyped-def]
        return self.page.frame_locator(MAP_FRAME).locator(MARKERS)

    def whole_map_page(self, cities: int) -> None:
        """Until the map page is whole and idle: every city drawn, the table of cities there, no script run
        going. Until then the rest of the page may still arrive above the map and move it."""
        expect(self.markers()).to_have_count(cities, timeout=60_000)
        expect(self.page.locator("table.kpmap-table tbody tr")).to_have_count(cities, timeout=60_000)
        expect(self.page.locator("[data-testid='stApp']")).to_have_attribute("data-test-script-state", "notRunning")

    def settled_centre(self, kuntanumero: str) -> tuple[float, float]:
        """A point of a city's shape on the page once it has stopped moving: the map fits its bounds as it
        opens, and the rest of the page may still push the map down. Found through Leaflet in the iframe."""
        found = self.map_frame().wait_for_function(SETTLED_CENTRE, arg=kuntanumero, polling=200)
        x, y = found.json_value()
        return x, y

    def wait_for_images(self) -> None:
        """Until every image in every frame has loaded or failed: by then any onerror handler has run."""
        for frame in self.page.frames:
            frame.wait_for_function(IMAGES_DONE)

    def click_city(self, kuntanumero: str) -> None:
        self.page.mouse.click(*self.settled_centre(kuntanumero))
