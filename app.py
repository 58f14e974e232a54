"""kpmap's entry point: `streamlit run app.py`.

Serves Leaflet from the xstatic-leaflet package at /kpmap-leaflet (so no visitor's browser asks a
CDN for it) next to the Streamlit app, whose pages and navigation are in navigation.py.
"""

import streamlit as st
import xstatic.pkg.leaflet as xstatic_leaflet
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from kpmap.mapview import LEAFLET_ROUTE

app = st.App(
    "navigation.py",
    routes=[Mount(LEAFLET_ROUTE, StaticFiles(directory=xstatic_leaflet.BASE_DIR), name="leaflet")],
)
