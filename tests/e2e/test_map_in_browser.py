"""The map page in a real browser: every city drawn, a click shows details, filters work in place."""

from __future__ import annotations

import re
from dataclasses import replace

from playwright.sync_api import expect

from devtools.devserver import MAP_FRAME
from kpmap.filters import Selection, visible_cities
from kpmap.i18n import number

GROWTH = "Keskisuurten kasvukaupunkien kumppanuus"

# In the map's iframe: note when the map last stopped moving, and when st_folium last decided whether to
# send its value to the server (250 ms after the map stops; it reads `returned_objects` each time).
WATCH_DECISIONS = """() => {
    const data = window.__GLOBAL_DATA__;
    const returned = data.returned_objects;
    Object.defineProperty(data, "returned_objects", {
        get() { window.kpmapDecided = performance.now(); return returned; }, configurable: true,
    });
    window.map.on("moveend", () => { window.kpmapMoved = performance.now(); });
}"""
DECIDED_AFTER_MOVING = "() => window.kpmapMoved !== undefined && window.kpmapDecided > window.kpmapMoved"
# What st_folium last sent; it replaces this only when it sends a new value.
LAST_SENT = "() => JSON.stringify(window.__GLOBAL_DATA__.previous_data)"


def test_all_cities_are_drawn_and_nothing_but_tiles_leaves_the_machine(visit, app_url, dataset):
    """A shape for every city appears; the only requests to other hosts are basemap tiles."""
    visit.open(app_url)
    expect(visit.markers()).to_have_count(len(dataset.cities), timeout=60_000)
    assert visit.foreign_except_tiles() == []


def test_clicking_a_city_shows_its_details(visit, app_url, dataset):
    """A click on Oulu's shape opens its details with region and population."""
    visit.open(app_url)
    visit.whole_map_page(len(dataset.cities))
    visit.click_city("564")
    details = visit.page.locator("table.kpmap-facts")
    oulu = dataset.cities.loc["564"]
    expect(details).to_contain_text(oulu["name_sv"])
    expect(details).to_contain_text(oulu["maakunta"])
    expect(details).to_contain_text(number(oulu["population"], "fi"))
    expect(visit.page).to_have_url(re.compile(r"[?&]city=564"))


def test_unticking_a_programme_removes_its_cities_in_place(visit, app_url, dataset):
    """Unticking the growth partnership removes the cities in no other programme; same map document."""
    everything = Selection.everything(dataset)
    others = tuple(p.id for p in dataset.programmes if p.id != "growth")
    without_growth = visible_cities(dataset, replace(everything, programmes=frozenset(others)))
    visit.open(app_url)
    expect(visit.markers()).to_have_count(len(dataset.cities), timeout=60_000)
    visit.map_frame().evaluate("window.kpmapProbe = 'same document'")
    visit.page.get_by_role("checkbox", name=GROWTH).click(force=True)
    expect(visit.markers()).to_have_count(len(without_growth))
    assert visit.map_frame().evaluate("window.kpmapProbe") == "same document"
    expect(visit.page).to_have_url(re.compile("&".join(f"programme={id}" for id in others)))


def test_panning_the_map_sends_nothing_to_the_server(visit, app_url, dataset):
    """Dragging the map reruns nothing: st_folium decides not to send, and no websocket message goes out."""
    sent: list[int] = []
    visit.page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(len(payload))))
    visit.open(app_url)
    visit.whole_map_page(len(dataset.cities))
    frame = visit.map_frame()
    frame.evaluate(WATCH_DECISIONS)
    last_sent, before = frame.evaluate(LAST_SENT), len(sent)
    box = visit.page.locator(MAP_FRAME).bounding_box()
    start = (box["x"] + 60, box["y"] + 120)
    visit.page.mouse.move(*start)
    visit.page.mouse.down()
    visit.page.mouse.move(start[0] + 150, start[1] + 100, steps=10)
    visit.page.mouse.up()
    frame.wait_for_function(DECIDED_AFTER_MOVING)
    assert frame.evaluate(LAST_SENT) == last_sent
    assert len(sent) == before


def test_download_of_the_visible_cities_is_a_spreadsheet_ready_csv(visit, app_url, dataset, tmp_path):
    """With ?programme=east, the CSV download holds its cities, UTF-8 with a byte-order mark."""
    east = set(dataset.memberships.loc[dataset.memberships["programme_id"] == "east", "kuntanumero"])
    visit.open(f"{app_url}/?programme=east")
    expect(visit.markers()).to_have_count(len(east), timeout=60_000)
    with visit.page.expect_download() as download_info:
        visit.page.get_by_role("button", name="Näkyvät kaupungit (CSV)").click()
    path = tmp_path / "cities.csv"
    download_info.value.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + len(east)
    assert {line.split(",")[0] for line in lines[1:]} == east


def test_table_and_programmes_follow_the_map_without_any_action(visit, app_url, dataset):
    """Once the map is drawn, the table of cities and the programme panels arrive by themselves."""
    visit.open(app_url)
    expect(visit.markers()).to_have_count(len(dataset.cities), timeout=60_000)
    expect(visit.page.locator("table.kpmap-table tbody tr")).to_have_count(len(dataset.cities))
    expect(visit.page.locator("section.kpmap-programme")).to_have_count(len(dataset.programmes))
