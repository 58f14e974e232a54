"""The naive baseline: the kpmap data as a Streamlit + folium tutorial would map it.

folium.Map with its defaults (OpenStreetMap tiles; Leaflet, jQuery, Bootstrap and Font Awesome from
CDNs), one CircleMarker per city, a multiselect of programmes that rebuilds the map, and st_folium
with its default arguments. Deliberately not optimised: it is what kpmap is compared against.
"""

import csv
import json
import tomllib
from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

DATA = Path(__file__).resolve().parents[2] / "data"

cities = json.loads((DATA / "cities.geojson").read_text(encoding="utf-8"))["features"]
programmes = tomllib.loads((DATA / "programmes.toml").read_text(encoding="utf-8"))["programme"]
names = {p["id"]: p["name"]["fi"] for p in sorted(programmes, key=lambda p: p["order"])}
members: dict[str, set[str]] = {}
with (DATA / "partnerships.csv").open(encoding="utf-8", newline="") as handle:
    for row in csv.DictReader(handle):
        members.setdefault(row["kuntanumero"], set()).add(row["programme_id"])

st.title("Kaupunkipolitiikan kumppanuudet")
chosen = st.multiselect("Ohjelmat", list(names.values()), default=list(names.values()))
chosen_ids = {pid for pid, name in names.items() if name in chosen}

m = folium.Map(location=[64.5, 26.0], zoom_start=5)
for feature in cities:
    props = feature["properties"]
    if members.get(props["kuntanumero"], set()) & chosen_ids:
        lon, lat = feature["geometry"]["coordinates"]
        folium.CircleMarker([lat, lon], radius=7, tooltip=props["name_fi"], popup=props["name_fi"]).add_to(m)

st_folium(m)
