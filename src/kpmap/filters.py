"""What the user has chosen, which cities that leaves on the map, and the figures for them."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd

from kpmap.memo import per_dataset
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
    """Cities in any ticked programme (and in the chosen region), largest first as in the dataset.
    Worked out once per filter and shared (kpmap.memo): the frame must not be changed."""
    return _visible_cities(dataset, selection.programmes, selection.region)


@per_dataset
def _visible_cities(dataset: Dataset, programmes: frozenset[str], region: str | None) -> gpd.GeoDataFrame:
    ticked = [p.id for p in dataset.programmes if p.id in programmes]
    keep = dataset.membership[ticked].any(axis=1)
    if region is not None:
        keep &= dataset.cities["maakunta"] == region
    return dataset.cities[keep]


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
    finland_population: int  # the whole that `population` is a share of


def key_figures(dataset: Dataset, selection: Selection) -> KeyFigures:
    """Counts and population of the visible cities, in total and per programme (unticked ones count 0).
    Worked out once per filter and shared (kpmap.memo)."""
    return _key_figures(dataset, selection.programmes, selection.region)


@per_dataset
def _key_figures(dataset: Dataset, programmes: frozenset[str], region: str | None) -> KeyFigures:
    visible = _visible_cities(dataset, programmes, region)
    populations = visible["population"].to_numpy()
    shown = dataset.membership.loc[visible.index]
    by_programme = []
    for programme in dataset.programmes:
        inside = shown[programme.id].to_numpy() & (programme.id in programmes)
        by_programme.append(ProgrammeFigures(programme.id, int(inside.sum()), int(populations[inside].sum())))
    return KeyFigures(len(visible), int(populations.sum()), tuple(by_programme), dataset.finland.population)


def members(dataset: Dataset, programme_id: str) -> gpd.GeoDataFrame:
    """The cities of one programme, largest first."""
    return dataset.cities[dataset.membership[programme_id]]


@per_dataset
def regions(dataset: Dataset) -> tuple[str, ...]:
    """Every region (maakunta) with a city on the map, in Finnish alphabetical order."""
    return tuple(sorted(set(dataset.cities["maakunta"]), key=finnish_sort_key))


# "{" is the character after "z", so these three letters sort after every other one.
_AFTER_Z = str.maketrans({"å": "{a", "ä": "{b", "ö": "{c"})


def finnish_sort_key(text: str) -> str:
    """Sort as Finnish does: case folded, and å, ä, ö after z in that order."""
    return text.casefold().translate(_AFTER_Z)
