"""`streamlit run benchmarks/apps/floor_app.py`: floor.py with Leaflet served from xstatic-leaflet."""

import streamlit as st
import xstatic.pkg.leaflet as xstatic_leaflet
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

app = st.App(
    "floor.py",
    routes=[Mount("/floor-leaflet", StaticFiles(directory=xstatic_leaflet.BASE_DIR), name="leaflet")],
)
