"""Browser tests: the real app (`streamlit run app.py`) on a free port, driven by Debian's Chromium."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Browser, Frame, Page, expect, sync_playwright

from devtools import devserver
from devtools.devserver import CHROMIUM, CHROMIUM_ARGS, MAP_FRAME, MARKERS

LOCAL = re.compile(r"^(https?|wss?)://(127\.0\.0\.1|localhost)(:\d+)?/")
TILES = re.compile(r"^https://[abc]\.basemaps\.cartocdn\.com/")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@contextmanager
def running_app(**env: str) -> Iterator[str]:
    """The README's run command on a free port, with these environment variables; yields its address."""
    with devserver.running_app(env=env) as (url, _process):
        yield url


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    with running_app() as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


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

    def marker_centre(self, kuntanumero: str) -> tuple[float, float]:
        """A point of a city's shape (circle or area) on the page, found through Leaflet inside the
        map's iframe."""
        box = self.page.locator(MAP_FRAME).bounding_box()
        assert box is not None
        point = self.map_frame().evaluate(
            """(id) => {
                let found = null;
                window.map.eachLayer((layer) => {
                    if (layer.feature && layer.feature.properties.kuntanumero === id) { found = layer; }
                });
                if (!found) { return null; }
                // The point nearest the middle of the shape's box where the shape itself is on top:
                // a municipality's area need not cover the middle of its box.
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
                return points.find((p) => document.elementFromPoint(p[0], p[1]) === found._path) || middle;
            }""",
            kuntanumero,
        )
        assert point is not None, f"no marker for {kuntanumero}"
        return box["x"] + point[0], box["y"] + point[1]

    def settled_centre(self, kuntanumero: str) -> tuple[float, float]:
        """A city's circle once it has stopped moving (the map fits its bounds as it opens)."""
        previous, current = None, self.marker_centre(kuntanumero)
        for _ in range(50):
            if current == previous:
                break
            self.page.wait_for_timeout(200)
            previous, current = current, self.marker_centre(kuntanumero)
        return current

    def click_city(self, kuntanumero: str) -> None:
        self.page.mouse.click(*self.settled_centre(kuntanumero))


@pytest.fixture
def visit(browser: Browser) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield Visit(page)
    context.close()
