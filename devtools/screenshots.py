"""Screenshots of the app and the static site as visitors see them, to look at before a change lands.

    .venv/bin/python -m devtools.screenshots [--out DIR] [--city 734] [--only app|site]

For each front end, on a desktop (1400x900) and a phone (390x844) screen, in each language: the map as it
opens, and the same after a click on one city's area. Tiles are answered with a blank image on the
machine, so nothing leaves it. Prints each file's path and where the map's northern edge and the city's
details are on the screen.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from playwright.sync_api import Frame, Page, ViewportSize, sync_playwright

from devtools.devserver import CHROMIUM, CHROMIUM_ARGS, MAP_FRAME, free_port, running_app, serving

SCREENS: dict[str, ViewportSize] = {"desktop": {"width": 1400, "height": 900}, "phone": {"width": 390, "height": 844}}
TILES = "https://*.basemaps.cartocdn.com/**"
BLANK_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e527de3f0000000049454e44ae426082"
)
# The Leaflet map object in a document, and the centre of a city's shape in page coordinates.
FIND_MAP = "() => window.map || (window.kpmap && window.kpmap.map) || null"
CITY_POINT = """(id) => {
    const path = document.querySelector('.kpmap-city-' + id);
    if (!path) { return null; }
    const box = path.getBoundingClientRect();
    const frame = window.frameElement ? window.frameElement.getBoundingClientRect() : {x: 0, y: 0};
    return [frame.x + box.x + box.width / 2, frame.y + box.y + box.height / 2];
}"""


@contextmanager
def served_site() -> Iterator[str]:
    """The bundled data exported as a site and served by http.server on a free port."""
    with tempfile.TemporaryDirectory() as directory:
        out = Path(directory) / "site"
        subprocess.run([sys.executable, "-m", "kpmap", "export-site", str(out)], check=True, capture_output=True)
        port = free_port()
        command = [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", str(out), str(port)]
        with serving(command, port, "/") as (url, _process):
            yield url + "/"


def map_document(page: Page, front_end: str) -> Page | Frame:
    if front_end == "site":
        page.wait_for_selector(".kpmap-city", state="attached", timeout=60_000)
        return page
    page.wait_for_selector(MAP_FRAME, timeout=60_000)
    frame = page.locator(MAP_FRAME).element_handle().content_frame()
    assert frame is not None
    frame.wait_for_selector(".kpmap-city", state="attached", timeout=60_000)
    return frame


def settle(page: Page, front_end: str) -> None:
    if front_end == "app":
        page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(timeout=60_000)
        page.locator("table.kpmap-table").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # the map's fit and the panels' last paint, for the picture only


def describe(page: Page, document: Page | Frame) -> str:
    north = document.evaluate(f"() => {{ const m = ({FIND_MAP})(); return m ? m.getBounds().getNorth() : null; }}")
    # The details' heading and the bottom of the block that holds them (the app's HTML block, the site's section).
    box = page.evaluate(
        "() => { const h = document.getElementById('city-details'); if (!h) return null;"
        " const a = h.getBoundingClientRect(), b = h.parentElement.getBoundingClientRect();"
        " return [a.top + window.scrollY, b.bottom + window.scrollY]; }"
    )
    where = f"details from y={box[0]:.0f} to y={box[1]:.0f}" if box else "no details heading"
    return f"map's north edge {north:.2f}°N, {where}" if north is not None else where


def shoot(page: Page, base: str, front_end: str, lang: str, city: str, out: Path, screen: str) -> None:
    page.goto(f"{base}?lang={lang}")
    document = map_document(page, front_end)
    settle(page, front_end)
    opened = out / f"{front_end}-{screen}-{lang}.png"
    page.screenshot(path=str(opened))
    print(opened, "-", describe(page, document))
    page.locator(MAP_FRAME if front_end == "app" else "#kpmap-map").scroll_into_view_if_needed()
    point = document.evaluate(CITY_POINT, city)
    if point is None:
        print(f"  city {city} is not drawn: no click")
        return
    page.mouse.click(*point)
    page.wait_for_timeout(500)
    settle(page, front_end)
    clicked = out / f"{front_end}-{screen}-{lang}-city-{city}.png"
    page.screenshot(path=str(clicked))
    print(clicked, "-", describe(page, map_document(page, front_end)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/screenshots"))
    parser.add_argument("--city", default="734", help="the kuntanumero of the city to click (default Salo)")
    parser.add_argument("--only", choices=("app", "site"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack, sync_playwright() as playwright:
        bases = {}
        if args.only != "site":
            bases["app"] = stack.enter_context(running_app())[0] + "/"
        if args.only != "app":
            bases["site"] = stack.enter_context(served_site())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for front_end, base in bases.items():
            for screen, viewport in SCREENS.items():
                for lang in ("fi", "sv", "en"):
                    context = browser.new_context(viewport=viewport, is_mobile=screen == "phone", has_touch=False)
                    page = context.new_page()
                    page.route(TILES, lambda route: route.fulfill(status=200, content_type="image/png", body=BLANK_PNG))
                    shoot(page, base, front_end, lang, args.city, args.out, screen)
                    context.close()
        browser.close()


if __name__ == "__main__":
    main()
