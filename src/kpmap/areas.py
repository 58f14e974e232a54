"""Municipality areas, the regions and Finland's outline: read and checked like the other data files.

Cities are joined to their areas by `kuntanumero`, never by point-in-polygon: the areas are generalised
(1:4,500,000), and Tornio's centre point lies outside its own area, in the sea.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry import shape

from kpmap.files import read_features
from kpmap.problems import Problem

MUNICIPALITIES_FILE = "municipalities.geojson"
REGIONS_FILE = "regions.geojson"
OUTLINE_FILE = "finland_outline.geojson"
AREA_FILES = (MUNICIPALITIES_FILE, REGIONS_FILE, OUTLINE_FILE)

# The properties each file must give every feature; the first one of each is the feature's key.
AREA_PROPERTIES = {
    MUNICIPALITIES_FILE: ("kuntanumero", "name_fi", "name_sv", "maakunta_code", "maakunta_fi", "maakunta_sv"),
    REGIONS_FILE: ("maakunta_code", "maakunta_fi", "maakunta_sv"),
    OUTLINE_FILE: ("name_fi", "name_sv"),
}
KEY_PATTERNS = {MUNICIPALITIES_FILE: 3, REGIONS_FILE: 2}
AREA_TYPES = ("Polygon", "MultiPolygon")


@dataclass(frozen=True, eq=False)
class Areas:
    """municipalities: indexed by kuntanumero, in the file's order; regions: by maakunta_code;
    outline: Finland as one or more features. All in WGS84 (EPSG:4326)."""

    municipalities: gpd.GeoDataFrame
    regions: gpd.GeoDataFrame
    outline: gpd.GeoDataFrame


def read_areas(data_dir: Path) -> tuple[Areas | None, list[Problem]]:
    """The three area files, or every problem found in them."""
    frames, problems = {}, []
    for name in AREA_FILES:
        frame, found = _read_area_file(data_dir / name)
        frames[name] = frame
        problems += found
    if problems:
        return None, problems
    return (
        Areas(
            municipalities=frames[MUNICIPALITIES_FILE].set_index("kuntanumero", drop=False).rename_axis(None),
            regions=frames[REGIONS_FILE].set_index("maakunta_code", drop=False).rename_axis(None),
            outline=frames[OUTLINE_FILE],
        ),
        [],
    )


def missing_areas(cities: Iterable[tuple[str, str]], areas: Areas) -> list[Problem]:
    """A problem for each city (row label, kuntanumero) that has no municipality area."""
    return [
        Problem("cities.geojson", row, "kuntanumero", f"{number!r} has no area in {MUNICIPALITIES_FILE}")
        for row, number in cities
        if number not in areas.municipalities.index
    ]


def _read_area_file(path: Path) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    features, problems = read_features(path)
    if features is None:
        return gpd.GeoDataFrame(), problems
    if not features:
        return gpd.GeoDataFrame(), [Problem(path.name, "", "features", "must hold one or more areas")]
    records, geometries = [], []
    for number, feature in enumerate(features, start=1):
        record, geometry, found = _read_area(path.name, f"feature {number}", feature)
        problems += found
        records.append(record)
        geometries.append(geometry)
    problems += _key_problems(path.name, records)
    if problems:
        return gpd.GeoDataFrame(), problems
    return gpd.GeoDataFrame(records, geometry=geometries, crs="EPSG:4326"), []


def _read_area(file: str, row: str, feature: Any) -> tuple[dict[str, Any], Any, list[Problem]]:
    """One feature -> its properties and shapely geometry, or the reasons it is not a valid area."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return {}, None, [Problem(file, row, "type", "must be a GeoJSON Feature")]
    properties: dict[str, Any] = feature["properties"] if isinstance(feature.get("properties"), dict) else {}
    problems = [
        Problem(file, row, key, "is missing or not text")
        for key in AREA_PROPERTIES[file]
        if not isinstance(properties.get(key), str) or not properties[key].strip()
    ]
    geometry, found = _geometry(file, row, feature.get("geometry"))
    return {key: properties.get(key) for key in AREA_PROPERTIES[file]}, geometry, problems + found


def _geometry(file: str, row: str, value: Any) -> tuple[Any, list[Problem]]:
    kind = value.get("type") if isinstance(value, dict) else value
    if kind not in AREA_TYPES:
        return None, [Problem(file, row, "geometry", f"must be a Polygon or MultiPolygon, got {kind!r}")]
    try:
        geometry = shape(value)
    except (ValueError, TypeError, IndexError, AttributeError, shapely.errors.ShapelyError) as err:
        return None, [Problem(file, row, "geometry", f"cannot be read: {err}")]
    west, south, east, north = geometry.bounds
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        return None, [Problem(file, row, "geometry", "coordinates must be WGS84 longitude and latitude")]
    if not geometry.is_valid:
        return None, [Problem(file, row, "geometry", f"is not valid: {shapely.is_valid_reason(geometry)}")]
    return geometry, []


def _key_problems(file: str, records: list[dict[str, Any]]) -> list[Problem]:
    """Codes of the right width, each once."""
    digits = KEY_PATTERNS.get(file)
    if digits is None:
        return []
    key = AREA_PROPERTIES[file][0]
    problems: list[Problem] = []
    first_seen: dict[str, str] = {}
    for number, record in enumerate(records, start=1):
        code = record.get(key)
        if not isinstance(code, str):
            continue
        row = f"feature {number}"
        if len(code) != digits or not code.isdigit():
            problems.append(Problem(file, row, key, f"must be {digits} digits as text, got {code!r}"))
        elif code in first_seen:
            problems.append(Problem(file, row, key, f"{code!r} appears twice (first in {first_seen[code]})"))
        first_seen.setdefault(code, row)
    return problems
