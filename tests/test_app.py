"""Every page run headless with AppTest: widgets, panels, figures, the address, and bad data."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kpmap import load_dataset
from kpmap.filters import Selection, visible_cities
from kpmap.i18n import date, t
from kpmap.provenance import checked
from kpmap.timeline import changes, timeline_svg

NAVIGATION = str(Path(__file__).resolve().parents[1] / "navigation.py")
PAGES = ["views/map.py", "views/programmes.py", "views/data.py"]


def open_app(query: dict[str, str | list[str]] | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(NAVIGATION, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(page)
    # The first run draws what is above the fold; the rest comes with the next run, which in a
    # browser the map starts as soon as it has been drawn.
    at.run()
    assert not at.exception, at.exception
    return at


def figures(at: AppTest) -> list[str]:
    """The key figures above the map as shown: cities, population, ticked programmes."""
    block = re.search(r"<dl class='kpmap-figures'>(.*?)</dl>", html(at))
    return re.findall(r"<dd>(.*?)(?:<small>.*?</small>)?</dd>", block.group(1)) if block else []


def share_of_finland(at: AppTest) -> str:
    """The share of Finland's population shown under the total."""
    found = re.search(r"<dd>[^<]*<small>(.*?)</small></dd>", html(at))
    return found.group(1) if found else ""


def param(at: AppTest, key: str) -> list[str]:
    """A query parameter's values as a list (AppTest gives a lone value as a string)."""
    value = at.query_params[key]
    return value if isinstance(value, list) else [value]


def html(at: AppTest) -> str:
    return "\n".join(element.proto.body for element in at.get("html"))


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_in_every_language(page, lang):
    """Each page renders without an exception in Finnish, Swedish and English."""
    at = open_app({"lang": lang}, page)
    titles = {
        "fi": ("Kaupunkipolitiikan", "Ohjelmat", "Aineisto"),
        "sv": ("Stadspolitikens", "Programmen", "Data"),
        "en": ("Urban-policy", "Programmes", "Data"),
    }
    assert at.title[0].value.startswith(titles[lang][PAGES.index(page)])


def test_map_page_starts_with_every_city_and_programme():
    """First view: all five programmes ticked, 70 cities, 4,018,471 people."""
    at = open_app()
    assert [c.value for c in at.checkbox] == [True] * 5
    assert figures(at) == ["70", "4\u202f018\u202f471", "5 / 5"]
    assert share_of_finland(at) == "71,1\u00a0% Suomen asukkaista"
    assert html(at).count("<tr><th scope='row'>") == 70


def test_checkboxes_are_labelled_with_programme_names():
    """One checkbox per programme, labelled with the programme's name in the interface language."""
    assert [c.label for c in open_app({"lang": "en"}).checkbox] == [
        "Alliance partnership between the six largest cities and the central government",
        "Vitality partnership",
        "Partnership with medium-sized growth cities",
        "Partnership between the central government and the cities of Joensuu, Lappeenranta and Imatra",
        "Cooperation with regional cities (regional cities programme)",
    ]


def test_unticking_growth_leaves_58_cities_and_updates_the_address():
    """Unticking the growth partnership removes its 12 cities in no other programme."""
    at = open_app()
    at.checkbox(key="w_programme_growth").uncheck().run()
    assert figures(at)[0] == "58"
    assert param(at, "programme") == ["c6", "vitality", "east", "regional"]
    assert "13 kaupunkia" not in html(at) and "ei valittu" in html(at)


def test_region_filter_keeps_the_regions_cities():
    """Choosing Uusimaa leaves its eight cities."""
    at = open_app()
    at.selectbox(key="w_region").select("Uusimaa").run()
    assert figures(at)[0] == "8"
    assert param(at, "region") == ["Uusimaa"]


def test_city_search_selects_the_city_and_shows_details():
    """Finding Kotka shows its Finnish and Swedish names, region, population and source."""
    at = open_app()
    at.selectbox(key="w_city").select("285").run()
    details = html(at)
    for expected in (
        "Kotka",
        "Kymenlaakso",
        "50\u202f029",
        "31.12.2025",
        "Statistics Finland",
        "Keskisuurten kasvukaupunkien kumppanuus",
    ):
        assert expected in details
    assert param(at, "city") == ["285"]


def test_reset_brings_back_the_first_view():
    """Reset ticks every programme and clears region and city."""
    at = open_app({"programme": "c6", "region": "Uusimaa", "city": "091"})
    assert figures(at)[0] == "3"
    at.button(key="reset").click().run()
    assert figures(at)[0] == "70"
    assert dict(at.query_params) == {}


@pytest.mark.parametrize(
    ("query", "cities"),
    [({"programme": "c6"}, "6"), ({"programme": ["c6", "east"]}, "9"), ({"programme": "none"}, "0")],
)
def test_links_restore_the_programme_filter(query, cities):
    """?programme=... ticks exactly those programmes."""
    assert figures(open_app(query))[0] == cities


def test_swedish_link_to_a_city_shows_helsingfors():
    """?lang=sv&city=091 opens the Swedish interface on Helsinki's details."""
    at = open_app({"lang": "sv", "city": "091"})
    assert "Helsingfors (Helsinki)" in html(at)
    assert at.checkbox[0].label == "Strategiskt allianspartnerskap mellan de sex största städerna och staten"


@pytest.mark.parametrize(
    "query",
    [
        {"lang": "xx"},
        {"programme": "<script>alert(1)</script>"},
        {"city": "9" * 10_000},
        {"region": "\ufffd\ufffd"},
        {"programme": ["c6", "c6", "bogus"], "city": "[object Object]"},
    ],
)
def test_hostile_links_leave_a_working_map_with_a_notice(query):
    """Unknown or malformed values are ignored with a notice; the map page still works."""
    at = open_app(query)
    assert at.warning, "a notice is shown"
    assert all("<script" not in w.value for w in at.warning)
    assert int(figures(at)[0]) > 0


def test_regional_programme_says_its_list_is_partial():
    """The regional programme's panel says 46 of 57 and that Kuntaliitto keeps the list."""
    at = open_app()
    note = re.search(r"<p class='kpmap-note' role='note'>(.*?)</p>", html(at))
    assert note is not None
    assert "kartalla on 46 kaupunkia" in note.group(1) and "57 kaupunkia" in note.group(1)
    assert "Täydellistä luetteloa pitää Kuntaliitto" in note.group(1) and "kuntaliitto.fi" in note.group(1)


def test_programmes_page_compares_all_five():
    """The programmes page shows five panels with members and population covered."""
    at = open_app(page="views/programmes.py")
    counts = re.findall(r"<strong>Kaupunkeja:</strong> (\d+)", html(at))
    assert sorted(int(c) for c in counts) == [3, 3, 6, 13, 46]
    table = next(h.proto.body for h in at.get("html") if "<table" in h.proto.body)
    assert table.count("<tr><th scope='row'>") == 5
    assert "Kajaani" in html(at)


def test_data_page_shows_tables_sources_and_the_validate_command():
    """The data page lists cities and memberships, sources and licences, and how to check data."""
    at = open_app(page="views/data.py")
    frames = at.dataframe
    assert [len(f.value) for f in frames] == [70, 71]
    assert "python -m kpmap validate" in at.code[0].value
    assert "GeoNames, licence CC BY 4.0" in html(at) or "GeoNames, lisenssi CC BY 4.0" in html(at)


@pytest.mark.parametrize("page", PAGES)
def test_broken_data_is_explained_on_every_page(page, data_copy, monkeypatch):
    """Data that breaks while a page is open: that page shows the problem and no map."""
    monkeypatch.setenv("KPMAP_DATA_DIR", str(data_copy.path))
    at = open_app(page=page)
    data_copy.replace_in("programmes.toml", '"#D55E00"', '"red"')
    at.run()
    assert not at.exception
    assert at.error[0].value.startswith("Aineistossa on virheitä")
    assert "programmes.toml:programme 2: colour: must be a colour as #RRGGBB, got 'red'" in at.code[0].value
    assert not figures(at) and not at.checkbox and not at.dataframe


def test_broken_data_at_start_shows_the_problem(data_copy, monkeypatch):
    """Opening the app on bad data shows the problems in the address's language."""
    data_copy.replace_in("partnerships.csv", "c6,091,", "c6,999,")
    monkeypatch.setenv("KPMAP_DATA_DIR", str(data_copy.path))
    at = open_app({"lang": "en"})
    assert at.error[0].value.startswith("The data has errors")
    assert "partnerships.csv:2: kuntanumero: is not a city in cities.geojson, got '999'" in at.code[0].value
    assert not figures(at)


def test_first_run_draws_the_map_and_the_next_run_the_rest():
    """A session's first run sends the title and the map only; figures, filters, table and panels follow."""
    at = AppTest.from_file(NAVIGATION, default_timeout=60)
    at.run()
    assert at.title[0].value == "Kaupunkipolitiikan kumppanuudet"
    assert not figures(at) and not at.checkbox and "<table" not in html(at)
    assert not at.selectbox  # not even the language switch: it would render while the map loads
    at.run()
    assert figures(at)[0] == "70" and len(at.checkbox) == 5
    assert html(at).count("<tr><th scope='row'>") == 70
    assert "w_lang" in [box.key for box in at.selectbox]


@pytest.mark.parametrize("page", PAGES[1:])
def test_other_pages_have_the_language_switch_from_the_first_run(page):
    """Only the map page has a second run to wait for; the other pages draw everything at once."""
    at = AppTest.from_file(NAVIGATION, default_timeout=60)
    at.switch_page(page)
    at.run()
    assert [box.key for box in at.selectbox] == ["w_lang"]


@pytest.mark.parametrize(
    ("lang", "one_city", "share"),
    [
        ("fi", "Kartalla on 1 kaupunki.", "Suomen asukkaista"),
        ("sv", "Kartan visar 1 stad;", "av Finlands invånare"),
        ("en", "The map shows 1 city;", "of Finland&#x27;s population"),
    ],
)
def test_one_region_with_one_city_reads_in_the_singular(lang, one_city, share):
    """?region=Kainuu (Kajaani alone) says one city in the singular, and the share of Finland beside the total."""
    at = open_app({"region": "Kainuu", "lang": lang})
    assert figures(at)[0] == "1"
    assert one_city in html(at)
    assert "1 kaupunkia" not in html(at) and "1 städer" not in html(at) and "1 cities" not in html(at)
    assert share in share_of_finland(at)


def test_programmes_page_shows_each_programmes_share_of_finland():
    """Each programme's population comes with its share of Finland's, and the table says of what whole."""
    at = open_app(page="views/programmes.py")
    table = next(h.proto.body for h in at.get("html") if "<table" in h.proto.body)
    shares = re.findall(r"<small>(\d+,\d)\u00a0%</small>", table)
    assert len(shares) == 5 and "C6" not in shares
    assert "5\u202f652\u202f881" in table and "31.12.2025" in table


def map_args(at: AppTest) -> dict[str, object]:
    """What the page handed st_folium: the map's script, the layer the filters change, and the rest."""
    component = next(c for c in at.get("component_instance") if c.proto.component_name.endswith("st_folium"))
    args: dict[str, object] = json.loads(component.proto.json_args)
    return args


@pytest.mark.parametrize(
    ("lang", "label", "options"),
    [
        ("fi", "Kartalla", ["Kuntien alueet", "Väkilukupallot"]),
        ("sv", "På kartan", ["Kommunernas områden", "Befolkningscirklar"]),
        ("en", "On the map", ["Municipal areas", "Population circles"]),
    ],
)
def test_map_drawing_switch_is_in_the_sidebar_in_every_language(lang, label, options):
    """The switch between areas and circles is labelled in the interface language; areas first."""
    at = open_app({"lang": lang})
    switch = at.sidebar.radio(key="w_show")
    assert (switch.label, switch.options, switch.value) == (label, options, "areas")


def shape_types(arguments: dict[str, object]) -> set[str]:
    """The kinds of geometry in the map's city layer: a circle is drawn from a Point, and a member
    area's shape ("null" here) is taken from the base layers the map's frame already holds."""
    return set(re.findall(r'"geometry": ?(?:\{"type": ?")?(\w+)', str(arguments["feature_group"])))


def test_switching_to_circles_draws_circles_and_writes_the_address():
    """Circles: the layer holds points (drawn as circles), the legend explains circles, the address says
    show=circles; back to areas, the address is plain again. The map's own script never changes."""
    at = open_app()
    areas = map_args(at)
    assert shape_types(areas) == {"null"}
    assert "show" not in at.query_params
    assert t("legend_areas", "fi") in html(at)
    at.radio(key="w_show").set_value("circles").run()
    circles = map_args(at)
    assert shape_types(circles) == {"Point"}
    assert param(at, "show") == ["circles"]
    assert t("legend_size", "fi") in html(at) and t("legend_areas", "fi") not in html(at)
    at.radio(key="w_show").set_value("areas").run()
    assert "show" not in at.query_params
    assert areas["script"] == circles["script"] == map_args(at)["script"]


def test_the_first_layer_brings_its_shapes_and_later_ones_only_numbers():
    """A session's first run sends the member areas with their shapes (the map's first picture waits
    for nothing); the runs after it send only the cities' numbers, the shapes being in the frame."""
    at = AppTest.from_file(NAVIGATION, default_timeout=60)
    at.run()
    first = shape_types(map_args(at))
    at.run()
    assert "Polygon" in first and first <= {"Polygon", "MultiPolygon"}
    assert shape_types(map_args(at)) == {"null"}


def test_a_circles_link_opens_on_circles():
    """?show=circles ticks the circles option and draws circles."""
    at = open_app({"show": "circles"})
    assert at.radio(key="w_show").value == "circles"
    assert shape_types(map_args(at)) == {"Point"}


def test_filter_change_sends_only_the_member_shapes():
    """A filter change keeps the map's script and changes only the layer, which holds exactly the
    visible cities; the base map's borders are not in the map's script (they come from the app's route)."""
    at = open_app()
    before = map_args(at)
    at.checkbox(key="w_programme_growth").uncheck().run()
    after = map_args(at)
    assert after["script"] == before["script"]
    assert "/kpmap-base/" in str(after["script"]) and "Polygon" not in str(after["script"])
    data = load_dataset()
    shown = visible_cities(data, Selection(frozenset(data.by_id) - {"growth"}))
    drawn = re.findall(r'"id": ?"(\d{3})"', str(after["feature_group"]))
    assert sorted(drawn) == sorted(shown.index)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_data_page_shows_the_timeline_and_what_changed_from_the_data(lang):
    """The data page draws the partnerships' timeline and lists every dated event of the data, newest first."""
    dataset = load_dataset()
    at = open_app({"lang": lang}, "views/data.py")
    shown = html(at)
    chart = re.search(r"<img class='kpmap-timeline' src='data:image/svg\+xml;base64,([^']+)'", shown)
    assert chart and base64.b64decode(chart.group(1)).decode() == timeline_svg(dataset, lang)
    listed = re.findall(r"<li><time>(.*?)</time>", shown)
    assert listed == [change.when for change in changes(dataset, lang)]
    assert len(listed) == len(dataset.history) > 0
    assert t("changes_heading", lang) in [header.value for header in at.subheader]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_says_when_the_data_was_last_checked(page):
    """Each page's sidebar says the date the data was last checked against its sources, from the data."""
    dataset = load_dataset()
    at = open_app({"lang": "en"}, page)
    captions = [caption.value for caption in at.sidebar.caption]
    assert checked(dataset, "en") in captions
    assert date(dataset.checked, "en") in checked(dataset, "en")
