"""The map page in a real browser: every city drawn, a click shows details, filters work in place."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from kpmap import load_dataset
from kpmap.filters import Selection, visible_cities
from kpmap.i18n import number

DATA = load_dataset()
CITIES = len(DATA.cities)
GROWTH = DATA.by_id["growth"].name["fi"]


def test_every_city_is_drawn_and_nothing_but_tiles_leaves_the_machine(visit, app_url):
    """Every city's area appears; the only requests to other hosts are basemap tiles."""
    visit.open(app_url)
    expect(visit.markers()).to_have_count(CITIES, timeout=60_000)
    assert visit.foreign_except_tiles() == []


def test_clicking_a_city_shows_its_details(visit, app_url):
    """A click on Oulu's area opens its details with region and population."""
    visit.open(app_url)
    expect(visit.markers()).to_have_count(CITIES, timeout=60_000)
    visit.click_city("564")
    details = visit.page.locator("table.kpmap-facts")
    expect(details).to_contain_text("Uleåborg")
    expect(details).to_contain_text(DATA.cities.loc["564", "maakunta"])
    expect(details).to_contain_text(number(int(DATA.cities.loc["564", "population"]), "fi"))
    expect(visit.page).to_have_url(re.compile(r"[?&]city=564"))


def test_unticking_a_programme_removes_its_cities_in_place(visit, app_url):
    """Unticking the growth partnership removes its cities in no other programme; same map document."""
    visit.open(app_url)
    expect(visit.markers()).to_have_count(CITIES, timeout=60_000)
    visit.map_frame().evaluate("window.kpmapProbe = 'same document'")
    visit.page.get_by_role("checkbox", name=GROWTH).click(force=True)
    remaining = visible_cities(DATA, Selection(frozenset(DATA.by_id) - {"growth"}))
    expect(visit.markers()).to_have_count(len(remaining))
    assert visit.map_frame().evaluate("window.kpmapProbe") == "same document"
    expect(visit.page).to_have_url(re.compile(r"programme=c6&programme=vitality&programme=east&programme=regional"))


def test_panning_the_map_sends_nothing_to_the_server(visit, app_url):
    """Dragging the map reruns nothing: no websocket message goes out."""
    sent: list[int] = []
    visit.page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(len(payload))))
    visit.open(app_url)
    expect(visit.markers()).to_have_count(CITIES, timeout=60_000)
    visit.page.wait_for_timeout(1500)
    box = visit.page.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
    start = (box["x"] + 60, box["y"] + 120)
    before = len(sent)
    visit.page.mouse.move(*start)
    visit.page.mouse.down()
    visit.page.mouse.move(start[0] + 150, start[1] + 100, steps=10)
    visit.page.mouse.up()
    visit.page.wait_for_timeout(1500)
    assert len(sent) == before


def test_download_of_the_visible_cities_is_a_spreadsheet_ready_csv(visit, app_url, tmp_path):
    """With ?programme=east, the CSV download holds its three cities, UTF-8 with a byte-order mark."""
    visit.open(f"{app_url}/?programme=east")
    expect(visit.markers()).to_have_count(3, timeout=60_000)
    with visit.page.expect_download() as download_info:
        visit.page.get_by_role("button", name="Näkyvät kaupungit (CSV)").click()
    path = tmp_path / "cities.csv"
    download_info.value.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert len(lines) == 4
    assert {line.split(",")[0] for line in lines[1:]} == {"167", "405", "153"}


def test_table_and_programmes_follow_the_map_without_any_action(visit, app_url):
    """Once the map is drawn, the table of cities and the programme panels arrive by themselves."""
    visit.open(app_url)
    expect(visit.markers()).to_have_count(CITIES, timeout=60_000)
    expect(visit.page.locator("table.kpmap-table tbody tr")).to_have_count(CITIES)
    expect(visit.page.locator("section.kpmap-programme")).to_have_count(5)
