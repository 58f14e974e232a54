"""Filtered data -> folium objects. No Streamlit here: the page passes what it needs.

The base map never changes within a process (st_folium reloads its iframe whenever the map's own
script changes); everything the filters change is drawn into one FeatureGroup that st_folium swaps
in place.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import folium
import geopandas as gpd
import xyzservices

from kpmap.filters import Selection, shown_programmes
from kpmap.model import Dataset, Lang

# Where the app serves Leaflet itself (see app.py); no CDN, so no visitor address leaves the site.
LEAFLET_ROUTE = "/kpmap-leaflet"
# The view before the map fits itself to the cities' bounds (see base_map), and the fallback without them.
FINLAND_CENTRE = (63.3, 25.6)
FINLAND_ZOOM = 5.5
CITY_ZOOM = 8
MAX_RADIUS = 24.0
# Proportional circles would make towns of 6,000 people 2 px wide: too small to see or click.
MIN_RADIUS = 4.5
SINGLE_RING = "#ffffff"
SELECTED_RING = "#000000"


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


Bounds = tuple[tuple[float, float], tuple[float, float]]


def city_bounds(dataset: Dataset) -> Bounds:
    """South-west and north-east corners around every city in the data."""
    cities = dataset.cities
    return (float(cities["lat"].min()), float(cities["lon"].min())), (
        float(cities["lat"].max()),
        float(cities["lon"].max()),
    )


def base_map(tiles: Tiles, bounds: Bounds | None = None) -> folium.Map:
    """The fixed part of the map. Its arguments must not depend on filters (see module doc).

    With bounds, the map opens fitted to them, whatever the width of the screen (a phone included).
    """
    fmap = LocalLeafletMap(
        location=FINLAND_CENTRE,
        zoom_start=FINLAND_ZOOM,  # type: ignore[arg-type]  # Leaflet takes half zoom levels; folium's hint says int
        tiles=None,
        min_zoom=4,
        zoom_snap=0.5,
        max_zoom=12,
        control_scale=True,
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
    if bounds is not None:
        fmap.fit_bounds(bounds, padding=(12, 12))
    return fmap


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


def city_features(dataset: Dataset, visible: gpd.GeoDataFrame, selection: Selection, lang: Lang) -> dict[str, Any]:
    """A FeatureCollection of the visible cities with what the layer needs to draw them."""
    largest = int(dataset.cities["population"].max())
    features = []
    for kuntanumero, row in zip(visible.index, dataset.rows(visible), strict=True):
        shown = shown_programmes(row["programmes"], selection)
        colours = [dataset.by_id[p].colour for p in shown]
        selected = kuntanumero == selection.city
        style = {
            "radius": round(marker_radius(int(row["population"]), largest), 2),
            "fillColor": colours[0],
            "color": SELECTED_RING if selected else (colours[1] if len(colours) > 1 else SINGLE_RING),
            "weight": 4 if selected or len(colours) > 1 else 1.5,
        }
        properties = {"kuntanumero": kuntanumero, "tooltip": _tooltip(row, shown, dataset, lang), "style": style}
        geometry = {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def _style(feature: dict[str, Any]) -> dict[str, Any]:
    return {"fill": True, "fillOpacity": 0.85, "opacity": 1, **feature["properties"]["style"]}


def city_layer(dataset: Dataset, visible: gpd.GeoDataFrame, selection: Selection, lang: Lang) -> folium.FeatureGroup:
    """What the filters change: one GeoJSON layer of circle markers, largest drawn first so that
    small towns stay on top and clickable."""
    group = folium.FeatureGroup(name="cities")
    collection = city_features(dataset, visible, selection, lang)
    if collection["features"]:
        folium.GeoJson(
            collection,
            name="cities",
            marker=folium.CircleMarker(),
            style_function=_style,
            highlight_function=lambda _feature: {"weight": 4, "color": SELECTED_RING},
            tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False, sticky=False),
        ).add_to(group)
    return group


def clicked_city(payload: dict[str, Any] | None, known: Any) -> str | None:
    """st_folium's return value -> the municipality number of the clicked city, if any and known."""
    drawing = (payload or {}).get("last_active_drawing")
    properties = drawing.get("properties") if isinstance(drawing, dict) else None
    kuntanumero = properties.get("kuntanumero") if isinstance(properties, dict) else None
    return kuntanumero if isinstance(kuntanumero, str) and kuntanumero in known else None


def view_for(dataset: Dataset, selection: Selection) -> tuple[tuple[float, float] | None, float | None]:
    """Centre and zoom for st_folium: on the selected city if there is one; otherwise none, so that
    the map keeps the view the visitor has (fitted to every city when the page opens)."""
    if selection.city is not None and selection.city in dataset.cities.index:
        city = dataset.cities.loc[selection.city]
        return (float(city["lat"]), float(city["lon"])), CITY_ZOOM
    return None, None
