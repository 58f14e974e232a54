"""The typed data kpmap works with once the files have passed validation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar, get_args

import geopandas as gpd
import pandas as pd

from kpmap.areas import Areas

Lang = Literal["fi", "sv", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)
DEFAULT_LANG: Lang = "fi"

T = TypeVar("T")


@dataclass(frozen=True)
class Localized(Generic[T]):
    """One value in each of the three languages."""

    fi: T
    sv: T
    en: T

    def __getitem__(self, lang: Lang) -> T:
        return getattr(self, lang)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class DatedEvent:
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD: sources often give no day
    text: Localized[str]


EventKind = Literal["started", "changed", "joined", "left"]
EVENT_KINDS: tuple[EventKind, ...] = get_args(EventKind)


@dataclass(frozen=True)
class HistoryEvent:
    """One dated event of a programme: it started or changed (city None), or a city joined or left."""

    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    programme_id: str
    kind: EventKind
    city: str | None  # kuntanumero for joined and left
    text: Localized[str]
    source_url: str
    source_note: str


@dataclass(frozen=True)
class MembersPage:
    """The page that lists the members of some programmes, under headings that are their Finnish names."""

    url: str
    programme_ids: tuple[str, ...]


@dataclass(frozen=True)
class Fingerprint:
    """What a source's visible text was on a day: 'sha256:<hex>' of it, whitespace normalised."""

    url: str
    fingerprint: str
    taken: str  # YYYY-MM-DD


@dataclass(frozen=True)
class PartialList:
    """A member list known to be incomplete, and who keeps the full one."""

    confirmed: int
    total: int
    holder: str
    url: str


@dataclass(frozen=True)
class Programme:
    id: str
    order: int
    colour: str
    official_url: str
    name: Localized[str]
    short_name: Localized[str]
    description: Localized[str]
    principles: Localized[tuple[str, ...]]
    themes: Localized[tuple[str, ...]]
    translated_names: frozenset[Lang]
    sources: tuple[str, ...]
    dates: tuple[DatedEvent, ...] = ()
    partial: PartialList | None = None


@dataclass(frozen=True)
class Country:
    """Finland as a whole: its population on a date, with the source, for shares of the whole."""

    population: int
    date: str
    source: str


@dataclass(frozen=True, eq=False)
class Dataset:
    """Validated, joined data.

    cities: one row per city, indexed by kuntanumero, largest first, with a `programmes` column
    holding the ids of its programmes in display order (Salo has two).
    memberships: one row per (programme, city) with its source.
    programmes: in display order.
    areas: the municipality areas, regions and outline (every city has its area, by kuntanumero).
    finland: Finland's population, the whole that population shares are of.
    history: every dated event, oldest first (by date, programme order, started-changed-joined-left, city).
    checked: the day (YYYY-MM-DD) the data was last checked against its sources.
    (The last four have defaults so that a test may build a Dataset of cities and programmes alone.)
    members_page: the page whose member lists `check-sources` compares with the memberships.
    fingerprints: the recorded fingerprints of sources' texts, by address.
    membership (derived): True where a city (row) belongs to a programme (column); filters and
    figures read it instead of looking into each city's tuple of programmes.
    records (derived): each city's values as a plain dict, by kuntanumero, made once: the map, the
    table and the sidebar read them on every run, and GeoDataFrame.to_dict costs about 0.6 ms a call.
    """

    cities: gpd.GeoDataFrame
    memberships: pd.DataFrame
    programmes: tuple[Programme, ...]
    areas: Areas
    finland: Country
    history: tuple[HistoryEvent, ...] = ()
    checked: str = ""
    members_page: MembersPage = MembersPage("", ())
    fingerprints: tuple[Fingerprint, ...] = ()
    by_id: dict[str, Programme] = field(init=False)
    membership: pd.DataFrame = field(init=False)
    records: dict[str, dict[str, Any]] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {p.id: p for p in self.programmes})
        in_programme = {p.id: [p.id in ids for ids in self.cities["programmes"]] for p in self.programmes}
        object.__setattr__(self, "membership", pd.DataFrame(in_programme, index=self.cities.index, dtype=bool))
        plain = pd.DataFrame(self.cities.drop(columns=self.cities.geometry.name))
        object.__setattr__(self, "records", dict(zip(self.cities.index, plain.to_dict("records"), strict=True)))

    def cited_urls(self) -> tuple[str, ...]:
        """Every address the data names as a source or official page, sorted, each once."""
        urls = set(self.memberships["source_url"]) | {event.source_url for event in self.history}
        for programme in self.programmes:
            urls |= {programme.official_url, *programme.sources}
            urls |= {programme.partial.url} if programme.partial else set()
        return tuple(sorted(urls | {self.members_page.url}))

    def rows(self, cities: pd.DataFrame) -> list[dict[str, Any]]:
        """The records of the given cities (a subset of `cities`), in their order."""
        return [self.records[kuntanumero] for kuntanumero in cities.index]
