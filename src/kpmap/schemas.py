"""Pandera schemas for the data files, one per file (two for sources.toml).

Values arrive as parsed from JSON, CSV or TOML (no coercion), so every check looks at the raw
value and says in plain words what it must be. Cross-file rules (a membership names a known city)
take the other files' keys as arguments.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Collection
from typing import Any

import pandera.pandas as pa

from kpmap.files import LANGUAGES
from kpmap.model import EVENT_KINDS

# Finland's extent with a small margin: Åland in the south-west to Utsjoki in the north.
LONGITUDE_RANGE = (19.0, 31.7)
LATITUDE_RANGE = (59.4, 70.2)

_MUNICIPALITY_NUMBER = re.compile(r"\d{3}")
_ISO_DATE = re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")
_PARTIAL_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
_URL = re.compile(r"https?://[^\s<>\"']+")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_PROGRAMME_ID = re.compile(r"[a-z][a-z0-9_]*")


def _rule(test: Callable[[Any], bool], error: str) -> pa.Check:
    """An element-wise check; a test that raises on an odd value counts as a failure."""

    def safe(value: Any) -> bool:
        try:
            return bool(test(value))
        except (TypeError, ValueError):
            return False

    return pa.Check(safe, element_wise=True, error=error)


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _is_whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _matches(pattern: re.Pattern[str]) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, str) and pattern.fullmatch(value) is not None


def _date(pattern: re.Pattern[str]) -> Callable[[Any], bool]:
    """A date written as the pattern says that is also a day of the calendar: no 30 February, which the
    pages, the timeline and `validate`'s age check would fail on (fromisoformat raises; _rule says no)."""

    def test(value: Any) -> bool:
        if not _matches(pattern)(value):
            return False
        if value.count("-") == 2:
            datetime.date.fromisoformat(value)
        return True

    return test


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(_is_text(item) for item in value)


TEXT = _rule(_is_text, "must be non-empty text")
URL = _rule(_matches(_URL), "must be an http(s) address")
MUNICIPALITY_NUMBER = _rule(
    _matches(_MUNICIPALITY_NUMBER), 'must be a three-digit municipality number as text, like "091"'
)


def _column(*checks: pa.Check, nullable: bool = False, unique: bool = False) -> pa.Column:
    return pa.Column(None, checks=list(checks), nullable=nullable, unique=unique)


def cities_schema(member_city_ids: Collection[str]) -> pa.DataFrameSchema:
    """cities.geojson, one row per feature; every city must belong to some programme."""
    lon_min, lon_max = LONGITUDE_RANGE
    lat_min, lat_max = LATITUDE_RANGE
    return pa.DataFrameSchema(
        {
            "kuntanumero": _column(
                MUNICIPALITY_NUMBER,
                _rule(lambda v: v in member_city_ids, "is in no programme in partnerships.csv"),
                unique=True,
            ),
            "name_fi": _column(TEXT),
            "name_sv": _column(TEXT),
            "maakunta": _column(TEXT),
            "population": _column(_rule(lambda v: _is_whole(v) and v > 0, "must be a positive whole number")),
            "population_date": _column(_rule(_date(_ISO_DATE), "must be a date as YYYY-MM-DD")),
            "population_source": _column(TEXT),
            "geonames_id": _column(_rule(lambda v: _is_whole(v) and v > 0, "must be a positive whole number")),
            "lon": _column(
                _rule(lambda v: lon_min <= v <= lon_max, f"longitude is outside Finland ({lon_min}..{lon_max})")
            ),
            "lat": _column(
                _rule(lambda v: lat_min <= v <= lat_max, f"latitude is outside Finland ({lat_min}..{lat_max})")
            ),
        },
        strict=True,
    )


def finland_schema(cities_population: int) -> pa.DataFrameSchema:
    """finland.toml: Finland's population, at least as large as the cities' together."""
    return pa.DataFrameSchema(
        {
            "population": _column(
                _rule(lambda v: _is_whole(v) and v > 0, "must be a positive whole number"),
                _rule(
                    lambda v: not _is_whole(v) or v >= cities_population,
                    f"is smaller than the cities' population together ({cities_population})",
                ),
            ),
            "population_date": _column(_rule(_date(_ISO_DATE), "must be a date as YYYY-MM-DD")),
            "population_source": _column(TEXT),
        },
        strict=True,
    )


def partnerships_schema(city_ids: Collection[str], programme_ids: Collection[str]) -> pa.DataFrameSchema:
    """partnerships.csv, one row per membership; both keys must exist in the other files."""
    return pa.DataFrameSchema(
        {
            "programme_id": _column(_rule(lambda v: v in programme_ids, "is not a programme id in programmes.toml")),
            "kuntanumero": _column(
                MUNICIPALITY_NUMBER,
                _rule(lambda v: v in city_ids, "is not a city in cities.geojson"),
            ),
            "source_url": _column(URL),
            "source_date": _column(
                _rule(lambda v: v == "" or _date(_PARTIAL_DATE)(v), "must be YYYY, YYYY-MM, YYYY-MM-DD or empty")
            ),
            "source_note": _column(_rule(lambda v: isinstance(v, str), "must be text")),
        },
        strict=True,
        unique=["programme_id", "kuntanumero"],
        report_duplicates="all",
    )


def _translated(field: str, *checks: pa.Check) -> dict[str, pa.Column]:
    return {f"{field}_{lang}": _column(*checks) for lang in LANGUAGES}


def programmes_schema(member_programme_ids: Collection[str]) -> pa.DataFrameSchema:
    """programmes.toml, one row per programme; each needs members in partnerships.csv."""
    positive_whole = _rule(lambda v: _is_whole(v) and v > 0, "must be a positive whole number")
    return pa.DataFrameSchema(
        {
            "id": _column(
                _rule(_matches(_PROGRAMME_ID), "must be lower-case letters, digits or _"),
                _rule(lambda v: v in member_programme_ids, "has no members in partnerships.csv"),
                unique=True,
            ),
            "order": _column(positive_whole, unique=True),
            "colour": _column(_rule(_matches(_COLOUR), "must be a colour as #RRGGBB")),
            "official_url": _column(URL),
            "translated_names": _column(
                _rule(lambda v: isinstance(v, list) and set(v) <= set(LANGUAGES), "must list some of fi, sv, en")
            ),
            "sources": _column(
                _rule(
                    lambda v: isinstance(v, list) and all(_URL.fullmatch(u) for u in v),
                    "must be a list of http(s) addresses",
                )
            ),
            **_translated("name", TEXT),
            **_translated("short_name", TEXT),
            **_translated("description", TEXT),
            **_translated(
                "principles", _rule(lambda v: _is_text_list(v) and len(v) > 0, "must be a non-empty list of texts")
            ),
            **_translated("themes", _rule(_is_text_list, "must be a list of texts")),
            "members_confirmed": _column(positive_whole, nullable=True),
            "members_total": _column(positive_whole, nullable=True),
            "full_list_holder": _column(TEXT, nullable=True),
            "full_list_url": _column(URL, nullable=True),
        },
        strict=True,
    )


_FINGERPRINT = re.compile(r"sha256:[0-9a-f]{64}")


def history_schema(programme_ids: Collection[str], municipality_ids: Collection[str]) -> pa.DataFrameSchema:
    """history.csv, one row per dated event of a programme or of a city in it."""
    return pa.DataFrameSchema(
        {
            "date": _column(_rule(_date(_PARTIAL_DATE), "must be YYYY, YYYY-MM or YYYY-MM-DD")),
            "programme_id": _column(_rule(lambda v: v in programme_ids, "is not a programme id in programmes.toml")),
            "event": _column(_rule(lambda v: v in EVENT_KINDS, f"must be one of {', '.join(EVENT_KINDS)}")),
            "kuntanumero": _column(
                _rule(lambda v: v == "" or _matches(_MUNICIPALITY_NUMBER)(v), "must be empty or three digits"),
                _rule(lambda v: v == "" or v in municipality_ids, "is not a municipality in municipalities.geojson"),
            ),
            **{f"text_{lang}": _column(TEXT) for lang in LANGUAGES},
            "source_url": _column(URL),
            "source_note": _column(_rule(lambda v: isinstance(v, str), "must be text")),
        },
        strict=True,
    )


def sources_schema(programme_ids: Collection[str]) -> pa.DataFrameSchema:
    """sources.toml's settings: the day the data was last checked, and the page that lists members."""
    return pa.DataFrameSchema(
        {
            "checked": _column(_rule(_date(_ISO_DATE), "must be a date as YYYY-MM-DD")),
            "members_page.url": _column(URL),
            "members_page.programmes": _column(
                _rule(
                    lambda v: isinstance(v, list) and len(v) > 0 and all(i in programme_ids for i in v),
                    "must list programme ids from programmes.toml",
                )
            ),
        },
        strict=True,
    )


def fingerprints_schema() -> pa.DataFrameSchema:
    """sources.toml's [[source]] entries: an address, its text's fingerprint, and the day it was taken."""
    return pa.DataFrameSchema(
        {
            "url": _column(URL, unique=True),
            "fingerprint": _column(_rule(_matches(_FINGERPRINT), 'must be "sha256:" and 64 lower-case hex digits')),
            "taken": _column(_rule(_date(_ISO_DATE), "must be a date as YYYY-MM-DD")),
        },
        strict=True,
    )
