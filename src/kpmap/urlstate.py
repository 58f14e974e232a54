"""The address bar as state: parse a query string into a view, and write a view back.

`?lang=sv&programme=c6&programme=east&region=Uusimaa&city=091&show=circles`. Anything unknown or malformed is
ignored and reported as a notice, never raised: a shared link must always open a working map.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from kpmap.filters import Selection, regions
from kpmap.model import DEFAULT_LANG, LANGS, Dataset, Lang

# Ticking no programme at all is a state too; this word stands for it in the address.
NO_PROGRAMMES = "none"
# How the map draws the cities: municipality areas filled by programme, or population circles.
Show = Literal["areas", "circles"]
SHOW_MODES: tuple[Show, ...] = get_args(Show)
DEFAULT_SHOW: Show = "areas"
_MAX_SHOWN = 40
_PLAIN = re.compile(r"[^0-9A-Za-zÅÄÖåäö _.-]")


@dataclass(frozen=True)
class Ignored:
    """A query parameter value that was not understood; `value` is safe to show as plain text."""

    param: str
    value: str


@dataclass(frozen=True)
class View:
    lang: Lang
    selection: Selection
    ignored: tuple[Ignored, ...] = ()
    show: Show = DEFAULT_SHOW


def plain(value: str) -> str:
    """A value cut short and stripped of anything but letters, digits and a few signs, for notices."""
    cleaned = _PLAIN.sub("?", value[:_MAX_SHOWN])
    return cleaned + ("…" if len(value) > _MAX_SHOWN else "")


def parse_query(params: Mapping[str, Sequence[str]], dataset: Dataset) -> View:
    """Query parameters (each key with all its values) -> the view they describe."""
    ignored: list[Ignored] = []

    def pick(param: str, allowed: Sequence[str]) -> str | None:
        chosen = None
        for value in params.get(param, ()):
            if value in allowed and chosen is None:
                chosen = value
            else:  # unknown, or a second value for a single-valued parameter
                ignored.append(Ignored(param, plain(value)))
        return chosen

    lang = pick("lang", LANGS) or DEFAULT_LANG
    show = pick("show", SHOW_MODES) or DEFAULT_SHOW
    region = pick("region", regions(dataset))
    city = pick("city", list(dataset.cities.index))
    programmes = _programmes(params.get("programme", ()), dataset, ignored)
    selection = Selection(programmes=programmes, region=region, city=city)
    return View(lang=lang, selection=selection, ignored=tuple(ignored), show=show)  # type: ignore[arg-type]


def _programmes(values: Sequence[str], dataset: Dataset, ignored: list[Ignored]) -> frozenset[str]:
    """Known ids among the values; no valid value at all means every programme."""
    known = [v for v in values if v in dataset.by_id]
    ignored += [Ignored("programme", plain(v)) for v in values if v not in dataset.by_id and v != NO_PROGRAMMES]
    if not known and NO_PROGRAMMES in values:
        return frozenset()
    return frozenset(known) if known else frozenset(dataset.by_id)


def to_query(view: View, dataset: Dataset) -> dict[str, str | list[str]]:
    """The view -> query parameters; defaults are left out so that the plain address stays plain."""
    query: dict[str, str | list[str]] = {}
    if view.lang != DEFAULT_LANG:
        query["lang"] = view.lang
    ticked = [p.id for p in dataset.programmes if p.id in view.selection.programmes]
    if not ticked:
        query["programme"] = NO_PROGRAMMES
    elif len(ticked) < len(dataset.programmes):
        query["programme"] = ticked
    if view.selection.region is not None:
        query["region"] = view.selection.region
    if view.selection.city is not None:
        query["city"] = view.selection.city
    if view.show != DEFAULT_SHOW:
        query["show"] = view.show
    return query
