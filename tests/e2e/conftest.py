"""Browser tests: the real app (`streamlit run app.py`) on a free port, driven by Debian's Chromium."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Frame, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
MARKERS = "path.leaflet-interactive"
LOCAL = re.compile(r"^(https?|wss?)://(127\.0\.0\.1|localhost)(:\d+)?/")
TILES = re.compile(r"^https://[abc]\.basemaps\.cartocdn\.com/")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 90.0) -> None:
    """Poll Streamlit's health endpoint; no fixed sleep, so a busy machine only waits longer."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"the app at {url} did not become healthy in {timeout} s")


@contextmanager
def running_app(**env: str) -> Iterator[str]:
    """The README's run command on a free port; yields the app's address."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


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
        """Where a city's circle is on the page, found through Leaflet inside the map's iframe."""
        box = self.page.locator(MAP_FRAME).bounding_box()
        assert box is not None
        point = self.map_frame().evaluate(
            """(id) => {
                let found = null;
                window.map.eachLayer((layer) => {
                    if (layer.feature && layer.feature.properties.kuntanumero === id) { found = layer; }
                });
                if (!found) { return null; }
                const rect = found._path.getBoundingClientRect();
                return [rect.x + rect.width / 2, rect.y + rect.height / 2];
            }""",
            kuntanumero,
        )
        assert point is not None, f"no marker for {kuntanumero}"
        return box["x"] + point[0], box["y"] + point[1]

    def click_city(self, kuntanumero: str) -> None:
        """Click a city once its circle has stopped moving (the map fits its bounds as it opens)."""
        previous, current = None, self.marker_centre(kuntanumero)
        for _ in range(50):
            if current == previous:
                break
            self.page.wait_for_timeout(200)
            previous, current = current, self.marker_centre(kuntanumero)
        self.page.mouse.click(*current)


@pytest.fixture
def visit(browser: Browser) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield Visit(page)
    context.close()
