"""Read the data files into plain frames, reporting what cannot be read at all.

Reading checks structure only (is this JSON, a FeatureCollection, a Point, which keys are there);
the values are checked by the schemas in `schemas.py`.
"""

from __future__ import annotations

import csv
import json
import tomllib
from pathlib import Path
from typing import Any

import pandas as pd

from kpmap.problems import Problem

CITIES_FILE = "cities.geojson"
PARTNERSHIPS_FILE = "partnerships.csv"
PROGRAMMES_FILE = "programmes.toml"
FINLAND_FILE = "finland.toml"
HISTORY_FILE = "history.csv"
SOURCES_FILE = "sources.toml"

CITY_PROPERTIES = (
    "kuntanumero",
    "name_fi",
    "name_sv",
    "maakunta",
    "population",
    "population_date",
    "population_source",
    "geonames_id",
)
PARTNERSHIP_COLUMNS = ("programme_id", "kuntanumero", "source_url", "source_date", "source_note")
HISTORY_COLUMNS = (
    "date",
    "programme_id",
    "event",
    "kuntanumero",
    "text_fi",
    "text_sv",
    "text_en",
    "source_url",
    "source_note",
)
FINLAND_KEYS = ("population", "population_date", "population_source")
SOURCES_KEYS = ("checked", "members_page")
MEMBERS_PAGE_KEYS = ("url", "programmes")
FINGERPRINT_KEYS = ("url", "fingerprint", "taken")
LANGUAGES = ("fi", "sv", "en")
TRANSLATED_FIELDS = ("name", "short_name", "description", "principles", "themes")
PROGRAMME_KEYS = (
    "id",
    "order",
    "colour",
    "official_url",
    "translated_names",
    "sources",
    *TRANSLATED_FIELDS,
)
OPTIONAL_PROGRAMME_KEYS = (
    "members_confirmed",
    "members_total",
    "full_list_holder",
    "full_list_url",
)

Read = tuple[pd.DataFrame, list[Problem]]


def _frame(records: dict[str, dict[str, Any]]) -> pd.DataFrame:
    """Records keyed by row label -> a frame of the values exactly as parsed (no float coercion)."""
    return pd.DataFrame(list(records.values()), index=list(records), dtype=object)


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """The file's text, or a problem saying why it cannot be had."""
    try:
        return path.read_text(encoding="utf-8"), []
    except FileNotFoundError:
        return None, [Problem(path.name, "", "", f"file not found in {path.parent}")]
    except UnicodeDecodeError as err:
        return None, [Problem(path.name, "", "", f"not UTF-8 text (byte {err.start})")]
    except OSError as err:
        return None, [Problem(path.name, "", "", f"cannot be read: {err.strerror}")]


def _key_problems(
    file: str, row: str, keys: Any, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> list[Problem]:
    """Missing and unexpected keys of one record."""
    present = set(keys)
    missing = [Problem(file, row, key, "is missing") for key in required if key not in present]
    allowed = set(required) | set(optional)
    extra = [Problem(file, row, key, "is not an expected field") for key in sorted(present - allowed)]
    return missing + extra


def read_features(path: Path) -> tuple[list[Any] | None, list[Problem]]:
    """A GeoJSON file's list of features, or the problem that keeps it from being read as one."""
    text, problems = read_text(path)
    if text is None:
        return None, problems
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        return None, [Problem(path.name, f"line {err.lineno}", "", f"invalid JSON: {err.msg}")]
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(features, list):
        return None, [Problem(path.name, "", "type", "must be a GeoJSON FeatureCollection with a list of features")]
    return features, []


def read_cities(path: Path) -> Read:
    """cities.geojson -> one row per feature: its properties plus lon and lat."""
    features, problems = read_features(path)
    if features is None:
        return pd.DataFrame(), problems
    records: dict[str, dict[str, Any]] = {}
    for number, feature in enumerate(features, start=1):
        row = f"feature {number}"
        record, found = _read_feature(path.name, row, feature)
        problems += found
        if record is not None:
            records[row] = record
    return _frame(records), problems


def _read_feature(file: str, row: str, feature: Any) -> tuple[dict[str, Any] | None, list[Problem]]:
    """One GeoJSON Point feature -> a flat record, or the reasons it is not one."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return None, [Problem(file, row, "type", "must be a GeoJSON Feature")]
    properties = feature.get("properties")
    if not isinstance(properties, dict):
        return None, [Problem(file, row, "properties", "must be an object")]
    problems = _key_problems(file, row, properties, CITY_PROPERTIES)
    geometry = feature.get("geometry")
    coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        kind = geometry.get("type") if isinstance(geometry, dict) else geometry
        problems.append(Problem(file, row, "geometry", f"must be a Point, got {kind!r}"))
    elif not _is_position(coordinates):
        problems.append(
            Problem(file, row, "geometry", f"Point needs [longitude, latitude] numbers, got {coordinates!r}")
        )
    if problems or coordinates is None:
        return None, problems
    return {**{key: properties[key] for key in CITY_PROPERTIES}, "lon": coordinates[0], "lat": coordinates[1]}, []


def _is_position(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) in (2, 3)
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    )


def read_partnerships(path: Path) -> Read:
    """partnerships.csv -> one row per membership, all text, indexed by line number."""
    return read_csv(path, PARTNERSHIP_COLUMNS)


def read_history(path: Path) -> Read:
    """history.csv -> one row per dated event, all text, indexed by line number."""
    return read_csv(path, HISTORY_COLUMNS)


def read_csv(path: Path, columns: tuple[str, ...]) -> Read:
    """A CSV file with exactly these columns -> one row per line, all text, indexed by line number."""
    text, problems = read_text(path)
    if text is None:
        return pd.DataFrame(), problems
    rows = list(csv.reader(text.splitlines()))
    if not rows:
        return pd.DataFrame(), [Problem(path.name, "", "", "is empty; the first line must name the columns")]
    header, body = rows[0], rows[1:]
    problems += _key_problems(path.name, "1", header, columns)
    problems += [
        Problem(path.name, "1", name, "column appears twice") for name in set(header) if header.count(name) > 1
    ]
    if problems:
        return pd.DataFrame(), problems
    records: dict[str, dict[str, str]] = {}
    for line, values in enumerate(body, start=2):
        if not values:
            continue
        if len(values) != len(header):
            problems.append(
                Problem(path.name, str(line), "", f"has {len(values)} fields, the header has {len(header)}")
            )
            continue
        records[str(line)] = dict(zip(header, values, strict=True))
    return _frame(records), problems


def _read_toml(path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    text, problems = read_text(path)
    if text is None:
        return None, problems
    try:
        return tomllib.loads(text), []
    except tomllib.TOMLDecodeError as err:
        return None, [Problem(path.name, "", "", f"invalid TOML: {err}")]


def read_finland(path: Path) -> Read:
    """finland.toml -> one row: Finland's population with its date and source."""
    doc, problems = _read_toml(path)
    if doc is None:
        return pd.DataFrame(), problems
    problems = _key_problems(path.name, "", doc, FINLAND_KEYS)
    return (pd.DataFrame(), problems) if problems else (_frame({"": doc}), [])


def read_programmes(path: Path) -> Read:
    """programmes.toml -> one row per programme, translations flattened to name_fi, name_sv, ..."""
    doc, problems = _read_toml(path)
    if doc is None:
        return pd.DataFrame(), problems
    programmes = doc.get("programme")
    if not isinstance(programmes, list) or not programmes:
        return pd.DataFrame(), [Problem(path.name, "", "programme", "needs one or more [[programme]] tables")]
    records: dict[str, dict[str, Any]] = {}
    for number, table in enumerate(programmes, start=1):
        row = f"programme {number}"
        found = _key_problems(path.name, row, table, PROGRAMME_KEYS, OPTIONAL_PROGRAMME_KEYS)
        found += _translation_problems(path.name, row, table)
        problems += found
        if not found:
            records[row] = _flatten(table)
    return _frame(records), problems


def _translation_problems(file: str, row: str, table: dict[str, Any]) -> list[Problem]:
    """Every translated field must be a table with exactly fi, sv and en."""
    problems = []
    for field in TRANSLATED_FIELDS:
        value = table.get(field)
        if field not in table:
            continue
        if not isinstance(value, dict):
            problems.append(Problem(file, row, field, "must be a table with fi, sv and en"))
            continue
        problems += _key_problems(
            file, row, {f"{field}.{k}" for k in value}, tuple(f"{field}.{lang}" for lang in LANGUAGES)
        )
    return problems


def _flatten(table: dict[str, Any]) -> dict[str, Any]:
    """name = {fi = ..} -> name_fi = ..; optional keys present as None when absent."""
    flat: dict[str, Any] = {key: table.get(key) for key in (*PROGRAMME_KEYS, *OPTIONAL_PROGRAMME_KEYS)}
    for field in TRANSLATED_FIELDS:
        del flat[field]
        flat.update({f"{field}_{lang}": table[field][lang] for lang in LANGUAGES})
    return flat


def read_sources(path: Path) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    """sources.toml -> its settings as one row (checked, members_page.url, members_page.programmes), and
    one row per recorded fingerprint ("source 1", ...: url, fingerprint, taken)."""
    doc, problems = _read_toml(path)
    if doc is None:
        return pd.DataFrame(), pd.DataFrame(), problems
    problems = _key_problems(path.name, "", doc, SOURCES_KEYS, ("source",))
    page = doc.get("members_page")
    if "members_page" in doc and not isinstance(page, dict):
        problems.append(Problem(path.name, "", "members_page", "must be a table with url and programmes"))
    elif isinstance(page, dict):
        problems += _key_problems(path.name, "members_page", page, MEMBERS_PAGE_KEYS)
    entries = doc.get("source", [])
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        problems.append(Problem(path.name, "", "source", "must be [[source]] tables"))
        entries = []
    records: dict[str, dict[str, Any]] = {}
    for number, entry in enumerate(entries, start=1):
        found = _key_problems(path.name, f"source {number}", entry, FINGERPRINT_KEYS)
        problems += found
        if not found:
            records[f"source {number}"] = entry
    if problems:
        return pd.DataFrame(), pd.DataFrame(), problems
    page = doc["members_page"]
    settings = {
        "checked": doc["checked"],
        "members_page.url": page["url"],
        "members_page.programmes": page["programmes"],
    }
    return _frame({"": settings}), _frame(records), []
