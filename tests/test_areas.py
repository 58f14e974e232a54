"""The area files' checks: each problem one `file:row: field: message` line, all reported at once."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kpmap import load_dataset
from kpmap.problems import DataError


def edit_areas(directory: Path, name: str, change: Callable[[list[dict[str, Any]]], None]) -> None:
    file = directory / name
    doc = json.loads(file.read_text(encoding="utf-8"))
    change(doc["features"])
    file.write_text(json.dumps(doc), encoding="utf-8")


def problem_lines(directory: Path) -> list[str]:
    with pytest.raises(DataError) as raised:
        load_dataset(directory)
    return [str(problem) for problem in raised.value.problems]


def index_of(features: list[dict[str, Any]], kuntanumero: str) -> int:
    return next(i for i, f in enumerate(features) if f["properties"]["kuntanumero"] == kuntanumero)


def test_a_self_crossing_area_is_named_with_its_feature(data_copy):
    """A bow-tie polygon is reported as an invalid geometry of that feature."""
    bow_tie = {"type": "Polygon", "coordinates": [[[24, 60], [25, 61], [25, 60], [24, 61], [24, 60]]]}
    edit_areas(data_copy.path, "municipalities.geojson", lambda features: features[4].update(geometry=bow_tie))
    lines = problem_lines(data_copy.path)
    assert len(lines) == 1
    assert lines[0].startswith("municipalities.geojson:feature 5: geometry: is not valid: Self-intersection")


def test_a_code_given_twice_is_named_with_the_second_feature(data_copy):
    """Two areas with one municipality number: the second is reported."""

    def duplicate(features: list[dict[str, Any]]) -> None:
        features[2]["properties"]["kuntanumero"] = features[0]["properties"]["kuntanumero"]

    edit_areas(data_copy.path, "municipalities.geojson", duplicate)
    first = json.loads((data_copy.path / "municipalities.geojson").read_text(encoding="utf-8"))["features"][0]
    assert f"municipalities.geojson:feature 3: kuntanumero: {first['properties']['kuntanumero']!r} appears twice" in (
        problem_lines(data_copy.path)
    )


def test_a_city_without_an_area_is_named_in_the_cities_file(data_copy):
    """Helsinki's area removed: cities.geojson's Helsinki row is reported, by its number."""
    edit_areas(data_copy.path, "municipalities.geojson", lambda features: features.pop(index_of(features, "091")))
    lines = problem_lines(data_copy.path)
    assert len(lines) == 1
    assert lines[0].startswith("cities.geojson:") and lines[0].endswith(
        "kuntanumero: '091' has no area in municipalities.geojson"
    )


def test_projected_coordinates_are_not_taken_for_wgs84(data_copy):
    """An area in metres (ETRS-TM35FIN-like numbers) is reported as not WGS84 longitude and latitude."""
    square = {
        "type": "Polygon",
        "coordinates": [[[385000, 6672000], [386000, 6672000], [386000, 6673000], [385000, 6672000]]],
    }
    edit_areas(data_copy.path, "regions.geojson", lambda features: features[0].update(geometry=square))
    assert problem_lines(data_copy.path) == [
        "regions.geojson:feature 1: geometry: coordinates must be WGS84 longitude and latitude"
    ]


def test_every_area_problem_is_reported_at_once(data_copy):
    """Problems in two area files come together, one line each."""

    def bad_code(features: list[dict[str, Any]]) -> None:
        features[1]["properties"]["kuntanumero"] = "91"

    edit_areas(data_copy.path, "municipalities.geojson", bad_code)
    edit_areas(data_copy.path, "regions.geojson", lambda features: features[1]["properties"].update(maakunta_code="1"))
    assert problem_lines(data_copy.path) == [
        "municipalities.geojson:feature 2: kuntanumero: must be 3 digits as text, got '91'",
        "regions.geojson:feature 2: maakunta_code: must be 2 digits as text, got '1'",
    ]
