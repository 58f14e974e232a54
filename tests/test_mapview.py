"""The map builder: base map assets, layer contents, colours, sizes, tooltips, click payloads."""

from __future__ import annotations

import math

import folium
import pytest

from kpmap.filters import Selection, visible_cities
from kpmap.mapview import (
    CITY_ZOOM,
    DEFAULT_TILES,
    LEAFLET_ROUTE,
    MAX_RADIUS,
    MIN_RADIUS,
    NO_TILES,
    SELECTED_RING,
    SINGLE_RING,
    Tiles,
    base_map,
    city_bounds,
    city_features,
    city_layer,
    clicked_city,
    marker_radius,
    tiles_from_setting,
    view_for,
)


def features_by_id(dataset, selection, lang="fi"):
    visible = visible_cities(dataset, selection)
    return {f["properties"]["kuntanumero"]: f for f in city_features(dataset, visible, selection, lang)["features"]}


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


def test_map_opens_fitted_to_every_city(dataset):
    """The map fits the cities' bounds on load, so it shows all of them at any screen width."""
    (south, west), (north, east) = city_bounds(dataset)
    assert (south, west, north, east) == (59.97735, 21.37596, 66.71309, 30.15)
    page = base_map(NO_TILES, city_bounds(dataset)).get_root().render()
    assert "fitBounds" in page and "66.71309" in page


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


def test_city_layer_is_a_feature_group_with_one_geojson(dataset):
    """What the filters change is one FeatureGroup; empty when nothing is visible."""
    layer = city_layer(
        dataset, visible_cities(dataset, Selection.everything(dataset)), Selection.everything(dataset), "fi"
    )
    assert isinstance(layer, folium.FeatureGroup)
    assert [type(child).__name__ for child in layer._children.values()] == ["GeoJson"]
    empty = city_layer(dataset, visible_cities(dataset, Selection(frozenset())), Selection(frozenset()), "fi")
    assert list(empty._children.values()) == []


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
