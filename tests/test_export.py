"""Downloads: CSV and GeoJSON read back with pandas and GeoPandas, safe in spreadsheets."""

from __future__ import annotations

import io
import json

import geopandas as gpd
import pandas as pd
import pytest

from kpmap.export import export_table, to_csv, to_geojson
from kpmap.filters import Selection, visible_cities


def test_csv_reads_back_with_finnish_letters_and_every_city(dataset):
    """The CSV has a BOM, UTF-8 text, one row per city and its memberships' sources."""
    raw = to_csv(export_table(dataset, dataset.cities, "fi"))
    assert raw.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str)
    assert len(table) == 70
    assert "Hämeenlinna" in set(table["name_fi"])
    salo = table.set_index("kuntanumero").loc["734"]
    assert salo["programme_ids"] == "growth | regional"
    assert salo["membership_sources"].count("http") == 2


def test_csv_of_a_selection_has_only_the_visible_cities(dataset):
    """The current selection's download holds exactly the visible cities."""
    visible = visible_cities(dataset, Selection(frozenset({"c6"})))
    table = pd.read_csv(io.BytesIO(to_csv(export_table(dataset, visible, "en"))), encoding="utf-8-sig", dtype=str)
    assert set(table["kuntanumero"]) == {"091", "049", "837", "092", "564", "853"}
    assert set(table["programme_names"]) == {dataset.by_id["c6"].name["en"]}


@pytest.mark.parametrize("dangerous", ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_defuses_spreadsheet_formulas(dataset, dangerous):
    """A name that a spreadsheet would run as a formula comes out as harmless text."""
    cities = dataset.cities.copy()
    cities.loc["564", "name_fi"] = dangerous
    raw = to_csv(export_table(dataset, cities, "fi"))
    table = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    cell = table.set_index("kuntanumero").loc["564", "name_fi"]
    assert cell.startswith("'")
    assert cell[1:].strip() == dangerous.strip()


def test_geojson_reads_back_with_geopandas(dataset):
    """The GeoJSON is a valid FeatureCollection of Points with lists of programmes and sources."""
    raw = to_geojson(export_table(dataset, dataset.cities, "sv"))
    frame = gpd.read_file(io.BytesIO(raw))
    assert len(frame) == 70
    assert set(frame.geom_type) == {"Point"}
    document = json.loads(raw)
    salo = next(f for f in document["features"] if f["properties"]["kuntanumero"] == "734")
    assert salo["properties"]["programme_ids"] == ["growth", "regional"]
    assert salo["geometry"]["coordinates"] == [23.13333, 60.38333]
    helsinki = next(f for f in document["features"] if f["properties"]["kuntanumero"] == "091")
    assert helsinki["properties"]["name_sv"] == "Helsingfors"
    assert helsinki["properties"]["population"] == 694392


def test_geojson_keeps_markup_as_text(dataset):
    """A hostile name stays an inert JSON string in the GeoJSON."""
    cities = dataset.cities.copy()
    cities.loc["564", "name_fi"] = "<script>alert(1)</script>"
    document = json.loads(to_geojson(export_table(dataset, cities, "fi")))
    oulu = next(f for f in document["features"] if f["properties"]["kuntanumero"] == "564")
    assert oulu["properties"]["name_fi"] == "<script>alert(1)</script>"
