"""The floor: the least a Streamlit + st_folium page can do with kpmap's cities.

Leaflet served by the app itself (floor_app.py mounts it), no tiles, one feature group of circle
markers swapped in place by st_folium, nothing returned to the server. The only other element is one
checkbox, the minimal equivalent of kpmap's programme filter.
"""

import csv
import json
from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

DATA = Path(__file__).resolve().parents[2] / "data"
ROUTE = "/floor-leaflet"
GROWTH = "Keskisuurten kasvukaupunkien kumppanuus"


class SelfHostedMap(folium.Map):
    default_js = [("leaflet", f"{ROUTE}/leaflet.js")]  # noqa: RUF012
    default_css = [("leaflet_css", f"{ROUTE}/leaflet.css")]  # noqa: RUF012


@st.cache_resource
def cities() -> list[tuple[float, float, frozenset[str]]]:
    members: dict[str, set[str]] = {}
    with (DATA / "partnerships.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            members.setdefault(row["kuntanumero"], set()).add(row["programme_id"])
    features = json.loads((DATA / "cities.geojson").read_text(encoding="utf-8"))["features"]
    points = []
    for feature in features:
        lon, lat = feature["geometry"]["coordinates"]
        points.append((lat, lon, frozenset(members[feature["properties"]["kuntanumero"]])))
    return points


with_growth = st.checkbox(GROWTH, value=True)
hidden = set() if with_growth else {"growth"}
group = folium.FeatureGroup(name="cities")
for lat, lon, ids in cities():
    if ids - hidden:
        folium.CircleMarker((lat, lon), radius=7).add_to(group)

st_folium(
    SelfHostedMap(location=(63.3, 25.6), zoom_start=5, tiles=None),
    key="map",
    feature_group_to_add=group,
    height=620,
    use_container_width=True,
    returned_objects=[],
)
