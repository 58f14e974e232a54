"""One map, told the same way in the app and the static site: both open on all of Finland, the far north
included, on a desktop and on a phone; a click on a city brings it closer without losing where in Finland
it is, and its details come where the eye is; the "All of Finland" button gives the whole country back;
the tiles' credit keeps clear of the scale bar."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Frame, Page, expect

from devtools.devserver import MAP_FRAME
from kpmap.mapview import CITY_ZOOM, finland_bounds
from kpmap.model import Dataset
from tests.e2e.parity import answer_tiles

DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
SALO = "734"

# The Leaflet map of the document: st_folium's `window.map` in the app's frame, `kpmap.map` in the site.
MAP = "(window.kpmap && window.kpmap.map) || window.map"
VIEW_JS = f"""() => {{
    const map = {MAP};
    const b = map.getBounds();
    // Leaflet gives a zoom's target while it animates to it, and drops a new view asked for meanwhile.
    const moving = map._animatingZoom === true;
    return {{south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast(), zoom: map.getZoom(), moving}};
}}"""
# A point of the city's shape in page coordinates, where that shape is on top; null until it is drawn.
CITY_POINT_JS = """(id) => {
    const path = document.querySelector('path.kpmap-city-' + id);
    if (!path) { return null; }
    const box = path.getBoundingClientRect();
    for (let i = 1; i < 20; i++) {
        for (let j = 1; j < 20; j++) {
            const x = box.x + (box.width * i) / 20, y = box.y + (box.height * j) / 20;
            if (document.elementFromPoint(x, y) === path) {
                const frame = window.frameElement ? window.frameElement.getBoundingClientRect() : {x: 0, y: 0};
                return [frame.x + x, frame.y + y];
            }
        }
    }
    return null;
}"""


@pytest.fixture(params=["app", "site"])
def front_end(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def open_page(browser: Browser, front_end: str, app_url: str, site_url: str) -> Iterator[object]:
    """open_page(viewport, query) -> (page, the map's document), once the map has drawn its cities."""
    contexts = []

    def opened(viewport: dict[str, int], query: str = "") -> tuple[Page, Page | Frame]:
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(60_000)
        answer_tiles(page)
        page.goto((f"{app_url}/" if front_end == "app" else site_url) + query)
        document = map_document(page, front_end)
        expect(document.locator("path.kpmap-city").first).to_be_attached(timeout=60_000)
        page.wait_for_timeout(300)  # the map's fit to Finland runs right after its first drawing
        return page, document

    yield opened
    for context in contexts:
        context.close()


def map_document(page: Page, front_end: str) -> Page | Frame:
    if front_end == "site":
        return page
    expect(page.locator(MAP_FRAME)).to_be_attached(timeout=60_000)
    frame = page.locator(MAP_FRAME).element_handle().content_frame()
    assert frame is not None
    return frame


def wait_for_view(document: Page | Frame, condition: str) -> dict[str, float]:
    """The map's view once `condition` (a JS expression on `v`, the view) holds and the map is still."""
    handle = document.wait_for_function(
        f"() => {{ const v = ({VIEW_JS})(); return !v.moving && ({condition}) ? v : null; }}"
    )
    view: dict[str, float] = handle.json_value()
    return view


def whole_finland(dataset: Dataset) -> str:
    """A JS condition: the view holds all of Finland's outline, its northern edge at or above 70.0°N."""
    (south, west), (north, east) = finland_bounds(dataset)
    return f"v.north >= Math.max(70.0, {north}) && v.south <= {south} && v.west <= {west} && v.east >= {east}"


def click_city(page: Page, document: Page | Frame, kuntanumero: str) -> None:
    """A click on the city's shape, the map scrolled into view first (on a phone it may start below the fold)."""
    page.locator(MAP_FRAME if document is not page else "#kpmap-map").scroll_into_view_if_needed()
    point = document.wait_for_function(CITY_POINT_JS, arg=kuntanumero).json_value()
    page.mouse.click(*point)


def details_box(page: Page) -> dict[str, float]:
    """Where the selected city's details are on the page: from their heading to the end of their block."""
    expect(page.locator("#city-details + h4, #city-details ~ h4").first).to_be_visible()
    box: dict[str, float] = page.evaluate(
        """() => {
            const heading = document.getElementById('city-details');
            const block = heading.parentElement.getBoundingClientRect();
            return {top: heading.getBoundingClientRect().top + scrollY, bottom: block.bottom + scrollY, scrolled: scrollY};
        }"""
    )
    return box


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_map_opens_on_all_of_finland(open_page, dataset, viewport):
    """The first view holds the whole of Finland, Utsjoki's far north (above 70°N) included."""
    _page, document = open_page(viewport)
    view = wait_for_view(document, whole_finland(dataset))
    assert view["north"] >= 70.0


def test_a_click_shows_the_city_closer_and_its_details_in_the_first_screen(open_page, dataset):
    """At 1400x900 a click on Salo zooms in to CITY_ZOOM, keeps its surroundings, and shows its details unscrolled."""
    page, document = open_page(DESKTOP)
    wait_for_view(document, whole_finland(dataset))
    click_city(page, document, SALO)
    view = wait_for_view(document, f"v.zoom === {CITY_ZOOM}")
    city = dataset.records[SALO]
    assert view["south"] < city["lat"] < view["north"] and view["west"] < city["lon"] < view["east"]
    # Still a view of a region, not of a town: a few hundred kilometres, the coast and neighbours in it.
    assert view["north"] - view["south"] > 2.5
    box = details_box(page)
    assert box["scrolled"] == 0 and box["bottom"] <= DESKTOP["height"], box
    members = page.locator("#city-details ~ p a[href^='#programme-']")
    expect(members).to_have_count(2)
    for index in range(2):
        assert members.nth(index).bounding_box()["y"] < DESKTOP["height"]


def test_the_all_of_finland_button_gives_the_whole_country_back(open_page, dataset):
    """After a click has zoomed in on a city, the "All of Finland" button fits the whole country again."""
    page, document = open_page(DESKTOP, "?lang=sv")
    wait_for_view(document, whole_finland(dataset))
    click_city(page, document, SALO)
    wait_for_view(document, f"v.zoom === {CITY_ZOOM}")
    button = document.get_by_role("button", name="Visa hela Finland på kartan")
    expect(button).to_have_text("Hela Finland")
    button.click()
    wait_for_view(document, whole_finland(dataset))


def test_on_a_phone_a_clicked_citys_details_are_one_short_scroll_away(open_page, dataset):
    """On a 390x844 phone, the details of a clicked city begin within half a screen below the first one."""
    page, document = open_page(PHONE)
    wait_for_view(document, whole_finland(dataset))
    click_city(page, document, SALO)
    wait_for_view(document, f"v.zoom === {CITY_ZOOM}")
    box = details_box(page)
    assert box["top"] <= PHONE["height"] * 1.5, box


def test_on_a_phone_the_tiles_credit_keeps_clear_of_the_scale_bar(open_page):
    """On a 390 px wide screen the attribution and the scale bar do not overlap."""
    _page, document = open_page(PHONE)
    credit = document.locator(".leaflet-control-attribution").bounding_box()
    scale = document.locator(".leaflet-control-scale").bounding_box()
    assert credit and scale
    across = credit["x"] < scale["x"] + scale["width"] and scale["x"] < credit["x"] + credit["width"]
    down = credit["y"] < scale["y"] + scale["height"] and scale["y"] < credit["y"] + credit["height"]
    assert not (across and down), (credit, scale)
