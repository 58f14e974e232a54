"""What the user has chosen, which cities that leaves on the map, and the figures for them."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd

from kpmap.model import Dataset


@dataclass(frozen=True)
class Selection:
    """The filters: ticked programme ids, an optional region, and an optional selected city."""

    programmes: frozenset[str]
    region: str | None = None
    city: str | None = None

    @classmethod
    def everything(cls, dataset: Dataset) -> Selection:
        return cls(programmes=frozenset(dataset.by_id))


def shown_programmes(city_programmes: tuple[str, ...], selection: Selection) -> tuple[str, ...]:
    """A city's programmes that are ticked, in display order: these colour its marker."""
    return tuple(p for p in city_programmes if p in selection.programmes)


def visible_cities(dataset: Dataset, selection: Selection) -> gpd.GeoDataFrame:
    """Cities in any ticked programme (and in the chosen region), largest first."""
    cities = dataset.cities
    keep = cities["programmes"].map(lambda ids: bool(shown_programmes(ids, selection))).astype(bool)
    if selection.region is not None:
        keep &= cities["maakunta"] == selection.region
    return cities[keep].sort_values(["population", "name_fi"], ascending=[False, True])


@dataclass(frozen=True)
class ProgrammeFigures:
    programme_id: str
    cities: int
    population: int


@dataclass(frozen=True)
class KeyFigures:
    cities: int
    population: int
    by_programme: tuple[ProgrammeFigures, ...]


def key_figures(dataset: Dataset, visible: gpd.GeoDataFrame, selection: Selection) -> KeyFigures:
    """Counts and population of the visible cities, in total and per programme (unticked ones count 0)."""
    by_programme = []
    for programme in dataset.programmes:
        counted = members(visible, programme.id) if programme.id in selection.programmes else visible.iloc[0:0]
        by_programme.append(ProgrammeFigures(programme.id, len(counted), int(counted["population"].sum())))
    return KeyFigures(len(visible), int(visible["population"].sum()), tuple(by_programme))


def members(cities: gpd.GeoDataFrame, programme_id: str) -> gpd.GeoDataFrame:
    """The cities of one programme."""
    # astype(bool): on an empty frame the mask would be an object Series, read as column labels.
    return cities.loc[cities["programmes"].map(lambda ids: programme_id in ids).astype(bool)]


def regions(dataset: Dataset) -> list[str]:
    """Every region (maakunta) with a city on the map, in Finnish alphabetical order."""
    return sorted(set(dataset.cities["maakunta"]), key=finnish_sort_key)


# "{" is the character after "z", so these three letters sort after every other one.
_AFTER_Z = str.maketrans({"å": "{a", "ä": "{b", "ö": "{c"})


def finnish_sort_key(text: str) -> str:
    """Sort as Finnish does: case folded, and å, ä, ö after z in that order."""
    return text.casefold().translate(_AFTER_Z)
