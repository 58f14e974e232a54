"""The map of municipal areas in a real browser, without a basemap: Finland drawn, member areas with
their classes, clicks, in-place filtering, circles on request, the map in the first screen, and a page
that does not wait on the map."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from devtools import devserver
from devtools.devserver import MAP_FRAME, MARKERS
from kpmap import load_dataset
from kpmap.filters import Selection, visible_cities
from kpmap.mapview import BASE_ROUTE, LEAFLET_ROUTE

DATA = load_dataset()
EVERY_CITY = set(DATA.cities.index)
GROWTH = DATA.by_id["growth"].name["fi"]

# Each drawn city's number, read from its classes; and whether Leaflet drew it as a circle.
SHAPES_JS = """() => {
    const shapes = [];
    window.map.eachLayer((layer) => {
        if (layer.feature && layer._path) {
            const match = layer._path.getAttribute('class').match(/\\bkpmap-city-(\\d{3})\\b/);
            shapes.push([match ? match[1] : null, layer instanceof L.CircleMarker,
                         layer._path.classList.contains('kpmap-city')]);
        }
    });
    return shapes;
}"""

# How many pixels of the base map's canvas are painted (Finland's land, borders and coast).
PAINTED_JS = """() => {
    const canvas = document.querySelector('.leaflet-kpmap-base-pane canvas');
    if (!canvas || !canvas.width) { return 0; }
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) { painted++; } }
    return painted;
}"""


@pytest.fixture(scope="module")
def bare_url() -> Iterator[str]:
    """The app with no basemap at all (KPMAP_TILES=none), as on a closed network."""
    with devserver.running_app(env={"KPMAP_TILES": "none"}) as (url, _process):
        yield url


def shapes(visit) -> dict[str, tuple[bool, bool]]:  # type: ignore[no-untyped-def]
    """The drawn cities: number -> (drawn as a circle, has the class kpmap-city)."""
    return {number: (circle, classed) for number, circle, classed in visit.map_frame().evaluate(SHAPES_JS)}


def test_without_a_basemap_finland_and_every_member_area_are_drawn(visit, bare_url):
    """KPMAP_TILES=none: the base map's borders arrive from the app and are painted; each city is an
    area (not a circle) with the classes kpmap-city and kpmap-city-<number>; no other host is asked."""
    base_responses: list[int] = []
    visit.page.on("response", lambda r: base_responses.append(r.status) if BASE_ROUTE in r.url else None)
    visit.open(bare_url)
    expect(visit.markers()).to_have_count(len(EVERY_CITY), timeout=60_000)
    expect(visit.page.frame_locator(MAP_FRAME).locator("path.kpmap-city")).to_have_count(len(EVERY_CITY))
    assert shapes(visit) == dict.fromkeys(EVERY_CITY, (False, True))
    visit.map_frame().wait_for_function(f"({PAINTED_JS})() > 10000", timeout=30_000)
    assert base_responses == [200]
    assert visit.foreign == []


def test_clicking_helsinkis_area_shows_its_details(visit, bare_url):
    """A click inside Helsinki's area opens its details and puts city=091 in the address."""
    visit.open(bare_url)
    expect(visit.markers()).to_have_count(len(EVERY_CITY), timeout=60_000)
    visit.click_city("091")
    details = visit.page.locator("table.kpmap-facts")
    expect(details).to_contain_text("Helsingfors")
    expect(details).to_contain_text(DATA.cities.loc["091", "maakunta"])
    expect(visit.page).to_have_url(re.compile(r"[?&]city=091"))


def test_unticking_growth_removes_exactly_its_exclusive_areas_in_place(visit, bare_url):
    """Unticking the growth partnership removes the cities in no other programme, in the same map."""
    exclusive = {k for k, programmes in DATA.cities["programmes"].items() if programmes == ("growth",)}
    remaining = set(visible_cities(DATA, Selection(frozenset(DATA.by_id) - {"growth"})).index)
    assert exclusive and remaining == EVERY_CITY - exclusive
    visit.open(bare_url)
    expect(visit.markers()).to_have_count(len(EVERY_CITY), timeout=60_000)
    visit.map_frame().evaluate("window.kpmapProbe = 'same document'")
    visit.page.get_by_role("checkbox", name=GROWTH).click(force=True)
    expect(visit.markers()).to_have_count(len(remaining))
    assert set(shapes(visit)) == remaining
    assert visit.map_frame().evaluate("window.kpmapProbe") == "same document"


def test_circles_link_and_switch_draw_circles(visit, bare_url):
    """?show=circles draws every city as a classed circle; the switch goes back to areas in place."""
    visit.open(f"{bare_url}/?show=circles")
    expect(visit.markers()).to_have_count(len(EVERY_CITY), timeout=60_000)
    assert shapes(visit) == dict.fromkeys(EVERY_CITY, (True, True))
    visit.map_frame().evaluate("window.kpmapProbe = 'same document'")
    visit.page.get_by_text("Kuntien alueet").click()
    visit.map_frame().wait_for_function(f"({SHAPES_JS})().every((s) => !s[1])")
    assert shapes(visit) == dict.fromkeys(EVERY_CITY, (False, True))
    assert visit.map_frame().evaluate("window.kpmapProbe") == "same document"
    expect(visit.page).not_to_have_url(re.compile(r"show="))


@pytest.mark.parametrize(
    ("viewport", "top_at_most", "height_at_least"),
    [({"width": 1400, "height": 900}, 250, 500), ({"width": 390, "height": 844}, 844 / 2, 844 / 2)],
)
def test_the_map_is_in_the_first_screen(browser: Browser, bare_url, viewport, top_at_most, height_at_least):
    """Desktop: the map's top within 250 px of the page's and the map 500 px high; phone: the map
    starts in the upper half of the first screen and is half a screen high. Measured once the whole
    page is there."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(bare_url)
    expect(page.frame_locator(MAP_FRAME).locator(MARKERS)).to_have_count(len(EVERY_CITY), timeout=60_000)
    expect(page.locator("section.kpmap-programme")).to_have_count(len(DATA.programmes), timeout=30_000)
    box = page.locator(MAP_FRAME).bounding_box()
    context.close()
    assert box is not None
    assert box["y"] <= top_at_most and box["height"] >= height_at_least


def test_the_page_does_not_wait_on_the_map(visit, bare_url):
    """With Leaflet's script blocked, the map never reports back; the filters, the table of cities,
    the search and the language switch still arrive."""
    visit.page.route(f"**{LEAFLET_ROUTE}/leaflet.js", lambda route: route.abort())
    visit.open(bare_url)
    expect(visit.page.get_by_role("checkbox", name=GROWTH)).to_be_visible(timeout=30_000)
    expect(visit.page.locator("table.kpmap-table").first.locator("tbody tr")).to_have_count(len(EVERY_CITY))
    expect(visit.page.get_by_label("Hae kaupunkia")).to_be_visible()
    expect(visit.page.get_by_label("Kieli · Språk · Language")).to_be_visible()
    expect(visit.markers()).to_have_count(0)
