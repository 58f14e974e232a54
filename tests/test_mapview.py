"""The map builder: base map assets, layer contents, colours, sizes, tooltips, click payloads."""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import replace

import folium
import pytest
import streamlit_folium
from shapely.geometry import mapping
from streamlit_folium import _get_feature_group_string, _get_map_string, generate_js_hash

from kpmap import load_dataset, mapview
from kpmap.filters import Selection, visible_cities
from kpmap.mapview import (
    BASE_ROUTE,
    CITY_ZOOM,
    DEFAULT_TILES,
    LEAFLET_ROUTE,
    MAX_RADIUS,
    MIN_RADIUS,
    NO_TILES,
    SEA,
    SELECTED_RING,
    SHAPE_STYLE,
    SHARED_AREAS,
    SINGLE_RING,
    LocalLeafletMap,
    Tiles,
    base_layers,
    base_map,
    city_features,
    city_layer,
    clicked_city,
    finland_bounds,
    marker_radius,
    stripes_id,
    tiles_from_setting,
    view_for,
)
from kpmap.urlstate import SHOW_MODES


def features_by_id(dataset, selection, lang="fi", show="circles"):
    visible = visible_cities(dataset, selection)
    features = city_features(dataset, visible, selection, lang, show)["features"]
    return {f["properties"]["kuntanumero"]: f for f in features}


def test_base_map_loads_only_self_hosted_leaflet():
    """The page asks no CDN: Leaflet comes from the app's own route, nothing else is loaded."""
    page = base_map(NO_TILES).get_root().render()
    assert f'src="{LEAFLET_ROUTE}/leaflet.js"' in page
    assert f'href="{LEAFLET_ROUTE}/leaflet.css"' in page
    for foreign in ("cdn.jsdelivr", "code.jquery", "bootstrap", "font-awesome", "cdnjs", "unpkg"):
        assert foreign not in page


@pytest.mark.parametrize(
    ("setting", "attribution", "expected"),
    [
        (None, None, DEFAULT_TILES),
        ("", None, DEFAULT_TILES),
        ("none", None, NO_TILES),
        (" NONE ", None, NO_TILES),
        (
            "https://tiles.example/{z}/{x}/{y}.png",
            "© Example",
            Tiles("https://tiles.example/{z}/{x}/{y}.png", "© Example"),
        ),
        (
            "https://tiles.example/{z}/{x}/{y}.png",
            None,
            Tiles("https://tiles.example/{z}/{x}/{y}.png", "Tiles: tiles.example"),
        ),
    ],
)
def test_tiles_setting(setting, attribution, expected):
    """KPMAP_TILES: unset is the light default, 'none' is no basemap, anything else a URL template."""
    assert tiles_from_setting(setting, attribution) == expected


def test_map_opens_on_all_of_finland(dataset):
    """The map fits Finland's outline on load, the far north of Lapland and Åland included, at any width."""
    (south, west), (north, east) = finland_bounds(dataset)
    outline = dataset.areas.outline.total_bounds
    assert (west, south, east, north) == tuple(outline)
    assert north > 70.0 and south < 60.0 and west < 20.0 and east > 31.5
    page = base_map(NO_TILES, finland_bounds(dataset)).get_root().render()
    assert "fitBounds" in page and str(north) in page


def test_map_has_a_button_back_to_all_of_finland(dataset):
    """The base map adds the "All of Finland" button; the city layer gives it its text in the page's language."""
    page = base_map(NO_TILES, finland_bounds(dataset)).get_root().render()
    assert "kpmap-whole-finland" in page and "L.Control.extend" in page
    for lang, text in (("fi", "Koko Suomi"), ("sv", "Hela Finland"), ("en", "All of Finland")):
        fmap = base_map(NO_TILES, finland_bounds(dataset))
        city_layer(dataset, visible_cities(dataset, Selection.everything(dataset)), Selection.everything(dataset), lang).add_to(fmap)
        assert f'"text":"{text}"' in fmap.get_root().render()


def test_no_tiles_means_no_tile_layer():
    """With no basemap, the map has no tile layer at all."""
    assert "tileLayer" not in base_map(NO_TILES).get_root().render()
    assert "basemaps.cartocdn.com" in base_map(DEFAULT_TILES).get_root().render()


def test_map_does_not_take_focus_on_click():
    """Leaflet's keyboard handler is off: its focus on mousedown scrolls the page and loses the click."""
    assert '"keyboard": false' in base_map(NO_TILES).get_root().render()


def test_tile_attribution_is_escaped():
    """An attribution from the environment is shown as text."""
    page = base_map(Tiles("https://t.example/{z}/{x}/{y}.png", "<img src=x onerror=alert(1)>")).get_root().render()
    assert "<img src=x" not in page


@pytest.mark.parametrize(
    ("population", "expected"), [(694392, MAX_RADIUS), (694392 / 4, MAX_RADIUS / 2), (100, MIN_RADIUS)]
)
def test_marker_area_is_proportional_to_population(population, expected):
    """Radius grows with the square root of population (area with population), never below the minimum."""
    assert marker_radius(int(population), 694392) == pytest.approx(expected, rel=1e-3)


def test_marker_areas_keep_their_ratio_above_the_minimum(dataset):
    """Helsinki's circle has 694392/252956 times the area of Vantaa's."""
    features = features_by_id(dataset, Selection.everything(dataset))
    helsinki, vantaa = (features[k]["properties"]["style"]["radius"] for k in ("091", "092"))
    assert (helsinki / vantaa) ** 2 == pytest.approx(694392 / 252956, rel=1e-3)
    assert math.isclose(helsinki, MAX_RADIUS)


def test_layer_holds_one_feature_per_visible_city(dataset):
    """The layer has exactly the visible cities."""
    selection = Selection(frozenset({"c6", "east"}))
    assert set(features_by_id(dataset, selection)) == {"091", "049", "837", "092", "564", "853", "167", "405", "153"}


def test_marker_fill_is_the_programme_colour(dataset):
    """Each circle is filled with its programme's colour from programmes.toml, with a white edge."""
    features = features_by_id(dataset, Selection.everything(dataset))
    for kuntanumero, programme_id in (
        ("091", "c6"),
        ("179", "vitality"),
        ("609", "growth"),
        ("167", "east"),
        ("430", "regional"),
    ):
        style = features[kuntanumero]["properties"]["style"]
        assert style["fillColor"] == dataset.by_id[programme_id].colour
        assert style["color"] == SINGLE_RING


def test_city_in_two_programmes_gets_a_ring_in_the_second_colour(dataset):
    """Salo: growth fill, regional ring; with regional unticked, a plain growth circle."""
    salo = features_by_id(dataset, Selection.everything(dataset))["734"]["properties"]["style"]
    assert (salo["fillColor"], salo["color"]) == (dataset.by_id["growth"].colour, dataset.by_id["regional"].colour)
    alone = features_by_id(dataset, Selection(frozenset({"growth"})))["734"]["properties"]["style"]
    assert (alone["fillColor"], alone["color"]) == (dataset.by_id["growth"].colour, SINGLE_RING)
    only_regional = features_by_id(dataset, Selection(frozenset({"regional"})))["734"]["properties"]["style"]
    assert only_regional["fillColor"] == dataset.by_id["regional"].colour


def test_selected_city_is_outlined(dataset):
    """The selected city has a dark outline; the others do not."""
    features = features_by_id(dataset, Selection(frozenset(dataset.by_id), city="564"))
    assert features["564"]["properties"]["style"]["color"] == SELECTED_RING
    assert features["091"]["properties"]["style"]["color"] != SELECTED_RING


@pytest.mark.parametrize(
    ("lang", "kuntanumero", "words"),
    [
        ("fi", "091", ["Helsinki", "Kuutoskaupunkien allianssi (C6)"]),
        ("sv", "091", ["Helsingfors (Helsinki)", "De sex största städernas allians (C6)"]),
        ("sv", "179", ["Jyväskylä</strong>"]),
        ("en", "734", ["Salo", "Medium-sized growth cities", "Regional cities"]),
    ],
)
def test_tooltip_names_the_city_and_its_programmes(dataset, lang, kuntanumero, words):
    """The tooltip carries the name (Swedish first in Swedish) and programme names, not colour alone."""
    tooltip = features_by_id(dataset, Selection.everything(dataset), lang)[kuntanumero]["properties"]["tooltip"]
    for word in words:
        assert word in tooltip


def test_tooltip_escapes_markup(dataset):
    """A city name with markup reaches the tooltip escaped."""
    cities = dataset.cities.copy()
    cities.loc["564", "name_fi"] = "<img src=x onerror=alert(1)>"
    hostile = type(dataset)(
        cities=cities,
        memberships=dataset.memberships,
        programmes=dataset.programmes,
        areas=dataset.areas,
        finland=dataset.finland,
    )
    tooltip = features_by_id(hostile, Selection.everything(hostile))["564"]["properties"]["tooltip"]
    assert "<img" not in tooltip
    assert "&lt;img src=x onerror=alert(1)&gt;" in tooltip


def test_city_layer_is_a_feature_group_with_one_layer_of_shapes(dataset):
    """What the filters change is one FeatureGroup of one layer of shapes, with the map's texts; no shapes
    when nothing is visible."""
    for show in SHOW_MODES:
        layer = city_layer(
            dataset, visible_cities(dataset, Selection.everything(dataset)), Selection.everything(dataset), "fi", show
        )
        assert isinstance(layer, folium.FeatureGroup)
        assert [type(child).__name__ for child in layer._children.values()] == ["MapTexts", "CityShapes"]
        empty = city_layer(dataset, visible_cities(dataset, Selection(frozenset())), Selection(frozenset()), "fi", show)
        assert [type(child).__name__ for child in empty._children.values()] == ["MapTexts"]


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"last_active_drawing": {"type": "Feature", "properties": {"kuntanumero": "091", "tooltip": "x"}}}, "091"),
        ({"last_active_drawing": {"properties": {"kuntanumero": "999"}}}, None),
        ({"last_active_drawing": {"properties": {"kuntanumero": 91}}}, None),
        ({"last_active_drawing": {"properties": None}}, None),
        ({"last_active_drawing": None, "last_object_clicked_count": 0}, None),
        ({"last_active_drawing": "091"}, None),
        ({}, None),
        (None, None),
    ],
)
def test_click_payload_gives_the_clicked_city(dataset, payload, expected):
    """st_folium's value -> the clicked city's number, only if it is a known city."""
    assert clicked_city(payload, dataset.cities.index) == expected


def test_view_centres_on_the_selected_city(dataset):
    """A selected city centres the map on it, closer in; no city shows the whole country."""
    assert view_for(dataset, Selection.everything(dataset)) == (None, None)
    centre, zoom = view_for(dataset, Selection(frozenset(dataset.by_id), city="564"))
    assert centre == pytest.approx((65.01236, 25.46816))
    assert zoom == CITY_ZOOM


# --- areas: the base map and the member areas ------------------------------------------------------


def single_programme_cities(dataset):
    """(kuntanumero, programme id) of every city in exactly one programme."""
    return [(k, programmes[0]) for k, programmes in dataset.cities["programmes"].items() if len(programmes) == 1]


def two_programme_cities(dataset):
    return {k: programmes for k, programmes in dataset.cities["programmes"].items() if len(programmes) == 2}


def test_base_layers_hold_every_municipality_region_and_the_outline(dataset):
    """The base map's document has each of the 308 areas, 19 regions and the outline, and nothing else."""
    layers = json.loads(base_layers(dataset.areas).body)
    assert {name: len(shapes) for name, shapes in layers.items()} == {
        "municipalities": len(dataset.areas.municipalities),
        "regions": len(dataset.areas.regions),
        "outline": len(dataset.areas.outline),
    }
    assert set(layers["municipalities"]) == set(dataset.areas.municipalities.index)
    shapes = [*layers["municipalities"].values(), *layers["regions"], *layers["outline"]]
    assert {shape["type"] for shape in shapes} <= {"Polygon", "MultiPolygon"}


def test_base_layers_are_the_same_bytes_each_time_and_named_by_them(dataset):
    """Reloaded areas give the same bytes and address; other areas give another address."""
    again = load_dataset().areas
    first, second = base_layers(dataset.areas), base_layers(again)
    assert first.body == second.body and first.url == second.url
    assert first.url.startswith(f"{BASE_ROUTE}/") and first.url.endswith(".json")
    fewer = replace(again, municipalities=again.municipalities.iloc[1:])
    assert base_layers(fewer).url != first.url


def test_base_map_script_does_not_change_between_runs(dataset):
    """Two builds of the base map give st_folium the same script (else it reloads the map's frame)."""
    scripts = set()
    for _ in range(2):
        fmap = base_map(NO_TILES, finland_bounds(dataset), base_layers(dataset.areas), dataset)
        fmap.render()
        scripts.add(generate_js_hash(_get_map_string(fmap), "map"))
    assert len(scripts) == 1


def test_base_map_fetches_its_borders_and_draws_them_inert(dataset):
    """The borders come from the app's route, drawn in their own pane, not clickable, with no
    borders in the map's script itself."""
    page = base_map(NO_TILES, None, base_layers(dataset.areas), dataset).get_root().render()
    assert f'fetch("{base_layers(dataset.areas).url}")' in page
    assert "interactive: false" in page
    assert "kpmap-base" in page
    assert "Polygon" not in page


def test_areas_are_the_cities_municipalities(dataset):
    """In areas mode each visible city is drawn as its own municipality's area, joined by number."""
    features = features_by_id(dataset, Selection.everything(dataset), show="areas")
    assert set(features) == set(dataset.cities.index)
    for kuntanumero, feature in features.items():
        expected = mapping(dataset.areas.municipalities.geometry[kuntanumero])
        assert feature["geometry"]["type"] == expected["type"]
        assert json.dumps(feature["geometry"]["coordinates"]) == json.dumps(expected["coordinates"])


def test_area_fill_is_the_programme_colour(dataset):
    """A city in one programme has its area filled in that programme's colour."""
    features = features_by_id(dataset, Selection.everything(dataset), show="areas")
    cities = single_programme_cities(dataset)
    assert cities
    for kuntanumero, programme_id in cities:
        assert features[kuntanumero]["properties"]["style"]["fillColor"] == dataset.by_id[programme_id].colour


def test_area_in_two_programmes_is_striped_in_both_colours(dataset):
    """A city in two programmes (Salo) is filled with stripes of both colours; with one of them
    unticked, plainly in the other's; the base map defines the stripes."""
    doubles = two_programme_cities(dataset)
    assert "734" in doubles
    page = base_map(NO_TILES, None, None, dataset).get_root().render()
    defs = json.loads(re.search(r"svg\.innerHTML = (\".*?\");", page).group(1))
    for kuntanumero, (first, second) in doubles.items():
        style = features_by_id(dataset, Selection.everything(dataset), show="areas")[kuntanumero]["properties"]["style"]
        assert style["fillColor"] == f"url(#{stripes_id((first, second))})"
        pattern = re.search(rf'<pattern id="{stripes_id((first, second))}".*?</pattern>', defs)
        assert pattern is not None
        assert dataset.by_id[first].colour in pattern.group(0) and dataset.by_id[second].colour in pattern.group(0)
        alone = features_by_id(dataset, Selection(frozenset({second})), show="areas")[kuntanumero]["properties"][
            "style"
        ]
        assert alone["fillColor"] == dataset.by_id[second].colour


def layer_script(dataset, selection, show, lang="fi"):
    """The city layer's script as st_folium sends it on a filter change."""
    layer = city_layer(dataset, visible_cities(dataset, selection), selection, lang, show)
    return _get_feature_group_string(layer, base_map(NO_TILES))


def layer_data(script):
    """The layer's looks, each city's look and its FeatureCollection, read back from the script."""
    looks = json.loads(re.search(r"var looks = (.*?);\n", script).group(1))
    look_of = json.loads(re.search(r"var lookOf = (.*?);\n", script).group(1))
    collection = json.loads(re.search(r"var collection = (.*?);\n", script).group(1))
    return looks, look_of, collection


@pytest.mark.parametrize("show", SHOW_MODES)
def test_layer_sends_the_features_and_their_looks(dataset, show):
    """The script holds every visible city's feature and its look, as city_features made them, in
    their order. A circle's point travels with it; a member area's shape is taken, by the city's
    number, from the base layers the map's frame has already fetched."""
    selection = Selection(frozenset(dataset.by_id), city="091")
    expected = city_features(dataset, visible_cities(dataset, selection), selection, "sv", show)["features"]
    script = layer_script(dataset, selection, show, "sv")
    looks, look_of, collection = layer_data(script)
    shared = json.loads(base_layers(dataset.areas).body)["municipalities"]
    assert [f["id"] for f in collection["features"]] == [f["id"] for f in expected]
    for sent, made in zip(collection["features"], expected, strict=True):
        style = made["properties"].pop("style")
        geometry = sent["geometry"] if show == "circles" else shared[sent["id"]]
        assert geometry == json.loads(json.dumps(made["geometry"]))
        assert sent["properties"] == made["properties"]
        assert looks[look_of[sent["id"]]] == {**SHAPE_STYLE, **style}
    assert (f"var areas = {SHARED_AREAS};" in script) == (show == "areas")
    assert "Polygon" not in script


def test_a_sessions_first_layer_brings_its_own_shapes(dataset):
    """The first layer of a session is drawn before the base layers come: it carries each member
    area's shape and leaves it in the frame's shared shapes for the layers after it."""
    selection = Selection.everything(dataset)
    layer = city_layer(dataset, visible_cities(dataset, selection), selection, "fi", "areas", send_shapes=True)
    script = _get_feature_group_string(layer, base_map(NO_TILES))
    shared = json.loads(base_layers(dataset.areas).body)["municipalities"]
    collection = layer_data(script)[2]
    assert len(collection["features"]) == len(dataset.cities)
    assert all(feature["geometry"] == shared[feature["id"]] for feature in collection["features"])
    assert "areas.shapes[feature.id] = feature.geometry" in script


@pytest.mark.parametrize("show", SHOW_MODES)
def test_every_city_shape_is_given_its_classes(dataset, show):
    """Each city's feature is identified by its number, and the layer gives every shape the classes
    kpmap-city and kpmap-city-<id> as Leaflet makes it (checked in the browser in tests/e2e)."""
    selection = Selection.everything(dataset)
    features = city_features(dataset, visible_cities(dataset, selection), selection, "fi", show)["features"]
    assert [f["id"] for f in features] == [f["properties"]["kuntanumero"] for f in features]
    script = layer_script(dataset, selection, show)
    assert 'shape.options.className = "kpmap-city kpmap-city-" + feature.id;' in script


def test_layer_sends_each_style_once(dataset):
    """Styles are not repeated in the features' data, and cities that look alike share one look."""
    script = layer_script(dataset, Selection.everything(dataset), "areas")
    looks, look_of, _collection = layer_data(script)
    assert '"style":' not in script
    assert len(look_of) == len(dataset.cities)
    assert len(looks) == len(set(look_of.values())) < len(dataset.cities) / 2


def test_layer_script_keeps_hostile_names_as_data(dataset):
    """A name with template or script syntax reaches the browser as data: not run as a Jinja
    template on the server (which "{%" would break), not able to close the script element."""
    cities = dataset.cities.copy()
    hostile_name = "{% x %}{{ 7*7 }}</script><!--'"
    cities.loc["564", "name_fi"] = hostile_name
    hostile = replace(dataset, cities=cities)
    script = layer_script(hostile, Selection.everything(hostile), "areas")
    assert "</script>" not in script and "<!--" not in script
    tooltip = next(f for f in layer_data(script)[2]["features"] if f["id"] == "564")["properties"]["tooltip"]
    assert html.escape(hostile_name) in tooltip


@pytest.mark.parametrize("tiles", [NO_TILES, DEFAULT_TILES])
def test_map_renders_as_folium_would_without_compiling(dataset, tiles):
    """The map's own render (texts added as they are, see kpmap.mapscript) gives the page the same
    header, html and script as folium's and branca's render."""
    pages = []
    for render in (folium.Map.render, LocalLeafletMap.render):
        fmap = base_map(tiles, finland_bounds(dataset), base_layers(dataset.areas), dataset)
        render(fmap)
        figure = fmap.get_root()
        sections = (figure.header.render(), figure.html.render(), figure.script.render())
        pages.append([re.sub("[0-9a-f]{32}", "ID", section) for section in sections])
    assert pages[0] == pages[1]
    assert "L.map(" in pages[1][2] and "leaflet.js" in pages[1][0]


@pytest.mark.parametrize("show", SHOW_MODES)
def test_city_group_gives_st_folium_what_folium_feature_group_gives(dataset, monkeypatch, show):
    """The city layer's group renders without compiling its texts, and st_folium gets the same script
    from it as from folium's own FeatureGroup."""
    selection = Selection(frozenset(dataset.by_id), city="091")
    visible = visible_cities(dataset, selection)
    scripts = []
    for group in (mapview.CityGroup, folium.FeatureGroup):
        monkeypatch.setattr(mapview, "CityGroup", group)
        layer = city_layer(dataset, visible, selection, "fi", show)
        assert type(layer) is group
        scripts.append(re.sub("[0-9a-f]{32}", "ID", _get_feature_group_string(layer, base_map(NO_TILES))))
    assert scripts[0] == scripts[1]
    assert "feature_group_feature_group_0.addTo(map_div)" in scripts[0]  # the statement Layer.render adds


def test_base_map_rendered_once_gives_st_folium_the_same_arguments(dataset, monkeypatch):
    """The page passes render=False: st_folium then renders the map once instead of twice, and its
    component must get the same arguments as with the whole page rendered first."""
    calls = []
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **arguments: calls.append(arguments))
    selection = Selection.everything(dataset)
    for render in (True, False):
        for tiles in (NO_TILES, DEFAULT_TILES):
            streamlit_folium.st_folium(
                base_map(tiles, finland_bounds(dataset), base_layers(dataset.areas), dataset),
                key="map",
                feature_group_to_add=city_layer(dataset, visible_cities(dataset, selection), selection, "fi", "areas"),
                returned_objects=["last_active_drawing"],
                render=render,
            )
    # Each map element gets a new random id on every build: only those may differ.
    same_ids = [{k: re.sub("[0-9a-f]{32}", "ID", v) if isinstance(v, str) else v for k, v in c.items()} for c in calls]
    for arguments in same_ids:
        arguments.pop("on_change")
    assert same_ids[:2] == same_ids[2:]
    assert same_ids[0] != same_ids[1]  # the tiles make a difference: the comparison sees the arguments


def test_selected_area_is_outlined_and_drawn_last(dataset):
    """The selected city's area has the dark outline and comes last, so that no neighbour covers it."""
    selection = Selection(frozenset(dataset.by_id), city="091")
    collection = city_features(dataset, visible_cities(dataset, selection), selection, "fi", "areas")
    last = collection["features"][-1]
    assert last["id"] == "091"
    assert last["properties"]["style"]["color"] == SELECTED_RING
    assert all(f["properties"]["style"]["color"] != SELECTED_RING for f in collection["features"][:-1])


def test_without_tiles_the_sea_has_a_colour(dataset):
    """With no basemap, the map's background is the sea colour; with tiles, the tiles show."""
    assert SEA in base_map(NO_TILES, None, base_layers(dataset.areas)).get_root().render()
    assert SEA not in base_map(DEFAULT_TILES, None, base_layers(dataset.areas)).get_root().render()
