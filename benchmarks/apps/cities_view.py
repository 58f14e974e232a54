"""`streamlit run benchmarks/apps/cities_view.py`: kpmap with its map opening fitted to the member
cities, as it did until it opened on all of Finland, so that one benchmark run measures both views.

Only the bounds the map opens on differ: everything else is kpmap's own app.py and pages.
"""

from pathlib import Path

import streamlit as st
import xstatic.pkg.leaflet as xstatic_leaflet
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kpmap import mapview
from kpmap.model import Dataset
from kpmap.ui.state import base_layers_response

ROOT = Path(__file__).resolve().parents[2]


def cities_bounds(dataset: Dataset) -> mapview.Bounds:
    """South-west and north-east corners around every city (the view kpmap opened on before)."""
    cities = dataset.cities
    south_west = (float(cities["lat"].min()), float(cities["lon"].min()))
    return south_west, (float(cities["lat"].max()), float(cities["lon"].max()))


# The map page reads the bounds from kpmap.mapview on every run; this process gives it the cities'.
mapview.finland_bounds = cities_bounds  # type: ignore[assignment]

app = st.App(
    str(ROOT / "navigation.py"),
    routes=[
        Mount(mapview.LEAFLET_ROUTE, StaticFiles(directory=xstatic_leaflet.BASE_DIR), name="leaflet"),
        Route(f"{mapview.BASE_ROUTE}/{{name}}", base_layers_response, name="base"),
    ],
)
