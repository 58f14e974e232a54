"""Every validation rule, one broken input each, built in code from a copy of the bundled data."""

from __future__ import annotations

import pytest

from kpmap import DataError, Problem, load_dataset
from tests.support import assert_refused


def feature(n):
    """Change feature n (1-based, as reported) of cities.geojson."""
    return lambda doc: doc["features"][n - 1]


def set_property(n, key, value):
    return lambda d: d.edit_cities(lambda doc: feature(n)(doc)["properties"].__setitem__(key, value))


def set_geometry(n, geometry):
    return lambda d: d.edit_cities(lambda doc: feature(n)(doc).__setitem__("geometry", geometry))


def set_membership(line, key, value):
    """Change the membership on CSV line `line` (the header is line 1)."""
    return lambda d: d.edit_memberships(lambda rows: rows[line - 2].__setitem__(key, value))


def write(name, content: bytes):
    return lambda d: (d.path / name).write_bytes(content)


def drop_memberships(programme_id=None, kuntanumero=None):
    def change(rows):
        rows[:] = [r for r in rows if r["programme_id"] != programme_id and r["kuntanumero"] != kuntanumero]

    return lambda d: d.edit_memberships(change)


# (what is broken, how to break it, the problem that must be reported: file, row, field, words in message)
BROKEN = [
    ("missing file", lambda d: (d.path / "cities.geojson").unlink(), ("cities.geojson", "", "", "file not found")),
    ("not UTF-8", write("partnerships.csv", b"programme_id\n\xff\xfe"), ("partnerships.csv", "", "", "not UTF-8")),
    ("bad JSON", write("cities.geojson", b'{"type": '), ("cities.geojson", "line 1", "", "invalid JSON")),
    (
        "not a FeatureCollection",
        write("cities.geojson", b'{"type": "Feature"}'),
        ("cities.geojson", "", "type", "FeatureCollection"),
    ),
    ("bad TOML", write("programmes.toml", b"[[programme]\nid = 1"), ("programmes.toml", "", "", "invalid TOML")),
    (
        "no programmes",
        write("programmes.toml", b"title = 'x'\n"),
        ("programmes.toml", "", "programme", "[[programme]]"),
    ),
    ("empty CSV", write("partnerships.csv", b""), ("partnerships.csv", "", "", "is empty")),
    (
        "CSV row too short",
        lambda d: d.replace_in("partnerships.csv", "c6,049,", "c6,049\n"),
        ("partnerships.csv", "3", "", "fields, the header has"),
    ),
    (
        "missing CSV column",
        lambda d: d.edit_memberships(lambda rows: [r.pop("source_url") for r in rows]),
        ("partnerships.csv", "1", "source_url", "is missing"),
    ),
    (
        "extra CSV column",
        lambda d: d.edit_memberships(lambda rows: [r.update(comment="x") for r in rows]),
        ("partnerships.csv", "1", "comment", "not an expected field"),
    ),
    (
        "missing property",
        lambda d: d.edit_cities(lambda doc: feature(3)(doc)["properties"].pop("maakunta")),
        ("cities.geojson", "feature 3", "maakunta", "is missing"),
    ),
    (
        "extra property",
        set_property(2, "mayor", "x"),
        ("cities.geojson", "feature 2", "mayor", "not an expected field"),
    ),
    (
        "polygon geometry",
        set_geometry(4, {"type": "Polygon", "coordinates": []}),
        ("cities.geojson", "feature 4", "geometry", "must be a Point"),
    ),
    ("no geometry", set_geometry(4, None), ("cities.geojson", "feature 4", "geometry", "must be a Point")),
    (
        "one coordinate",
        set_geometry(5, {"type": "Point", "coordinates": [24.9]}),
        ("cities.geojson", "feature 5", "geometry", "[longitude, latitude]"),
    ),
    (
        "text coordinates",
        set_geometry(5, {"type": "Point", "coordinates": ["24.9", "60.1"]}),
        ("cities.geojson", "feature 5", "geometry", "[longitude, latitude]"),
    ),
    (
        "longitude outside Finland",
        set_geometry(6, {"type": "Point", "coordinates": [10.7, 59.9]}),
        ("cities.geojson", "feature 6", "lon", "outside Finland"),
    ),
    (
        "latitude outside Finland",
        set_geometry(6, {"type": "Point", "coordinates": [24.9, 58.0]}),
        ("cities.geojson", "feature 6", "lat", "outside Finland"),
    ),
    (
        "swapped coordinates",
        set_geometry(1, {"type": "Point", "coordinates": [60.17, 24.94]}),
        ("cities.geojson", "feature 1", "lon", "outside Finland"),
    ),
    (
        "duplicate municipality number",
        set_property(2, "kuntanumero", "091"),
        ("cities.geojson", "feature 2", "kuntanumero", "more than once"),
    ),
    (
        "two-digit municipality number",
        set_property(1, "kuntanumero", "91"),
        ("cities.geojson", "feature 1", "kuntanumero", "three-digit"),
    ),
    (
        "numeric municipality number",
        set_property(1, "kuntanumero", 91),
        ("cities.geojson", "feature 1", "kuntanumero", "three-digit"),
    ),
    (
        "empty Finnish name",
        set_property(7, "name_fi", ""),
        ("cities.geojson", "feature 7", "name_fi", "non-empty text"),
    ),
    (
        "blank Swedish name",
        set_property(7, "name_sv", "   "),
        ("cities.geojson", "feature 7", "name_sv", "non-empty text"),
    ),
    ("null region", set_property(8, "maakunta", None), ("cities.geojson", "feature 8", "maakunta", "is missing")),
    (
        "zero population",
        set_property(9, "population", 0),
        ("cities.geojson", "feature 9", "population", "positive whole number"),
    ),
    (
        "negative population",
        set_property(9, "population", -5),
        ("cities.geojson", "feature 9", "population", "positive whole number"),
    ),
    (
        "population as text",
        set_property(9, "population", "1000"),
        ("cities.geojson", "feature 9", "population", "positive whole number"),
    ),
    (
        "fractional population",
        set_property(9, "population", 10.5),
        ("cities.geojson", "feature 9", "population", "positive whole number"),
    ),
    (
        "population date not ISO",
        set_property(10, "population_date", "31.12.2025"),
        ("cities.geojson", "feature 10", "population_date", "YYYY-MM-DD"),
    ),
    (
        "city in no programme",
        drop_memberships(kuntanumero="091"),
        ("cities.geojson", "feature 1", "kuntanumero", "in no programme"),
    ),
    (
        "membership of unknown city",
        set_membership(2, "kuntanumero", "999"),
        ("partnerships.csv", "2", "kuntanumero", "not a city"),
    ),
    (
        "membership of unknown programme",
        set_membership(3, "programme_id", "c7"),
        ("partnerships.csv", "3", "programme_id", "not a programme id"),
    ),
    (
        "duplicate membership",
        set_membership(3, "kuntanumero", "091"),
        ("partnerships.csv", "3", "kuntanumero", "more than once"),
    ),
    (
        "membership source not a URL",
        set_membership(4, "source_url", "tem.fi"),
        ("partnerships.csv", "4", "source_url", "http(s)"),
    ),
    (
        "membership date not a date",
        set_membership(5, "source_date", "June 2018"),
        ("partnerships.csv", "5", "source_date", "YYYY"),
    ),
    (
        "programme without members",
        drop_memberships(programme_id="east"),
        ("programmes.toml", "programme 4", "id", "has no members"),
    ),
    (
        "missing translation",
        lambda d: d.replace_in("programmes.toml", 'short_name.sv = "Regionstäder"\n', ""),
        ("programmes.toml", "programme 5", "short_name.sv", "is missing"),
    ),
    (
        "empty translation",
        lambda d: d.replace_in("programmes.toml", 'name.en = "Vitality partnership"', 'name.en = ""'),
        ("programmes.toml", "programme 2", "name_en", "non-empty text"),
    ),
    (
        "bad colour",
        lambda d: d.replace_in("programmes.toml", '"#D55E00"', '"orange"'),
        ("programmes.toml", "programme 2", "colour", "#RRGGBB"),
    ),
    (
        "short colour",
        lambda d: d.replace_in("programmes.toml", '"#D55E00"', '"#D55E0"'),
        ("programmes.toml", "programme 2", "colour", "#RRGGBB"),
    ),
    (
        "duplicate programme id",
        lambda d: d.replace_in("programmes.toml", 'id = "vitality"', 'id = "c6"'),
        ("programmes.toml", "programme 2", "id", "more than once"),
    ),
    (
        "unexpected field in a programme",
        lambda d: d.replace_in(
            "programmes.toml", 'principles.en = ["Self-directed', 'x = 1\nprinciples.en = ["Self-directed'
        ),
        ("programmes.toml", "programme 5", "x", "not an expected field"),
    ),
    (
        "dates left in programmes.toml",
        lambda d: d.replace_in(
            "programmes.toml",
            'sources = ["https://tem.fi/en/urban-policy-thematic-partnerships"]\n\n[[programme]]\nid = "growth"',
            'sources = ["https://tem.fi/en/urban-policy-thematic-partnerships"]\ndates = []\n\n[[programme]]\nid = "growth"',
        ),
        ("programmes.toml", "programme 2", "dates", "not an expected field"),
    ),
    ("history: no file", lambda d: (d.path / "history.csv").unlink(), ("history.csv", "", "", "file not found")),
    (
        "history: missing column",
        lambda d: d.replace_in("history.csv", ",source_url,source_note\n", ",source_url\n"),
        ("history.csv", "1", "source_note", "is missing"),
    ),
    (
        "history: bad date",
        lambda d: d.replace_in("history.csv", "2023-09-01,c6", "1.9.2023,c6"),
        ("history.csv", "3", "date", "YYYY, YYYY-MM or YYYY-MM-DD"),
    ),
    (
        "history: unknown programme",
        lambda d: d.replace_in("history.csv", "2024-05-23,vitality,", "2024-05-23,vitalty,"),
        ("history.csv", "5", "programme_id", "is not a programme id in programmes.toml"),
    ),
    (
        "history: unknown kind of event",
        lambda d: d.replace_in("history.csv", "2024,c6,started,", "2024,c6,begun,"),
        ("history.csv", "4", "event", "must be one of started, changed, joined, left"),
    ),
    (
        "history: a city joins without its number",
        lambda d: d.replace_in("history.csv", "2024,c6,started,,", "2024,c6,joined,,"),
        ("history.csv", "4", "kuntanumero", "is needed: a city joined"),
    ),
    (
        "history: a programme-wide event names a city",
        lambda d: d.replace_in("history.csv", "2023-01-31,c6,changed,,", "2023-01-31,c6,changed,091,"),
        ("history.csv", "2", "kuntanumero", "must be empty"),
    ),
    (
        "history: not a municipality",
        lambda d: d.replace_in("history.csv", "2024,c6,started,,", "2024,c6,left,999,"),
        ("history.csv", "4", "kuntanumero", "is not a municipality in municipalities.geojson"),
    ),
    (
        "history: no text",
        lambda d: d.replace_in("history.csv", ",The C6 mayors propose the model,", ",,"),
        ("history.csv", "2", "text_en", "must be non-empty text"),
    ),
    (
        "history: a city joined that partnerships.csv does not list",
        lambda d: d.replace_in("history.csv", "2024,c6,started,,", "2024,c6,joined,444,"),
        ("history.csv", "4", "kuntanumero", "the city joined c6 on 2024, but partnerships.csv does not list it"),
    ),
    (
        "history: a city left that partnerships.csv still lists",
        lambda d: d.replace_in("history.csv", "2024,c6,started,,", "2024,c6,left,091,"),
        ("history.csv", "4", "kuntanumero", "the city left c6 on 2024, but partnerships.csv still lists it"),
    ),
    ("sources: no file", lambda d: (d.path / "sources.toml").unlink(), ("sources.toml", "", "", "file not found")),
    (
        "sources: checked is not a date",
        lambda d: d.replace_in("sources.toml", 'checked = "2026-11-29"', 'checked = "29.11.2026"'),
        ("sources.toml", "", "checked", "must be a date as YYYY-MM-DD"),
    ),
    (
        "sources: checked is no day of the calendar",
        lambda d: d.replace_in("sources.toml", 'checked = "2026-11-29"', 'checked = "2026-02-30"'),
        ("sources.toml", "", "checked", "must be a date as YYYY-MM-DD"),
    ),
    (
        "history: a date that is no day of the calendar",
        lambda d: d.replace_in("history.csv", "2023-09-01,c6", "2023-09-31,c6"),
        ("history.csv", "3", "date", "YYYY, YYYY-MM or YYYY-MM-DD"),
    ),
    (
        "sources: checked is missing",
        lambda d: d.replace_in("sources.toml", 'checked = "2026-11-29"', ""),
        ("sources.toml", "", "checked", "is missing"),
    ),
    (
        "sources: the members page lists an unknown programme",
        lambda d: d.replace_in("sources.toml", '"east"]', '"eest"]'),
        ("sources.toml", "", "members_page.programmes", "must list programme ids from programmes.toml"),
    ),
    (
        "sources: the members page has no address",
        lambda d: d.replace_in("sources.toml", "[members_page]\nurl =", "[members_page]\naddress ="),
        ("sources.toml", "members_page", "url", "is missing"),
    ),
    (
        "sources: a fingerprint that is not sha256",
        lambda d: add_fingerprint(d, "https://tem.fi/kaupunkipolitiikka-temaattiset-kumppanuudet", "abc"),
        ("sources.toml", "source 1", "fingerprint", 'must be "sha256:" and 64 lower-case hex digits'),
    ),
    (
        "sources: a fingerprint of an address the data does not cite",
        lambda d: add_fingerprint(d, "https://example.org/", "sha256:" + "0" * 64),
        ("sources.toml", "source 1", "url", "is not an address the data cites"),
    ),
    (
        "sources: a fingerprint without its day",
        lambda d: d.replace_in(
            "sources.toml", "# [[source]]", '[[source]]\nurl = "https://tem.fi/"\nfingerprint = "x"'
        ),
        ("sources.toml", "source 1", "taken", "is missing"),
    ),
]


def add_fingerprint(d, url, fingerprint, taken="2026-12-01"):
    """Append a [[source]] entry to sources.toml."""
    with (d.path / "sources.toml").open("a", encoding="utf-8") as file:
        file.write(f'\n[[source]]\nurl = "{url}"\nfingerprint = "{fingerprint}"\ntaken = "{taken}"\n')


@pytest.mark.parametrize(("what", "break_it", "expected"), BROKEN, ids=[case[0] for case in BROKEN])
def test_broken_data_is_refused_with_a_precise_problem(data_copy, what, break_it, expected):
    """Each kind of broken data raises DataError naming the file, row, field and what is wrong."""
    break_it(data_copy)
    assert_refused(data_copy.path, expected)


def test_empty_principles_are_refused(data_copy):
    """A programme must name at least one principle in every language."""
    data_copy.replace_in(
        "programmes.toml",
        'principles.en = ["Self-directed development", "Partnership and contractuality", "Network development"]',
        "principles.en = []",
    )
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy.path)
    assert [str(p) for p in caught.value.problems] == [
        "programmes.toml:programme 5: principles_en: must be a non-empty list of texts, got []"
    ]


def test_every_problem_is_reported_at_once(data_copy):
    """Problems in all three files come back together, not one at a time."""
    set_property(9, "population", -1)(data_copy)
    set_membership(2, "programme_id", "nope")(data_copy)
    data_copy.replace_in("programmes.toml", '"#D55E00"', '"red"')
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy.path)
    assert {p.file for p in caught.value.problems} == {"cities.geojson", "partnerships.csv", "programmes.toml"}


def test_an_unreadable_file_does_not_flood_the_report(data_copy):
    """With cities.geojson unreadable, memberships are not each reported as unknown cities."""
    write("cities.geojson", b"not json")(data_copy)
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy.path)
    assert len(caught.value.problems) == 1


def test_missing_data_directory_is_a_problem(tmp_path):
    """A data directory that does not exist is reported, not a crash."""
    with pytest.raises(DataError) as caught:
        load_dataset(tmp_path / "nowhere")
    assert caught.value.problems == [Problem(str(tmp_path / "nowhere"), "", "", "data directory not found")]


def test_problem_reads_as_file_row_field_message():
    """A problem prints as file:row: field: message."""
    assert str(Problem("partnerships.csv", "12", "kuntanumero", "bad")) == "partnerships.csv:12: kuntanumero: bad"
    assert str(Problem("cities.geojson", "", "", "file not found")) == "cities.geojson: file not found"


def test_problems_are_sorted_by_row_number():
    """Row 10 comes after row 9, not between 1 and 2."""
    error = DataError([Problem("f", "10", "a", "x"), Problem("f", "9", "a", "x"), Problem("f", "1", "a", "x")])
    assert [p.row for p in error.problems] == ["1", "9", "10"]
