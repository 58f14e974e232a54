"""Load the data directory: read, validate, join. Raises DataError with every problem found."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import geopandas as gpd
import pandas as pd

from kpmap.areas import AREA_FILES, Areas, missing_areas, read_areas
from kpmap.files import (
    CITIES_FILE,
    FINLAND_FILE,
    HISTORY_FILE,
    LANGUAGES,
    PARTNERSHIPS_FILE,
    PROGRAMMES_FILE,
    SOURCES_FILE,
    read_cities,
    read_finland,
    read_history,
    read_partnerships,
    read_programmes,
    read_sources,
)
from kpmap.model import (
    EVENT_KINDS,
    Country,
    Dataset,
    DatedEvent,
    Fingerprint,
    HistoryEvent,
    Localized,
    MembersPage,
    PartialList,
    Programme,
)
from kpmap.problems import DataError, Problem
from kpmap.validate import check_frames, check_upkeep_frames, history_membership_problems

# An installed package carries its data as kpmap/bundled_data (see pyproject.toml); a source checkout,
# or an editable install, reads the repository's data/ itself.
_INSTALLED_DATA_DIR = Path(__file__).resolve().parent / "bundled_data"
BUNDLED_DATA_DIR = _INSTALLED_DATA_DIR if _INSTALLED_DATA_DIR.is_dir() else Path(__file__).resolve().parents[2] / "data"
# Every file a data directory holds: an edit to any of them is a new version of the data.
DATA_FILES = (CITIES_FILE, PARTNERSHIPS_FILE, PROGRAMMES_FILE, FINLAND_FILE, HISTORY_FILE, SOURCES_FILE, *AREA_FILES)


def load_dataset(data_dir: Path | str = BUNDLED_DATA_DIR) -> Dataset:
    """Read and check the data files in data_dir; return the joined, typed dataset."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError([Problem(str(data_dir), "", "", "data directory not found")])
    cities, city_problems = read_cities(data_dir / CITIES_FILE)
    memberships, membership_problems = read_partnerships(data_dir / PARTNERSHIPS_FILE)
    programmes, programme_problems = read_programmes(data_dir / PROGRAMMES_FILE)
    finland, finland_problems = read_finland(data_dir / FINLAND_FILE)
    problems = city_problems + membership_problems + programme_problems + finland_problems
    areas, area_problems = read_areas(data_dir)
    problems += area_problems + check_frames(cities, memberships, programmes, finland)
    if areas is not None and "kuntanumero" in cities:
        problems += missing_areas(cities["kuntanumero"].items(), areas)
    history, history_problems = read_history(data_dir / HISTORY_FILE)
    sources, fingerprints, source_problems = read_sources(data_dir / SOURCES_FILE)
    municipality_ids = set(areas.municipalities.index) if areas is not None else _Anything()
    problems += history_problems + source_problems
    problems += check_upkeep_frames(history, sources, fingerprints, programmes, municipality_ids)
    problems += history_membership_problems(history, memberships)
    if problems or areas is None:
        raise DataError(problems)
    dataset = _join(cities, memberships, programmes, areas, _country(finland), _upkeep(history, sources, fingerprints))
    _check_fingerprinted_urls(dataset, fingerprints)
    return dataset


class _Anything:
    """Every key: the municipalities could not be read, so events are not checked against them."""

    def __contains__(self, item: object) -> bool:
        return True


class _Upkeep(NamedTuple):
    history: tuple[HistoryEvent, ...]
    checked: str
    members_page: MembersPage
    fingerprints: tuple[Fingerprint, ...]


def _upkeep(history: pd.DataFrame, sources: pd.DataFrame, fingerprints: pd.DataFrame) -> _Upkeep:
    """The validated history.csv and sources.toml as typed values (the history not yet sorted)."""
    settings = sources.iloc[0]
    events = tuple(
        HistoryEvent(
            date=row["date"],
            programme_id=row["programme_id"],
            kind=row["event"],
            city=row["kuntanumero"] or None,
            text=Localized(row["text_fi"], row["text_sv"], row["text_en"]),
            source_url=row["source_url"],
            source_note=row["source_note"],
        )
        for row in history.to_dict("records")
    )
    prints = tuple(Fingerprint(r["url"], r["fingerprint"], r["taken"]) for r in fingerprints.to_dict("records"))
    page = MembersPage(settings["members_page.url"], tuple(settings["members_page.programmes"]))
    return _Upkeep(events, settings["checked"], page, prints)


def _check_fingerprinted_urls(dataset: Dataset, fingerprints: pd.DataFrame) -> None:
    """A fingerprint is kept only for an address the data cites: one left behind is a mistake."""
    cited = set(dataset.cited_urls())
    problems = [
        Problem(SOURCES_FILE, str(row), "url", "is not an address the data cites")
        for row, url in (fingerprints["url"].items() if "url" in fingerprints else [])
        if url not in cited
    ]
    if problems:
        raise DataError(problems)


def _country(frame: pd.DataFrame) -> Country:
    row = frame.iloc[0]
    return Country(int(row["population"]), row["population_date"], row["population_source"])


def _join(
    cities: pd.DataFrame,
    memberships: pd.DataFrame,
    programmes: pd.DataFrame,
    areas: Areas,
    finland: Country,
    upkeep: _Upkeep,
) -> Dataset:
    rank = {row["id"]: int(row["order"]) for row in programmes.to_dict("records")}
    kinds = {kind: number for number, kind in enumerate(EVENT_KINDS)}
    history = tuple(sorted(upkeep.history, key=lambda e: (e.date, rank[e.programme_id], kinds[e.kind], e.city or "")))
    ordered = tuple(sorted((_programme(row, history) for row in programmes.to_dict("records")), key=lambda p: p.order))
    memberships = (
        memberships.reset_index(drop=True)
        .assign(_rank=lambda m: m["programme_id"].map(rank))
        .sort_values(["_rank", "kuntanumero"])
        .drop(columns="_rank")
        .reset_index(drop=True)
    )
    programmes_of = memberships.groupby("kuntanumero", sort=False)["programme_id"].agg(tuple)
    frame = cities.reset_index(drop=True).astype(
        {"population": "int64", "geonames_id": "int64", "lon": "float64", "lat": "float64"}
    )
    frame = frame.set_index("kuntanumero", drop=False).rename_axis(None)
    # Largest first: the map draws in this order, so that small towns lie on top and stay clickable.
    frame = frame.sort_values(["population", "name_fi"], ascending=[False, True])
    frame["programmes"] = programmes_of.reindex(frame.index)
    geometry = gpd.points_from_xy(frame["lon"], frame["lat"], crs="EPSG:4326")
    return Dataset(
        cities=gpd.GeoDataFrame(frame, geometry=geometry),
        memberships=memberships,
        programmes=ordered,
        areas=areas,
        finland=finland,
        history=history,
        checked=upkeep.checked,
        members_page=upkeep.members_page,
        fingerprints=upkeep.fingerprints,
    )


def _localized(row: dict[str, Any], field: str, as_tuple: bool = False) -> Localized[Any]:
    values = [tuple(row[f"{field}_{lang}"]) if as_tuple else row[f"{field}_{lang}"] for lang in LANGUAGES]
    return Localized(*values)


def _programme(row: dict[str, Any], history: tuple[HistoryEvent, ...]) -> Programme:
    partial = None
    if row["members_total"] is not None and not pd.isna(row["members_total"]):
        partial = PartialList(
            int(row["members_confirmed"]), int(row["members_total"]), row["full_list_holder"], row["full_list_url"]
        )
    events = [e for e in history if e.programme_id == row["id"] and e.city is None]
    return Programme(
        id=row["id"],
        order=int(row["order"]),
        colour=row["colour"],
        official_url=row["official_url"],
        name=_localized(row, "name"),
        short_name=_localized(row, "short_name"),
        description=_localized(row, "description"),
        principles=_localized(row, "principles", as_tuple=True),
        themes=_localized(row, "themes", as_tuple=True),
        translated_names=frozenset(row["translated_names"]),
        sources=tuple(row["sources"]),
        dates=tuple(DatedEvent(e.date, e.text) for e in events),
        partial=partial,
    )
