"""Hostile text is text: markup in the data is shown as characters and never runs, on every page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from devtools.devserver import MAP_FRAME
from kpmap import load_dataset
from kpmap.cli import main
from tests.e2e.browser import Visit, running_app

IMG = '<img src=x onerror="window.kpmapPwned=1;alert(1)">'
SCRIPT = "<script>window.kpmapPwned=1;alert(2)</script>"
# Closes the inline <script> that holds the map's data, if any data reaches it unescaped.
BREAKOUT = "</script><script>window.kpmapPwned=1;alert(3)</script>"
SVG = '<svg onload="window.kpmapPwned=1;alert(4)"></svg>'
OULU_FI = f"Oulu{IMG}"
OULU_SV = f"Uleåborg{SCRIPT}"
HEINOLA = f"Heinola{BREAKOUT}"
REGION = f"Pohjois-Pohjanmaa{SVG}"
POPULATION_SOURCE = f"Tilastokeskus {IMG} {SCRIPT}"
SOURCE_NOTE = f'TEM {IMG} {SCRIPT} <a href="javascript:window.kpmapPwned=1">linkki</a>'
DESCRIPTION_MARKUP = f"{IMG} {SCRIPT} "
PANEL_TEXT = "Kuusi suurinta kaupunkia"


def hostile_data(data_copy) -> Path:
    """The bundled data with markup in two cities' names, a region, a source and a programme text."""

    def cities(doc):
        for feature in doc["features"]:
            props = feature["properties"]
            if props["kuntanumero"] == "564":
                props.update(name_fi=OULU_FI, name_sv=OULU_SV, maakunta=REGION, population_source=POPULATION_SOURCE)
            elif props["kuntanumero"] == "111":
                props.update(name_fi=HEINOLA, name_sv=HEINOLA)

    def memberships(rows):
        for row in rows:
            if row["kuntanumero"] == "564":
                row["source_note"] = SOURCE_NOTE

    data_copy.edit_cities(cities)
    data_copy.edit_memberships(memberships)
    data_copy.replace_in(
        "programmes.toml", f'description.fi = """{PANEL_TEXT}', f'description.fi = """{DESCRIPTION_MARKUP}{PANEL_TEXT}'
    )
    return data_copy.path


@pytest.fixture
def hostile(data_copy) -> Path:
    return hostile_data(data_copy)


@pytest.fixture
def hostile_url(hostile: Path) -> Iterator[str]:
    with running_app(KPMAP_DATA_DIR=str(hostile), KPMAP_TILES="none") as url:
        yield url


def watch_requests(page: Page) -> list[str]:
    """Every address the page asks for from now on."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    return requested


def nothing_ran(visit: Visit, requested: list[str]) -> None:
    """No dialog, no flag set in any frame, no request for the injected image's address."""
    visit.wait_for_images()
    assert visit.dialogs == []
    for frame in visit.page.frames:
        assert frame.evaluate("typeof window.kpmapPwned") == "undefined", frame.url
    assert [u for u in requested if urlsplit(u).path.endswith("/x")] == []


def hover_city(visit: Visit, kuntanumero: str) -> None:
    """Rest the pointer on a city's circle once the circle has stopped moving."""
    visit.page.mouse.move(*visit.settled_centre(kuntanumero))


def shows_text(page: Page, selector: str, text: str) -> None:
    expect(page.locator(selector).filter(has_text=text).first).to_be_visible()


def test_the_hostile_data_is_valid_and_loads_unchanged(hostile):
    """Markup in names and notes is valid text: validate exits 0 and the loader keeps every character."""
    assert main(["validate", str(hostile)]) == 0
    data = load_dataset(hostile)
    assert data.cities.loc["564", "name_fi"] == OULU_FI
    assert data.cities.loc["564", "name_sv"] == OULU_SV
    assert data.cities.loc["111", "name_fi"] == HEINOLA
    assert data.cities.loc["564", "maakunta"] == REGION
    assert set(data.memberships.loc[data.memberships["kuntanumero"] == "564", "source_note"]) == {SOURCE_NOTE}
    assert data.by_id["c6"].description.fi.startswith(DESCRIPTION_MARKUP)


def test_markup_in_a_city_shows_as_text_in_its_tooltip_and_details(visit, hostile_url, dataset):
    """Hovering and clicking Oulu (in Finnish, then hovering in Swedish) shows the markup in names as characters; nothing runs."""
    requested = watch_requests(visit.page)
    visit.open(hostile_url)
    visit.whole_map_page(len(dataset.cities))
    frame = visit.page.frame_locator(MAP_FRAME)

    hover_city(visit, "564")
    tooltip = frame.locator(".leaflet-tooltip")
    expect(tooltip).to_contain_text(OULU_FI)
    expect(tooltip.locator("img, script, svg")).to_have_count(0)

    visit.click_city("564")
    details = visit.page.locator("table.kpmap-facts")
    expect(details).to_contain_text(OULU_FI)
    expect(details).to_contain_text(OULU_SV)
    expect(details).to_contain_text(REGION)
    expect(details).to_contain_text(POPULATION_SOURCE)
    expect(visit.page.locator("h4").filter(has_text=OULU_FI)).to_be_visible()
    shows_text(visit.page, "small", SOURCE_NOTE)
    shows_text(visit.page, ".kpmap-table th", HEINOLA)
    for selector in ("table.kpmap-facts", "table.kpmap-table", "small"):
        expect(visit.page.locator(f"{selector} img[src='x'], {selector} svg[onload]")).to_have_count(0)
    expect(visit.page.locator("a[href^='javascript']")).to_have_count(0)
    nothing_ran(visit, requested)

    visit.open(f"{hostile_url}/?lang=sv")
    visit.whole_map_page(len(dataset.cities))
    hover_city(visit, "564")
    expect(frame.locator(".leaflet-tooltip")).to_contain_text(f"{OULU_SV} ({OULU_FI})")
    nothing_ran(visit, requested)


def test_markup_on_the_programmes_and_data_pages_shows_as_text(visit, hostile_url):
    """The programmes page shows the description's and member names' markup as characters; the data page runs nothing."""
    requested = watch_requests(visit.page)
    visit.open(f"{hostile_url}/programmes")
    panel = visit.page.get_by_text(PANEL_TEXT).first
    expect(panel).to_be_visible(timeout=60_000)
    expect(panel).to_contain_text(DESCRIPTION_MARKUP.strip())
    shows_text(visit.page, "p", OULU_FI)
    shows_text(visit.page, "p", HEINOLA)
    nothing_ran(visit, requested)

    visit.open(f"{hostile_url}/data")
    expect(visit.page.locator("[data-testid='stDataFrame']")).to_have_count(2, timeout=60_000)
    visit.page.wait_for_load_state("networkidle")
    nothing_ran(visit, requested)


TRACKER = "https://tracker.invalid/pixel.png"


def test_markdown_in_programme_texts_fetches_nothing_from_elsewhere(visit, data_copy):
    """A Markdown image in a programme's name, description or list holder is shown as text: no request leaves the machine."""
    image = f"![seuranta]({TRACKER})"
    data_copy.replace_in("programmes.toml", 'name.fi = "Kuuden suurimman', f'name.fi = "{image} Kuuden suurimman')
    data_copy.replace_in(
        "programmes.toml", f'description.fi = """{PANEL_TEXT}', f'description.fi = """{image} {PANEL_TEXT}'
    )
    data_copy.replace_in(
        "programmes.toml", 'full_list_holder = "Kuntaliitto"', f'full_list_holder = "Kuntaliitto {image}"'
    )
    with running_app(KPMAP_DATA_DIR=str(data_copy.path), KPMAP_TILES="none") as url:
        for path in ("/", "/programmes"):
            visit.open(f"{url}{path}")
            expect(visit.page.get_by_text(PANEL_TEXT).first).to_be_visible(timeout=60_000)
            expect(visit.page.locator("[data-testid='stApp']")).to_have_attribute(
                "data-test-script-state", "notRunning"
            )
            visit.wait_for_images()
            assert visit.foreign_except_tiles() == [], path
            expect(visit.page.get_by_text(image).first).to_be_visible()
