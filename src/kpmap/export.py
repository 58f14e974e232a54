"""Downloads: the visible cities with their programmes and sources, as CSV and as GeoJSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import geopandas as gpd
import pandas as pd

from kpmap.model import Dataset, Lang

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_table(dataset: Dataset, cities: gpd.GeoDataFrame, lang: Lang) -> pd.DataFrame:
    """One row per city: its facts, and lists of its programmes and of each membership's source."""
    memberships = dataset.memberships[dataset.memberships["kuntanumero"].isin(cities.index)]
    grouped = memberships.groupby("kuntanumero", sort=False)
    joined = pd.DataFrame(
        {
            "programme_ids": grouped["programme_id"].agg(list),
            "programme_names": grouped["programme_id"].agg(lambda ids: [dataset.by_id[i].name[lang] for i in ids]),
            "membership_sources": grouped["source_url"].agg(list),
            "membership_source_dates": grouped["source_date"].agg(list),
            "membership_source_notes": grouped["source_note"].agg(list),
        }
    )
    facts = cities[
        ["kuntanumero", "name_fi", "name_sv", "maakunta", "population", "population_date", "population_source"]
    ].assign(longitude=cities["lon"], latitude=cities["lat"], geonames_id=cities["geonames_id"])
    return facts.join(joined).reset_index(drop=True)


# Lists become one cell, items apart by this separator (no item in the data contains it).
LIST_SEPARATOR = " | "


def _defused(value: Any) -> Any:
    """A list becomes one cell; text that a spreadsheet would run as a formula gets a leading
    apostrophe; the rest is kept."""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(item or "n.d." for item in value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(table: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a byte-order mark, so spreadsheets read ä, ö and å right; formula-safe."""
    text: str = table.map(_defused).to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def to_geojson(table: pd.DataFrame) -> bytes:
    """A GeoJSON FeatureCollection of Points; programme and source lists stay JSON arrays."""
    features = []
    for row in table.to_dict("records"):
        properties = {k: v for k, v in row.items() if k not in ("longitude", "latitude")}
        geometry = {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    document = {"type": "FeatureCollection", "features": features}
    return json.dumps(document, ensure_ascii=False, indent=1, default=_plain_number).encode("utf-8")


def _plain_number(value: Any) -> Any:
    """numpy integers and floats -> Python numbers for JSON."""
    return value.item()


# Download formats: file extension, MIME type, and the writer of the export table.
DOWNLOAD_FORMATS = (("csv", "text/csv", to_csv), ("geojson", "application/geo+json", to_geojson))


def export_file(
    write: Callable[[pd.DataFrame], bytes], dataset: Dataset, cities: gpd.GeoDataFrame, lang: Lang
) -> bytes:
    """The export table of the given cities, written by `write` (see DOWNLOAD_FORMATS)."""
    return write(export_table(dataset, cities, lang))
