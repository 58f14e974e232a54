"""The area files and finland.toml: the bundled ones load, broken ones give precise problems."""

from __future__ import annotations

import json

import pytest

from tests.support import assert_refused

BOWTIE = {"type": "Polygon", "coordinates": [[[24.0, 60.0], [25.0, 61.0], [25.0, 60.0], [24.0, 61.0], [24.0, 60.0]]]}
METRES = {"type": "Polygon", "coordinates": [[[385000, 6672000], [386000, 6672000], [386000, 6673000], [385000, 6672000]]]}


def edit_areas(change):
    """Change municipalities.geojson's parsed document in place."""

    def apply(copy):
        file = copy.path / "municipalities.geojson"
        doc = json.loads(file.read_text(encoding="utf-8"))
        change(doc["features"])
        file.write_text(json.dumps(doc), encoding="utf-8")

    return apply


def set_area(n, key, value):
    """Feature n (1-based, as reported): a property, or the geometry."""

    def change(features):
        target = features[n - 1] if key == "geometry" else features[n - 1]["properties"]
        target[key] = value

    return edit_areas(change)


def drop_area(kuntanumero):
    return edit_areas(lambda fs: fs.remove(next(f for f in fs if f["properties"]["kuntanumero"] == kuntanumero)))


# (what is broken, how to break it, the problem that must be reported: file, row, field, words in message)
BROKEN = [
    ("bowtie area", set_area(2, "geometry", BOWTIE), ("municipalities.geojson", "feature 2", "geometry", "not valid")),
    ("area in metres", set_area(3, "geometry", METRES), ("municipalities.geojson", "feature 3", "geometry", "WGS84")),
    (
        "point as area",
        set_area(4, "geometry", {"type": "Point", "coordinates": [25.0, 60.0]}),
        ("municipalities.geojson", "feature 4", "geometry", "Polygon or MultiPolygon"),
    ),
    (
        "duplicate code",
        set_area(2, "kuntanumero", "091"),
        ("municipalities.geojson", "feature 33", "kuntanumero", "'091' appears twice (first in feature 2)"),
    ),
    ("short code", set_area(5, "kuntanumero", "91"), ("municipalities.geojson", "feature 5", "kuntanumero", "3 digits")),
    ("no name", set_area(6, "name_fi", ""), ("municipalities.geojson", "feature 6", "name_fi", "missing")),
    ("city without area", drop_area("091"), ("cities.geojson", "feature 1", "kuntanumero", "has no area")),
    (
        "regions not JSON",
        lambda d: (d.path / "regions.geojson").write_text("{", encoding="utf-8"),
        ("regions.geojson", "line 1", "", "invalid JSON"),
    ),
    (
        "outline missing",
        lambda d: (d.path / "finland_outline.geojson").unlink(),
        ("finland_outline.geojson", "", "", "file not found"),
    ),
    (
        "Finland smaller than its cities",
        lambda d: d.replace_in("finland.toml", "population = 5652881", "population = 1000"),
        ("finland.toml", "", "population", "smaller than the cities' population"),
    ),
    (
        "Finland without a date",
        lambda d: d.replace_in("finland.toml", 'population_date = "2025-12-31"\n', ""),
        ("finland.toml", "", "population_date", "is missing"),
    ),
    (
        "Finland's date not a date",
        lambda d: d.replace_in("finland.toml", '"2025-12-31"', '"end of 2025"'),
        ("finland.toml", "", "population_date", "YYYY-MM-DD"),
    ),
    (
        "confirmed count off",
        lambda d: d.replace_in("programmes.toml", "members_confirmed = 46", "members_confirmed = 45"),
        ("programmes.toml", "programme 5", "members_confirmed", "partnerships.csv lists 46 members"),
    ),
]


@pytest.mark.parametrize(("what", "break_it", "expected"), BROKEN, ids=[case[0] for case in BROKEN])
def test_broken_areas_and_figures_are_refused_with_a_precise_problem(data_copy, what, break_it, expected):
    """Each kind of broken area or Finland figure raises DataError naming file, row, field and what is wrong."""
    break_it(data_copy)
    assert_refused(data_copy.path, expected)


def test_bundled_areas_cover_finland_and_every_city(dataset):
    """308 municipalities with unique codes, 19 regions, one outline; every city joins its own area by number."""
    data = dataset
    areas = data.areas
    assert len(areas.municipalities) == 308 and areas.municipalities.index.is_unique
    assert len(areas.regions) == 19 and len(areas.outline) == 1
    assert set(data.cities.index) <= set(areas.municipalities.index)
    joined = areas.municipalities.loc[data.cities.index]
    assert (joined["name_fi"] == data.cities["name_fi"]).all()
    assert (joined["maakunta_fi"] == data.cities["maakunta"]).all()
    assert areas.municipalities.crs.to_epsg() == 4326


def test_tornio_joins_by_number_although_its_point_lies_outside_its_area(dataset):
    """Tornio's GeoNames point is in the sea, outside its generalised area: the join must not need it inside."""
    data = dataset
    tornio = data.areas.municipalities.loc["851"]
    assert tornio["name_fi"] == "Tornio"
    assert not tornio.geometry.contains(data.cities.loc["851"].geometry)


def test_finland_population_is_kept_with_its_source_and_date(dataset):
    """Finland's own population (31.12.2025, Statistics Finland) is in the data, larger than the cities' sum."""
    finland = dataset.finland
    assert (finland.population, finland.date) == (5_652_881, "2025-12-31")
    assert "Statistics Finland" in finland.source and "11re" in finland.source
    assert finland.population > int(dataset.cities["population"].sum())
