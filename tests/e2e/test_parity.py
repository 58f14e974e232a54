"""The app and the static site side by side: for the same address, the same cities drawn and drawn alike
(each city shape's fill, outline and opacity), the same key figures, legend lines and notes, and the same
details of the selected city. One table of addresses; each front end read into a plain `Shown`
(tests/e2e/parity.py) and compared as a whole.

The picture (`python -m kpmap map`, kpmap.picture.render) joins where it can: the app's legend line of
each ticked programme and the selected city's name are among its texts. Its legend notes are its own
(`picture_areas`, `picture_two_programmes`, `picture_size`: hatching, not stripes) and are not compared."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import Browser, expect

from kpmap import picture as picture_module
from kpmap.filters import visible_cities
from kpmap.i18n import t
from kpmap.mapview import AREA_WEIGHT, SELECTED_AREA_WEIGHT, SELECTED_RING, city_name
from kpmap.model import Dataset
from kpmap.picture import FIGURE_SIZE, LEGEND_LEFT, render
from kpmap.provenance import checked
from kpmap.timeline import changes
from kpmap.urlstate import View, parse_query
from tests.e2e.parity import (
    PictureTexts,
    Shown,
    app_shown,
    differences,
    differing,
    in_fresh_page,
    picture_texts,
    serve_edited,
    site_shown,
    written_in,
)

# The addresses both front ends must show alike: the default view, one programme, a programme in one
# region, Swedish with a city selected, circles, no programme at all, one region, and English with Salo
# (a city in two programmes) selected.
ADDRESSES = [
    pytest.param("", id="default"),
    pytest.param("?programme=c6", id="c6"),
    pytest.param("?programme=east&region=Etelä-Karjala", id="east-in-etela-karjala"),
    pytest.param("?lang=sv&city=091", id="sv-helsinki"),
    pytest.param("?show=circles", id="circles"),
    pytest.param("?programme=none", id="no-programme"),
    pytest.param("?region=Pirkanmaa", id="pirkanmaa"),
    pytest.param("?lang=en&city=734", id="en-salo"),
]

Reader = Callable[[str, str], Shown]


@pytest.fixture(scope="module")
def shown(browser: Browser, app_url: str, site_url: str) -> Reader:
    """shown(front end, query): what "app" or "site" shows at that address; each page read once per module."""
    seen: dict[tuple[str, str], Shown] = {}

    def read(front: str, query: str) -> Shown:
        if (front, query) not in seen:
            if front == "app":
                seen[front, query] = in_fresh_page(browser, app_shown, app_url, query)
            else:
                seen[front, query] = in_fresh_page(browser, site_shown, site_url, query)
        return seen[front, query]

    return read


def view_of(dataset: Dataset, query: str) -> View:
    """The address read as the app reads it."""
    return parse_query(parse_qs(query.removeprefix("?")), dataset)


def expected_cities(dataset: Dataset, query: str) -> frozenset[str]:
    return frozenset(visible_cities(dataset, view_of(dataset, query).selection).index)


# Where the picture's legend column starts, in the SVG's points.
LEGEND_X = LEGEND_LEFT * FIGURE_SIZE[0] * 72


def draw_picture(dataset: Dataset, query: str) -> PictureTexts:
    """The address's picture as SVG, drawn as `python -m kpmap map` draws it (kpmap.picture.render), read as texts."""
    view = view_of(dataset, query)
    return picture_texts(render(dataset, view.selection, view.lang, view.show, "svg"), LEGEND_X)


@pytest.fixture(scope="module")
def picture(dataset: Dataset) -> Callable[[str], PictureTexts]:
    """picture(query): the texts of the address's picture; each drawn once per module."""
    drawn: dict[str, PictureTexts] = {}

    def draw(query: str) -> PictureTexts:
        if query not in drawn:
            drawn[query] = draw_picture(dataset, query)
        return drawn[query]

    return draw


@pytest.mark.parametrize("query", ADDRESSES)
def test_the_addresses_mean_what_they_say(dataset, query):
    """Every address of the table is read without an ignored value (a typo would silently show the default)."""
    assert parse_query(parse_qs(query.removeprefix("?")), dataset).ignored == ()


@pytest.mark.parametrize("query", ADDRESSES)
def test_app_and_site_show_the_same(shown, query):
    """The app and the site show the same cities drawn alike, key figures, legend lines and notes, and city details."""
    app, site = shown("app", query), shown("site", query)
    assert app == site, "the app and the site differ:\n" + differences(app, site)


@pytest.mark.parametrize("front", ["app", "site"])
@pytest.mark.parametrize("query", ADDRESSES)
def test_the_drawn_cities_are_the_visible_cities(shown, dataset, front, query):
    """Each front end draws exactly kpmap.filters.visible_cities of the address's selection."""
    drawn, expected = shown(front, query).cities, expected_cities(dataset, query)
    assert drawn == expected, f"only drawn: {sorted(drawn - expected)}; not drawn: {sorted(expected - drawn)}"


@pytest.mark.parametrize("front", ["app", "site"])
def test_salo_in_two_programmes_is_striped_and_selected(shown, front):
    """Selected Salo (734, in the growth and regional programmes) is filled with their stripes, outlined in black, wider."""
    salo = shown(front, "?lang=en&city=734").look_of("734")
    assert salo["fill"] == "url(#kpmap-stripes-growth-regional)", salo
    assert (salo["stroke"], float(salo["stroke-width"])) == (SELECTED_RING, SELECTED_AREA_WEIGHT), salo
    assert SELECTED_AREA_WEIGHT > AREA_WEIGHT


def legend_lines_not_in_picture(app: Shown, dataset: Dataset, query: str, drawn: PictureTexts) -> list[str]:
    """The app's legend lines of the address's ticked programmes that the picture's legend does not have."""
    view = view_of(dataset, query)
    assert len(app.legend) == len(dataset.programmes), app.legend
    lines = zip(dataset.programmes, app.legend, strict=True)
    ticked = [(p, line) for p, line in lines if p.id in view.selection.programmes]
    assert all(line.startswith(p.short_name[view.lang] + " ") for p, line in ticked), ticked
    return [line for _, line in ticked if not written_in(line, drawn.legend)]


def city_name_not_in_picture(app: Shown, dataset: Dataset, query: str, drawn: PictureTexts) -> list[str]:
    """The selected city's name as the app's details heading shows it, if the picture has no such text."""
    view = view_of(dataset, query)
    assert view.selection.city is not None, f"{query} selects no city"
    assert app.details[0] == t("details", view.lang), app.details
    name = app.details[1]
    assert name == city_name(dataset.records[view.selection.city], view.lang), app.details
    return [] if name in drawn.texts else [name]


CITY_ADDRESSES = [address for address in ADDRESSES if "city=" in address.values[0]]


@pytest.mark.parametrize("query", ADDRESSES)
def test_the_picture_has_the_apps_legend_lines(shown, dataset, picture, query):
    """Each ticked programme's app legend line (name, cities · inhabitants) is in the picture's legend (which leaves unticked ones out by design)."""
    drawn = picture(query)
    missing = legend_lines_not_in_picture(shown("app", query), dataset, query, drawn)
    assert not missing, f"not in the picture's legend: {missing}; its legend:\n" + "\n".join(drawn.legend)


@pytest.mark.parametrize("query", CITY_ADDRESSES)
def test_the_picture_names_the_selected_city_as_the_app_does(shown, dataset, picture, query):
    """The selected city's name, as the app's details heading shows it, is a text of the picture."""
    drawn = picture(query)
    missing = city_name_not_in_picture(shown("app", query), dataset, query, drawn)
    assert not missing, f"not in the picture: {missing}; its texts: {drawn.texts}"


def _drawn_at(other: str) -> Callable[[pytest.MonkeyPatch], str | None]:
    """The picture drawn for another address (a changed selection)."""
    return lambda monkeypatch: other


def _picture_text_changed(name: str, changed: Callable[..., Any]) -> Callable[[pytest.MonkeyPatch], str | None]:
    """The picture drawn with kpmap.picture's `name` (a text function) changed: changed(original)."""

    def change(monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(picture_module, name, changed(getattr(picture_module, name)))

    return change


def _count_changed(tn: Callable[..., str]) -> Callable[..., str]:
    return lambda key, n, lang: tn(key, n, lang) + (" (muutettu)" if key == "n_inhabitants" else "")


def _name_changed(name: Callable[..., str]) -> Callable[..., str]:
    return lambda row, lang: name(row, lang) + " (ändrad)"


# One change in the picture alone, the address it is compared at, and the check that must catch it.
PICTURE_CHANGES = [
    pytest.param("?region=Pirkanmaa", _drawn_at(""), legend_lines_not_in_picture, id="legend-other-region"),
    pytest.param("", _picture_text_changed("tn", _count_changed), legend_lines_not_in_picture, id="legend-count-text"),
    pytest.param("?lang=en&city=734", _drawn_at("?lang=en&city=091"), city_name_not_in_picture, id="other-city"),
    pytest.param("?lang=sv&city=091", _picture_text_changed("city_name", _name_changed), city_name_not_in_picture,
                 id="city-name-text"),
]  # fmt: skip


@pytest.mark.parametrize(("query", "change", "check"), PICTURE_CHANGES)
def test_a_change_in_the_picture_alone_is_caught(shown, dataset, picture, monkeypatch, query, change, check):
    """A picture drawn for another address, or with a text of its own changed, fails the check its address passes."""
    app, original = shown("app", query), picture(query)  # the original drawn before any change
    assert check(app, dataset, query, original) == []
    drawn_at = change(monkeypatch)  # another address, or None: this one
    changed = draw_picture(dataset, query if drawn_at is None else drawn_at)
    assert changed != original, "the change did not reach the picture's texts"
    assert check(app, dataset, query, changed) != []


def _changed_text(key: str) -> Callable[[dict[str, Any]], None]:
    def edit(blocks: dict[str, Any]) -> None:
        blocks["kpmap-texts"]["strings"]["fi"][key] += " (muutettu)"

    return edit


def _changed_count(key: str) -> Callable[[dict[str, Any]], None]:
    def edit(blocks: dict[str, Any]) -> None:
        blocks["kpmap-texts"]["counted"][key]["fi"]["other"] += " (muutettu)"

    return edit


def _city_left_out(kuntanumero: str) -> Callable[[dict[str, Any]], None]:
    def edit(blocks: dict[str, Any]) -> None:
        for city in blocks["kpmap-data"]["cities"]:
            if city["id"] == kuntanumero:
                city["programmes"] = []

    return edit


def _changed_drawing(*path: str, value: object) -> Callable[[dict[str, Any]], None]:
    """The site's drawing rule at path (in its config's `drawing`, kpmap.mapview.drawing_rules) set to value."""

    def edit(blocks: dict[str, Any]) -> None:
        rules = blocks["kpmap-config"]["drawing"]
        for key in path[:-1]:
            rules = rules[key]
        assert path[-1] in rules, f"no drawing rule {path}"
        rules[path[-1]] = value

    return edit


# One change on the site alone, the address where it shows, and the field of `Shown` it must change.
SITE_ONLY_CHANGES = [
    pytest.param(_changed_count("n_cities"), "", "legend", id="legend-line-count-text"),
    pytest.param(_changed_text("legend_size"), "?show=circles", "legend_notes", id="legend-note-text"),
    pytest.param(_changed_text("figure_cities"), "", "figures", id="figure-label"),
    pytest.param(_city_left_out("091"), "", "cities", id="drawn-city"),
    pytest.param(_changed_drawing("areaWeight", value=2), "", "looks", id="area-outline-width"),
    pytest.param(_changed_drawing("shape", "fillOpacity", value=0.5), "?show=circles", "looks", id="fill-opacity"),
    pytest.param(_changed_drawing("stripesPrefix", value="kpmap-stripe-"), "?lang=en&city=734", "looks", id="stripes"),
]


@pytest.mark.parametrize(("edit", "query", "field"), SITE_ONLY_CHANGES)
def test_a_change_on_the_site_alone_is_caught(browser, site_url, shown, edit, query, field):
    """A site whose texts or data were changed on their own (its index.html edited on the way to the
    browser) is read as changed in that field, and compared with the app it differs there."""
    changed = in_fresh_page(browser, site_shown, site_url, query, prepare=lambda page: serve_edited(page, edit))
    original, app = shown("site", query), shown("app", query)
    assert field in differing(original, changed), "the edit did not reach what the reader sees"
    if field != "cities":
        assert differing(original, changed) == {field}, differences(original, changed, ("site", "changed site"))
    assert getattr(app, field) != getattr(changed, field)
    assert field in differences(app, changed)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_history_is_told_alike_on_the_data_page_and_the_site(browser: Browser, app_url, site_url, dataset, lang):
    """What changed: the same lines, in the same order, on the app's Data page and on the site, and the site's
    timeline image is its language's chart; both say when the data was last checked."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        app, site = context.new_page(), context.new_page()
        app.goto(f"{app_url}/data?lang={lang}")
        site.goto(f"{site_url}?lang={lang}")
        for page, items in ((app, "ol.kpmap-changes li"), (site, "#kpmap-changes li")):
            expect(page.locator(items)).to_have_count(len(dataset.history), timeout=60_000)
        # Each line's words, without the decorative colour marks (aria-hidden), whitespace folded.
        read = """els => els.map((e) => {
            const line = e.cloneNode(true);
            line.querySelectorAll('[aria-hidden]').forEach((mark) => mark.remove());
            return line.textContent.replace(/\\s+/g, ' ').trim();
        })"""
        app_lines = app.locator("ol.kpmap-changes li").evaluate_all(read)
        assert app_lines == site.locator("#kpmap-changes li").evaluate_all(read)
        assert app_lines[0].startswith(changes(dataset, lang)[0].when)
        chart = site.locator("#kpmap-timeline img")
        expect(chart).to_have_attribute("src", f"assets/timeline-{lang}.svg")
        chart.scroll_into_view_if_needed()
        site.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=chart.element_handle())
        expect(site.locator("#kpmap-checked")).to_have_text(checked(dataset, lang))
        expect(app.get_by_test_id("stSidebar").get_by_text(checked(dataset, lang))).to_be_visible()
    finally:
        context.close()
