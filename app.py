"""kpmap's entry point: `streamlit run app.py`.

Serves Leaflet from the xstatic-leaflet package at /kpmap-leaflet (so no visitor's browser asks a
CDN for it) and the base map's borders at /kpmap-base, next to the Streamlit app, whose pages and
navigation are in navigation.py.
"""

import streamlit as st
import xstatic.pkg.leaflet as xstatic_leaflet
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kpmap.mapview import BASE_ROUTE, LEAFLET_ROUTE
from kpmap.ui.state import base_layers_response

app = st.App(
    "navigation.py",
    routes=[
        Mount(LEAFLET_ROUTE, StaticFiles(directory=xstatic_leaflet.BASE_DIR), name="leaflet"),
        Route(f"{BASE_ROUTE}/{{name}}", base_layers_response, name="base"),
    ],
)
