"""Filtered data -> folium objects. No Streamlit here: the page passes what it needs.

The base map never changes within a process (st_folium reloads its iframe whenever the map's own
script changes); everything the filters change is drawn into one FeatureGroup that st_folium swaps
in place. Finland's outline, its regions and every municipality's border are not in the map's
script at all: st_folium sends its script again with every change of that FeatureGroup, so the
~250 KB of borders would travel with each filter change. The map fetches them instead, once, from
the app's own route (`BASE_ROUTE`, see app.py), under an address that changes with their content;
the FeatureGroup then draws each member area with the shape fetched there (`SHARED_AREAS`), so that a
filter change carries only which cities to draw and how (kpmap.cityshapes; a session's first layer
brings its own shapes, so that the map's first picture waits for nothing).

Every city's shape (a municipality's area or a population circle) carries the CSS classes
`kpmap-city kpmap-city-<kuntanumero>`: a stable hook for restyling, embedding and tests.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import folium
import geopandas as gpd
import xyzservices
from branca.element import CssLink, Figure, JavascriptLink
from folium.elements import ElementAddToElement
from jinja2 import Template
from shapely.geometry import mapping

from kpmap.areas import Areas
from kpmap.cityshapes import CityShapes
from kpmap.filters import Selection, shown_programmes
from kpmap.i18n import t
from kpmap.mapscript import ScriptElement, render_as_text, to_json
from kpmap.memo import per_dataset
from kpmap.model import Dataset, Lang
from kpmap.urlstate import DEFAULT_SHOW, Show

# Where the app serves Leaflet itself (see app.py); no CDN, so no visitor address leaves the site.
LEAFLET_ROUTE = "/kpmap-leaflet"
# Where the app serves the base map's borders (see app.py and base_layers).
BASE_ROUTE = "/kpmap-base"
# The view before the map fits itself to Finland's bounds (see base_map), and the fallback without them.
FINLAND_CENTRE = (65.0, 25.6)
FINLAND_ZOOM = 5
# A selected city is shown this close: near enough to see its area and neighbours, far enough to see
# the coast and the regions around it, and so where in Finland it is (about 500 km from top to bottom
# of a 620 px map).
CITY_ZOOM = 6.5
# The room the map leaves around Finland when it fits the whole country in view, in pixels.
FIT_PADDING = 12
MAX_RADIUS = 24.0
# Proportional circles would make towns of 6,000 people 2 px wide: too small to see or click.
MIN_RADIUS = 4.5
SINGLE_RING = "#ffffff"
SELECTED_RING = "#000000"
# The class every city's shape carries, and the prefix of the one that names it (see city_layer).
CITY_CLASS = "kpmap-city"


@dataclass(frozen=True)
class Tiles:
    """A basemap: an XYZ URL template and its attribution (plain text), or no basemap at all."""

    url: str | None
    attribution: str


DEFAULT_TILES = Tiles(
    "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
    "© OpenStreetMap contributors © CARTO",
)
NO_TILES = Tiles(None, "")


def tiles_from_setting(url: str | None, attribution: str | None = None) -> Tiles:
    """KPMAP_TILES: unset -> the default light basemap; 'none' -> no basemap; else a URL template."""
    if not url:
        return DEFAULT_TILES
    if url.strip().lower() == "none":
        return NO_TILES
    return Tiles(url.strip(), attribution or f"Tiles: {urlsplit(url).netloc}")


class LocalLeafletMap(folium.Map):
    """A folium Map that takes Leaflet from the app's own route and nothing else: no jQuery,
    Bootstrap or Font Awesome, which folium loads from CDNs by default."""

    # folium reads these lists from the class; they are never mutated.
    default_js = [("leaflet", f"{LEAFLET_ROUTE}/leaflet.js")]  # noqa: RUF012
    default_css = [("leaflet_css", f"{LEAFLET_ROUTE}/leaflet.css")]  # noqa: RUF012

    # folium.Map's own render (folium's JSCSSMixin, then branca's MacroElement) compiles each text it
    # makes as a template; this one adds the same links and texts without that (see kpmap.mapscript).
    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # branca's hint: str
        figure = self.get_root()
        assert isinstance(figure, Figure), "a map is rendered inside a folium Figure"
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        render_as_text(self, **kwargs)


Bounds = tuple[tuple[float, float], tuple[float, float]]


@per_dataset
def finland_bounds(dataset: Dataset) -> Bounds:
    """South-west and north-east corners of Finland's outline: the view every map opens on, the far
    north of Lapland included."""
    west, south, east, north = (float(value) for value in dataset.areas.outline.total_bounds)
    return (south, west), (north, east)


# How the base map's layers look, bottom to top: land lightly filled with thin municipal borders,
# then region borders, then the coast and the land border.
BASE_STYLES: dict[str, dict[str, Any]] = {
    "municipalities": {"color": "#b8b4a8", "weight": 0.6, "fillColor": "#f6f5f0", "fillOpacity": 0.8},
    "regions": {"color": "#8d897d", "weight": 1.3, "fill": False},
    "outline": {"color": "#5f5b51", "weight": 1.3, "fill": False},
}
# Without a basemap, the sea around the land: Leaflet's own background is a neutral grey.
SEA = "#dde8ef"


@dataclass(frozen=True)
class BaseLayers:
    """The base map's borders as one JSON document, and the address the app serves it under."""

    body: bytes
    url: str


# Where the map's frame keeps the municipalities' shapes, by number, for the city layer to draw member
# areas with (see city_layer): `shapes`, those known so far (from the base layers, or sent with a
# session's first layer), and `all`, a promise of every shape once the base layers have come.
SHARED_AREAS = "window.kpmapAreas"


@lru_cache(maxsize=4)
def base_layers(areas: Areas) -> BaseLayers:
    """Every municipality (by number), region and Finland's outline as bare geometries (the base map
    needs no properties: nothing in it is clickable). The same areas always give the same bytes and
    address."""
    layers = {
        "municipalities": _area_shapes(areas),
        "regions": [mapping(g) for g in areas.regions.geometry],
        "outline": [mapping(g) for g in areas.outline.geometry],
    }
    body = json.dumps(layers, separators=(",", ":")).encode()
    return BaseLayers(body, f"{BASE_ROUTE}/{hashlib.sha256(body).hexdigest()[:16]}.json")


class BaseLayersLoader(ScriptElement):
    """Fetches the base layers and draws them, not clickable, on one canvas in a pane of their own
    between the tiles and the cities."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            {%- if this.sea %}
            map.getContainer().style.background = {{ this.sea|tojson }};
            {%- endif %}
            map.createPane("kpmap-base").style.zIndex = 350;
            var renderer = L.canvas({pane: "kpmap-base"});
            var styles = {{ this.styles|tojson }};
            var layers = fetch({{ this.url|tojson }}).then(function (response) { return response.json(); });
            var areas = {{ this.shared }} = {shapes: {}};
            areas.all = layers.then(function (all) { return Object.assign(areas.shapes, all.municipalities); });
            layers.then(function (all) {
                Object.keys(styles).forEach(function (name) {
                    var shapes = name === "municipalities" ? Object.values(all[name]) : all[name];
                    L.geoJSON(shapes, {
                        pane: "kpmap-base", renderer: renderer, interactive: false, style: styles[name]
                    }).addTo(map);
                });
            }).catch(function () {});  // without the borders the map still works: a session's first
                                        // layer brings its own shapes, and circles need none
        })();
        {% endmacro %}
        """
    )

    def __init__(self, url: str, sea: bool) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca has no type hints
        self._name = "BaseLayers"
        self.url = url
        self.shared = SHARED_AREAS
        self.styles = BASE_STYLES
        self.sea = SEA if sea else None


class StripedFills(ScriptElement):
    """SVG patterns of diagonal stripes, one for each pair of programmes (in programme order), that a
    city's area in two programmes is filled with (`fill="url(#kpmap-stripes-growth-regional)"`). They depend only on
    the programmes, so they belong to the fixed base map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
            svg.setAttribute("aria-hidden", "true");
            svg.setAttribute("style", "position:absolute;width:0;height:0");
            svg.innerHTML = {{ this.defs|tojson }};
            document.body.appendChild(svg);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, programmes: tuple[tuple[str, str], ...]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca has no type hints
        self._name = "StripedFills"
        self.defs = stripe_defs(programmes)


Pattern = dict[str, Any]


def stripe_patterns(programmes: tuple[tuple[str, str], ...]) -> list[Pattern]:
    """(id, colour) of every programme, in programme order -> the striped fill of each pair, 10 px wide,
    as SVG elements: {"attributes": the <pattern>'s, "rects": each <rect>'s}. The static site makes its
    patterns from these, the app's map from their markup (stripe_defs)."""
    patterns = []
    for index, (first_id, first_colour) in enumerate(programmes):
        for second_id, second_colour in programmes[index + 1 :]:
            attributes = {"id": stripes_id((first_id, second_id)), "patternUnits": "userSpaceOnUse", "width": "10"}
            attributes |= {"height": "10", "patternTransform": "rotate(45)"}
            rects = [
                {"width": "5", "height": "10", "fill": first_colour},
                {"x": "5", "width": "5", "height": "10", "fill": second_colour},
            ]
            patterns.append({"attributes": attributes, "rects": rects})
    return patterns


def stripe_defs(programmes: tuple[tuple[str, str], ...]) -> str:
    """The striped fills (stripe_patterns) as an SVG <defs>, every value escaped."""

    def attributes(values: dict[str, str]) -> str:
        return " ".join(f'{name}="{html.escape(value)}"' for name, value in values.items())

    patterns = []
    for pattern in stripe_patterns(programmes):
        rects = "".join(f"<rect {attributes(rect)}/>" for rect in pattern["rects"])
        patterns.append(f"<pattern {attributes(pattern['attributes'])}>{rects}</pattern>")
    return "<defs>" + "".join(patterns) + "</defs>"


# The map's own controls: the "All of Finland" button, and on a narrow map the tiles' credit kept clear
# of the scale bar in the bottom left corner (on a phone, the credit would otherwise run over it).
MAP_CONTROLS_CSS = (
    ".kpmap-whole-finland{font:600 12px/1.3 system-ui,sans-serif;color:#1f2328;background:#fff;"
    "border:2px solid rgba(0,0,0,0.2);border-radius:4px;padding:4px 8px;cursor:pointer}"
    ".kpmap-whole-finland:hover{background:#f4f4f4}"
    "@media (max-width:450px){.leaflet-control-attribution{max-width:calc(100% - 130px)}}"
)
# Where the map's frame keeps the button's texts (the city layer sets them in the page's language).
WHOLE_FINLAND_TEXTS = "window.kpmapWholeFinland"


class WholeFinland(ScriptElement):
    """Fits the map to Finland when it opens, and adds a button that fits it there again (below the
    zoom buttons), and a metric scale bar. The button's texts come with the city layer, which knows
    the language (see MapTexts)."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var bounds = {{ this.bounds }};
            var fit = function () { map.fitBounds(bounds, {padding: [{{ this.padding }}, {{ this.padding }}]}); };
            var Control = L.Control.extend({
                options: {position: "topleft"},
                onAdd: function () {
                    var button = L.DomUtil.create("button", "kpmap-whole-finland");
                    button.type = "button";
                    L.DomEvent.disableClickPropagation(button);
                    L.DomEvent.on(button, "click", fit);
                    var texts = {{ this.texts }};
                    if (texts) { button.textContent = texts.text; button.setAttribute("aria-label", texts.label); }
                    return button;
                }
            });
            new Control().addTo(map);
            L.control.scale({imperial: false}).addTo(map);
            fit();
        })();
        {% endmacro %}
        """
    )

    def __init__(self, bounds: Bounds) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca has no type hints
        self._name = "WholeFinland"
        self.bounds = to_json(bounds)
        self.padding = FIT_PADDING
        self.texts = WHOLE_FINLAND_TEXTS
        self.css = MAP_CONTROLS_CSS


class MapTexts(ScriptElement):
    """The "All of Finland" button's texts in the page's language. They travel with the city layer,
    which the page sends on every run, so that the fixed base map needs no language of its own (a
    change of language would reload it)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (texts) {
            {{ this.shared }} = texts;
            document.querySelectorAll(".kpmap-whole-finland").forEach(function (button) {
                button.textContent = texts.text;
                button.setAttribute("aria-label", texts.label);
            });
        })({{ this.texts }});
        {% endmacro %}
        """
    )

    def __init__(self, lang: Lang) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca has no type hints
        self._name = "MapTexts"
        self.shared = WHOLE_FINLAND_TEXTS
        self.texts = to_json({"text": t("whole_finland", lang), "label": t("whole_finland_label", lang)})


def base_map(
    tiles: Tiles, bounds: Bounds | None = None, base: BaseLayers | None = None, dataset: Dataset | None = None
) -> folium.Map:
    """The fixed part of the map. Its arguments must not depend on filters (see module doc).

    With bounds, the map opens fitted to them, whatever the width of the screen (a phone included),
    and a button fits it there again;
    with base layers, it draws Finland's municipalities, regions and outline under the cities;
    with the dataset, it holds the striped fills of cities in two programmes.
    """
    fmap = LocalLeafletMap(
        location=FINLAND_CENTRE,
        zoom_start=FINLAND_ZOOM,
        tiles=None,
        min_zoom=4,
        zoom_snap=0.5,
        max_zoom=12,
        # Leaflet's keyboard handler focuses the map on mousedown, and the browser then scrolls the page
        # to show the whole iframe: the circle moves under the pointer and the click is lost. Keyboard
        # users have the city search and the table of cities instead.
        keyboard=False,
        prefer_canvas=False,
    )
    if tiles.url is not None:
        # A ready TileProvider: given a bare URL, folium searches xyzservices' catalogue on every run.
        provider = xyzservices.TileProvider(name="basemap", url=tiles.url, attribution=html.escape(tiles.attribution))
        folium.TileLayer(provider).add_to(fmap)
    if base is not None:
        BaseLayersLoader(base.url, sea=tiles.url is None).add_to(fmap)
    if dataset is not None:
        StripedFills(tuple((p.id, p.colour) for p in dataset.programmes)).add_to(fmap)
    if bounds is not None:
        WholeFinland(bounds).add_to(fmap)
    return fmap


@per_dataset
def largest_population(dataset: Dataset) -> int:
    return int(dataset.cities["population"].max())


def marker_radius(population: int, largest: int) -> float:
    """Circle radius in pixels: area proportional to population, the largest city MAX_RADIUS."""
    return max(MIN_RADIUS, MAX_RADIUS * math.sqrt(population / largest))


def city_name(row: Any, lang: Lang) -> str:
    """The name to show: Swedish in the Swedish interface, with the Finnish one beside it if it differs."""
    if lang == "sv" and row["name_sv"] != row["name_fi"]:
        return f"{row['name_sv']} ({row['name_fi']})"
    return str(row["name_fi"])


def _tooltip(row: Any, programme_ids: tuple[str, ...], dataset: Dataset, lang: Lang) -> str:
    """Tooltip HTML. Every data value is escaped: Leaflet shows this as HTML."""
    lines = [f"<strong>{html.escape(city_name(row, lang))}</strong>"]
    for pid in programme_ids:
        programme = dataset.by_id[pid]
        swatch = f'<span style="color:{programme.colour}">●</span>'
        lines.append(f"{swatch} {html.escape(programme.short_name[lang])}")
    return "<br>".join(lines)


# Line widths of the cities' shapes: a plain one, the selected city, and a circle's ring in a second
# programme's colour.
AREA_WEIGHT, SELECTED_AREA_WEIGHT = 0.8, 3
CIRCLE_WEIGHT, RING_WEIGHT = 1.5, 4


def _circle_style(colours: list[str], selected: bool, radius: float) -> dict[str, Any]:
    """A circle filled in the first programme's colour, ringed in the second's (or white)."""
    return {
        "radius": round(radius, 2),
        "fillColor": colours[0],
        "color": SELECTED_RING if selected else (colours[1] if len(colours) > 1 else SINGLE_RING),
        "weight": RING_WEIGHT if selected or len(colours) > 1 else CIRCLE_WEIGHT,
    }


STRIPES_PREFIX = "kpmap-stripes-"


def stripes_id(programme_ids: tuple[str, ...]) -> str:
    """The id of the striped fill for a city in these programmes (see StripedFills)."""
    return STRIPES_PREFIX + "-".join(programme_ids)


def _area_style(shown: tuple[str, ...], colours: list[str], selected: bool) -> dict[str, Any]:
    """An area filled in its programme's colour; in stripes of both colours for a city in two.
    A border would not do: a town's neighbours are often members too, of the same colour."""
    return {
        "fillColor": f"url(#{stripes_id(shown)})" if len(shown) > 1 else colours[0],
        "color": SELECTED_RING if selected else SINGLE_RING,
        "weight": SELECTED_AREA_WEIGHT if selected else AREA_WEIGHT,
    }


@lru_cache(maxsize=4)
def _area_shapes(areas: Areas) -> dict[str, dict[str, Any]]:
    """Each municipality's area as GeoJSON, by number: made once per data version, not on every run."""
    return {str(k): dict(mapping(g)) for k, g in areas.municipalities.geometry.items()}


def _geometry(dataset: Dataset, kuntanumero: str, row: Any, show: Show) -> dict[str, Any]:
    if show == "areas":
        return _area_shapes(dataset.areas)[kuntanumero]
    return {"type": "Point", "coordinates": [row["lon"], row["lat"]]}


def city_features(
    dataset: Dataset, visible: gpd.GeoDataFrame, selection: Selection, lang: Lang, show: Show = DEFAULT_SHOW
) -> dict[str, Any]:
    """A FeatureCollection of the visible cities, as their municipalities' areas or as population
    circles, with what the layer needs to draw them."""
    largest = largest_population(dataset)
    features = []
    for kuntanumero, row in zip(visible.index, dataset.rows(visible), strict=True):
        shown = shown_programmes(row["programmes"], selection)
        colours = [dataset.by_id[p].colour for p in shown]
        selected = kuntanumero == selection.city
        if show == "areas":
            style = _area_style(shown, colours, selected)
        else:
            style = _circle_style(colours, selected, marker_radius(int(row["population"]), largest))
        properties = {"kuntanumero": kuntanumero, "tooltip": _tooltip(row, shown, dataset, lang), "style": style}
        geometry = _geometry(dataset, kuntanumero, row, show)
        features.append({"type": "Feature", "id": kuntanumero, "geometry": geometry, "properties": properties})
    if show == "areas":
        # The selected city's border last, on top: a later neighbour would cover half of it.
        features.sort(key=lambda f: f["id"] == selection.city)
    return {"type": "FeatureCollection", "features": features}


SHAPE_STYLE = {"fill": True, "fillOpacity": 0.85, "opacity": 1}
# A shape under the pointer.
HIGHLIGHT = {"weight": 4, "color": SELECTED_RING}


def drawing_rules(dataset: Dataset) -> dict[str, Any]:
    """How the map draws, for the static site's script, which applies the same rules as _area_style
    and _circle_style with these values: the base map's looks, the cities' shapes and the striped
    fills of a city in two programmes. (The view it opens on, finland_bounds, comes with the areas.)"""
    return {
        "base": BASE_STYLES,
        "sea": SEA,
        "shape": SHAPE_STYLE,
        "highlight": HIGHLIGHT,
        "singleRing": SINGLE_RING,
        "selectedRing": SELECTED_RING,
        "areaWeight": AREA_WEIGHT,
        "selectedAreaWeight": SELECTED_AREA_WEIGHT,
        "circleWeight": CIRCLE_WEIGHT,
        "ringWeight": RING_WEIGHT,
        "stripesPrefix": STRIPES_PREFIX,
        "stripes": stripe_patterns(tuple((p.id, p.colour) for p in dataset.programmes)),
        "fitPadding": FIT_PADDING,
        "cityZoom": CITY_ZOOM,
    }


class CityGroup(folium.FeatureGroup):
    """The FeatureGroup that st_folium swaps in place on every run. It renders as folium's does (the
    group, then the statement that adds it to the map, then its layer), without compiling its texts
    as templates (kpmap.mapscript)."""

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # branca's hint: str
        # What folium's Layer.render adds before MacroElement's render.
        assert self._parent is not None, "st_folium adds the group to its map before rendering it"
        add_to_map = ElementAddToElement(element_name=self.get_name(), element_parent_name=self._parent.get_name())
        self.add_child(add_to_map, name=self.get_name() + "_add")
        render_as_text(self, **kwargs)


def city_layer(
    dataset: Dataset,
    visible: gpd.GeoDataFrame,
    selection: Selection,
    lang: Lang,
    show: Show = DEFAULT_SHOW,
    send_shapes: bool = False,
) -> CityGroup:
    """What the filters change: one layer of the visible cities' areas or circles (circles largest
    first, so that small towns stay on top and clickable).

    A member area's shape is in the map's frame once its base layers have come, so that only the
    city's number need travel with a filter change (a tenth of the bytes). The first layer of a
    session is drawn before they come: with send_shapes, it carries its own shapes (and leaves them
    for the layers after it)."""
    group = CityGroup(name="cities")
    features = city_features(dataset, visible, selection, lang, show)["features"]
    # Each look goes to the browser once, not again in every feature's data.
    looks = {feature["id"]: {**SHAPE_STYLE, **feature["properties"].pop("style")} for feature in features}
    MapTexts(lang).add_to(group)
    if features:
        shared = SHARED_AREAS if show == "areas" else None
        CityShapes(features, looks, HIGHLIGHT, f"{CITY_CLASS} {CITY_CLASS}-", shared, send_shapes).add_to(group)
    return group


def clicked_city(payload: dict[str, Any] | None, known: Any) -> str | None:
    """st_folium's return value -> the municipality number of the clicked city, if any and known."""
    drawing = (payload or {}).get("last_active_drawing")
    properties = drawing.get("properties") if isinstance(drawing, dict) else None
    kuntanumero = properties.get("kuntanumero") if isinstance(properties, dict) else None
    return kuntanumero if isinstance(kuntanumero, str) and kuntanumero in known else None


def view_for(dataset: Dataset, selection: Selection) -> tuple[tuple[float, float] | None, float | None]:
    """Centre and zoom for st_folium: on the selected city if there is one; otherwise none, so that
    the map keeps the view the visitor has (all of Finland when the page opens)."""
    city = dataset.records.get(selection.city) if selection.city is not None else None
    if city is not None:
        return (float(city["lat"]), float(city["lon"])), CITY_ZOOM
    return None, None
