"""The exported static site in headless Chromium, served by `python -m http.server` and opened from
`file://`: the map, the filters, the address, embedding, hostile data, requests, CSP and accessibility."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from devtools.axe import AXE_TAGS, axe_source, failing
from devtools.devserver import free_port, serving
from kpmap import load_dataset
from kpmap.export import export_table, to_csv, to_geojson
from kpmap.filters import Selection, members, visible_cities
from kpmap.i18n import t
from kpmap.mapview import DEFAULT_TILES
from kpmap.model import Dataset
from kpmap.site.build import build_site
from kpmap.urlstate import parse_query, to_query

TILE = re.compile(r"^https://[abc]\.basemaps\.cartocdn\.com/")
# A transparent 1x1 PNG: tiles are answered on the machine, never fetched from outside.
BLANK_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e527de3f0000000049454e44ae426082"
)
# Noted in every page before its scripts run: Content-Security-Policy violations the page causes.
CSP_WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""
HOSTILE = "<img src=x onerror=\"window.__ran='img'\"><script>window.__ran='script'</script>"


def served(directory: Path) -> Iterator[str]:
    port = free_port()
    command = [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", str(directory), str(port)]
    with serving(command, port, "/") as (url, _process):
        yield url + "/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, dataset: Dataset) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(dataset, out, DEFAULT_TILES)
    return out


@pytest.fixture(scope="module")
def http_base(site: Path) -> Iterator[str]:
    yield from served(site)


@pytest.fixture(params=["http", "file"])
def base(request: pytest.FixtureRequest, site: Path) -> str:
    """The site's address, over http.server or straight from the file system."""
    return request.getfixturevalue("http_base") if request.param == "http" else (site / "index.html").as_uri()


class SiteVisit:
    """A page of the site in a fresh browser context: tiles answered locally, every other request,
    console error, dialog and CSP violation recorded."""

    def __init__(self, page: Page, base: str) -> None:
        self.page, self.base = page, base
        self.requests: list[str] = []
        self.tiles: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.add_init_script(CSP_WATCH)
        page.route(TILE, self._tile)
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

    def _tile(self, route: Route) -> None:
        self.tiles.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=BLANK_PNG)

    def open(self, query: str = "") -> None:
        self.page.goto(self.base + query)
        # The figures are drawn right after the map, on load and on every change.
        expect(self.page.locator("#kpmap-figures dd").first).to_be_attached()

    def drawn(self) -> set[str]:
        """The municipality numbers of the cities drawn on the map."""
        classes = self.page.eval_on_selector_all(".kpmap-city", "els => els.map(e => e.getAttribute('class'))")
        return {m.group(1) for c in classes for m in [re.search(r"kpmap-city-(\d{3})", c)] if m}

    def expect_drawn(self, expected: set[str]) -> None:
        expect(self.page.locator(".kpmap-city")).to_have_count(len(expected))
        assert self.drawn() == expected

    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.page.url).query)

    def expect_query(self, expected: dict[str, list[str]]) -> None:
        """The address comes to say `expected` (the page writes it after the map's next paint)."""
        for _ in range(100):
            if self.query() == expected:
                return
            self.page.wait_for_timeout(50)
        assert self.query() == expected

    def foreign(self) -> list[str]:
        """Requests that are neither the site's own files nor tiles."""
        own = ("file://", "data:", "blob:", "about:", self.base.split("?")[0].rsplit("/", 1)[0])
        return [url for url in self.requests if not url.startswith(own) and not TILE.match(url)]

    def csp_violations(self) -> list[str]:
        return list(self.page.evaluate("window.__csp"))


@pytest.fixture
def visit(browser: Browser, base: str) -> Iterator[SiteVisit]:
    """A page of the site (this module's own `visit`, in place of the app's in conftest)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield SiteVisit(page, base)
    context.close()


def test_every_city_is_drawn_in_both_modes_and_nothing_else_is_asked_for(visit, dataset):
    """Every city has its shape with its classes, as areas and as circles; no request leaves but tiles,
    the CSP is never violated, and the console shows no error."""
    visit.open()
    visit.expect_drawn(set(dataset.cities.index))
    assert visit.page.locator(".kpmap-city-091").evaluate("e => e.tagName") == "path"
    visit.page.get_by_label(re.compile("Pallot")).check()
    visit.expect_drawn(set(dataset.cities.index))
    visit.expect_query({"show": ["circles"]})
    assert visit.foreign() == [] and visit.tiles
    assert visit.csp_violations() == [] and visit.errors == []


def test_the_map_opens_on_the_whole_of_finland(visit, dataset):
    """Without a region or a city in the address, all of Finland's outline is in the map's view, and fills it."""
    visit.open()
    west, south, east, north = dataset.areas.outline.total_bounds
    view = visit.page.wait_for_function(
        """() => { const b = window.kpmap.map && window.kpmap.map.getBounds();
            return b ? [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()] : null; }"""
    ).json_value()
    assert view[0] <= south and view[1] <= west and view[2] >= north and view[3] >= east
    # Fitted, not merely inside: Finland spans most of the view's height (it is taller than it is wide).
    assert north - south > 0.7 * (view[2] - view[0])


def test_unticking_a_programme_hides_its_exclusive_cities_and_the_address_follows(visit, dataset):
    """Unticking one programme removes the cities in no other ticked programme, from map and table,
    and the address lists the programmes still ticked."""
    growth = dataset.by_id["growth"]
    visit.open()
    visit.page.get_by_label(growth.short_name["fi"]).uncheck()
    others = Selection(programmes=frozenset(dataset.by_id) - {"growth"})
    remaining = set(visible_cities(dataset, others).index)
    assert set(members(dataset, "growth").index) - remaining, "the test needs a city only in growth"
    visit.expect_drawn(remaining)
    expect(visit.page.locator("#kpmap-table-body tr")).to_have_count(len(remaining))
    visit.expect_query({"programme": [p.id for p in dataset.programmes if p.id != "growth"]})


def test_the_csv_download_holds_the_visible_cities_as_the_app_writes_them(visit, dataset):
    """The CSV download of a filtered view is byte for byte the app's CSV of the same cities."""
    region = dataset.cities.loc["091", "maakunta"]
    visit.open("?region=" + region)
    with visit.page.expect_download() as download:
        visit.page.locator("#kpmap-download-csv").click()
    visible = visible_cities(dataset, Selection(programmes=frozenset(dataset.by_id), region=region))
    assert Path(download.value.path()).read_bytes() == to_csv(export_table(dataset, visible, "fi"))


def test_programme_c6_shows_exactly_its_six_cities(visit, dataset):
    """?programme=c6 draws the six largest cities' alliance and nothing else."""
    visit.open("?programme=c6")
    expected = set(members(dataset, "c6").index)
    assert len(expected) == 6
    visit.expect_drawn(expected)
    expect(visit.page.get_by_label(dataset.by_id["c6"].short_name["fi"])).to_be_checked()
    expect(visit.page.get_by_label(dataset.by_id["growth"].short_name["fi"])).not_to_be_checked()


def test_swedish_helsinki_shows_helsingfors_with_its_region(visit, dataset):
    """?lang=sv&city=091 opens in Swedish with Helsingfors's details, its region among them."""
    visit.open("?lang=sv&city=091")
    details = visit.page.locator("#kpmap-details")
    expect(details.get_by_role("heading", level=4)).to_have_text("Helsingfors (Helsinki)")
    expect(details).to_contain_text(str(dataset.cities.loc["091", "maakunta"]))
    assert visit.page.evaluate("document.documentElement.lang") == "sv"
    expect(visit.page.get_by_role("heading", level=1)).to_have_text("Stadspolitikens partnerskap")


@pytest.mark.parametrize(
    "query",
    [
        "?lang=xx&programme=bogus&city=999&show=dots",
        "?programme=none&region=Uusimaa&lang=en&lang=sv",
        "?programme=c6&programme=east&programme=c6&city=091",
        "?region=%3Cscript%3E&programme=" + "x" * 80,
    ],
)
def test_the_address_is_read_and_rewritten_as_the_app_does(visit, dataset, query):
    """The page reads an address by the app's rules (kpmap.urlstate) and writes back the same address."""
    visit.open(query)
    expected = to_query(parse_query(parse_qs(query[1:]), dataset), dataset)
    visit.expect_query(parse_qs(urlencode(expected, doseq=True)))
    notices = len(parse_query(parse_qs(query[1:]), dataset).ignored)
    expect(visit.page.locator("#kpmap-notices p")).to_have_count(notices)


def test_a_city_is_reached_without_the_map_by_keyboard(visit, dataset):
    """Search and the table select a city from the keyboard; its details take the focus."""
    second = dataset.cities.index[1]
    visit.open()
    search = visit.page.get_by_label("Hae kaupunkia")
    search.focus()
    visit.page.keyboard.type(str(dataset.cities.loc[second, "name_fi"]))
    visit.page.keyboard.press("Enter")
    expect(visit.page.locator("#kpmap-details h4")).to_have_text(str(dataset.cities.loc[second, "name_fi"]))
    expect(visit.page.locator("#city-details")).to_be_focused()
    visit.expect_query({"city": [second]})
    last = dataset.cities.index[-1]
    button = visit.page.locator("#kpmap-table-body").get_by_role("button", name=str(dataset.cities.loc[last, "name_fi"]))
    button.focus()
    visit.page.keyboard.press("Enter")
    expect(visit.page.locator("#kpmap-details h4")).to_have_text(str(dataset.cities.loc[last, "name_fi"]))


def test_a_click_on_a_city_shows_its_details_and_hovering_names_it(visit, dataset):
    """Pointing at a city's area names it in a tooltip; clicking it opens its details."""
    visit.open()
    shape = visit.page.locator(".kpmap-city-091")
    shape.hover()
    expect(visit.page.locator(".leaflet-tooltip")).to_contain_text("Helsinki")
    shape.click()
    expect(visit.page.locator("#kpmap-details h4")).to_have_text("Helsinki")
    visit.expect_query({"city": ["091"]})


def test_embed_shows_the_map_and_legend_filling_the_frame(visit, dataset):
    """?embed=1: no header, filters or table; the map takes most of the frame, the legend stays."""
    visit.page.set_viewport_size({"width": 600, "height": 450})
    visit.open("?embed=1&programme=c6")
    visit.expect_drawn(set(members(dataset, "c6").index))
    for hidden in ("h1", ".kpmap-filters", "#kpmap-table-section", "#kpmap-details"):
        expect(visit.page.locator(hidden)).to_be_hidden()
    expect(visit.page.locator("#kpmap-legend")).to_be_visible()
    box = visit.page.locator("#kpmap-map").bounding_box()
    assert box is not None and box["height"] > 0.55 * 450 and box["width"] == pytest.approx(600, abs=2)
    assert visit.page.evaluate("document.scrollingElement.scrollHeight") <= 450
    visit.expect_query({"programme": ["c6"], "embed": ["1"]})
    assert "embed" not in (visit.page.locator("#kpmap-open-full").get_attribute("href") or "")


def test_hostile_names_run_nothing_and_fetch_nothing(browser, data_copy, tmp_path):
    """Names with <script> and <img onerror> show as text, in the table and the tooltip; nothing runs
    and nothing is fetched."""

    def hostile(doc):  # type: ignore[no-untyped-def]
        doc["features"][0]["properties"]["name_fi"] = HOSTILE
        doc["features"][0]["properties"]["maakunta"] = HOSTILE
        return doc

    data_copy.edit_cities(hostile)
    data_copy.replace_in("programmes.toml", 'short_name.fi = "', f'short_name.fi = "{HOSTILE.replace(chr(34), "")} ')
    dataset = load_dataset(data_copy.path)
    first = dataset.cities.index[0]
    build_site(dataset, tmp_path / "site", DEFAULT_TILES)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        visit = SiteVisit(context.new_page(), (tmp_path / "site" / "index.html").as_uri())
        visit.open(f"?city={first}")
        expect(visit.page.locator("#kpmap-details h4")).to_have_text(HOSTILE)
        expect(visit.page.locator("#kpmap-table-body")).to_contain_text(HOSTILE)
        visit.page.locator(f".kpmap-city-{first}").hover()
        expect(visit.page.locator(".leaflet-tooltip")).to_contain_text(HOSTILE)
        assert visit.page.evaluate("window.__ran") is None
        assert visit.page.locator("img[src=x], #kpmap-details script").count() == 0
        assert visit.foreign() == [] and visit.dialogs == [] and visit.csp_violations() == []
    finally:
        context.close()


@pytest.mark.parametrize(
    ("query", "size"),
    [("", (1400, 900)), ("?lang=sv&city=091", (1400, 900)), ("?lang=en&show=circles", (390, 844)), ("?embed=1", (600, 450))],
)
def test_no_serious_accessibility_violation(browser, http_base, query, size):
    """axe-core finds no serious or critical WCAG 2.1 A/AA violation, on desktop and phone, in each language."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    try:
        visit = SiteVisit(context.new_page(), http_base)
        visit.open(query)
        # Run by the browser's debugging protocol, which the page's CSP does not govern.
        visit.page.evaluate(axe_source())
        results = visit.page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        assert results["passes"], "axe checked nothing"
        assert failing(results) == []
    finally:
        context.close()


def test_a_city_in_two_programmes_shows_both_colours(visit, dataset):
    """A city in two ticked programmes is striped in both colours, as in the app, and the legend says so;
    with one of them unticked, it is filled in the other's colour."""
    two = [k for k, ids in dataset.cities["programmes"].items() if len(ids) == 2]
    assert two, "the test needs a city in two programmes"
    city = dataset.cities.loc[two[0]]
    first_id, second_id = city["programmes"]
    visit.open()
    shape = visit.page.locator(f".kpmap-city-{two[0]}")
    stripes = f"kpmap-stripes-{first_id}-{second_id}"
    expect(shape).to_have_attribute("fill", f"url(#{stripes})")
    fills = visit.page.locator(f"pattern#{stripes} rect").evaluate_all("rects => rects.map((r) => r.getAttribute('fill'))")
    assert fills == [dataset.by_id[first_id].colour, dataset.by_id[second_id].colour]
    expect(visit.page.locator("#kpmap-legend-notes")).to_contain_text(t("legend_two_areas", "fi"))
    visit.open(f"?programme={second_id}")
    expect(shape).to_have_attribute("fill", dataset.by_id[second_id].colour)


def test_the_geojson_download_and_the_language_switch(visit, dataset):
    """After switching to English, the GeoJSON download holds the visible cities' features as the app
    writes them in English, and the address says lang=en."""
    visit.open("?programme=east")
    visit.page.get_by_role("button", name="English").click()
    expect(visit.page.get_by_role("heading", level=1)).to_have_text("Urban-policy partnerships")
    visit.expect_query({"lang": ["en"], "programme": ["east"]})
    with visit.page.expect_download() as download:
        visit.page.locator("#kpmap-download-geojson").click()
    visible = visible_cities(dataset, Selection(programmes=frozenset({"east"})))
    expected = json.loads(to_geojson(export_table(dataset, visible, "en")))
    assert json.loads(Path(download.value.path()).read_text(encoding="utf-8")) == expected
