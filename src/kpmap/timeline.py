"""The partnerships' history, from the data (data/history.csv): a timeline chart and a list of what
changed, newest first. The app's Data page and the static site show the same chart and list.

The chart is an SVG: one row per programme on one time axis, a band from the programme's start to the
axis' end, and a dot for each dated event (its date and text as the dot's title, which a browser shows
under the pointer). The list says the same in words, with sources, for reading and for screen readers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date as Date
from html import escape

from kpmap.i18n import date, t
from kpmap.mapview import city_name
from kpmap.memo import per_dataset
from kpmap.model import Dataset, HistoryEvent, Lang, Programme

# The chart's size in its own units (it scales to the width it is given), and its parts.
WIDTH = 960
LABEL_WIDTH = 300
ROW_HEIGHT = 46
TOP = 12
AXIS_HEIGHT = 34
RIGHT_MARGIN = 16
# The government programme's term: the axis runs at least to its end.
TERM_END_YEAR = 2027
TEXT = "#1f2328"
MUTED = "#5b5e66"
GRID = "#d9dbe0"


# What a city's event is called, by its kind.
EVENT_WORDS = {"started": "event_started", "changed": "event_changed", "joined": "event_joined", "left": "event_left"}
# A point in time (a year with its fraction) -> its position across the chart.
Position = Callable[[float], float]


@dataclass(frozen=True)
class Change:
    """One line of the list of what changed: its number on the chart, when, in which programme, what
    happened, and its source."""

    number: int
    when: str
    programme: Programme
    what: str
    source_url: str


def _place(iso: str) -> float:
    """A date as a year with its fraction: a year alone at its start (as the data sorts it, before the
    year's months), a month in the month's middle."""
    parts = [int(part) for part in iso.split("-")]
    if len(parts) == 1:
        return float(parts[0])
    day = Date(parts[0], parts[1], parts[2] if len(parts) == 3 else 15)
    return parts[0] + (day.timetuple().tm_yday - 1) / 365.25


def _event_text(dataset: Dataset, event: HistoryEvent, lang: Lang) -> str:
    """What happened, in words: a city's joining or leaving names the city."""
    if event.city is None:
        return event.text[lang]
    # A city that has left every programme is no longer on the map, but its municipality still is.
    municipalities = dataset.areas.municipalities
    city = dataset.records.get(event.city)
    if city is None and event.city in municipalities.index:
        city = municipalities.loc[event.city, ["name_fi", "name_sv"]].to_dict()
    name = city_name(city, lang) if city is not None else event.city
    return f"{name}: {t(EVENT_WORDS[event.kind], lang)}. {event.text[lang]}"


def numbered(dataset: Dataset) -> list[tuple[int, HistoryEvent]]:
    """Every dated event with its number, oldest first: the chart's dots carry these numbers, and the list
    of what changed (newest first, numbered down) the same."""
    oldest_first = sorted(dataset.history, key=lambda event: _place(event.date))
    return list(enumerate(oldest_first, start=1))


@per_dataset
def changes(dataset: Dataset, lang: Lang) -> list[Change]:
    """Every dated event of the data, newest first (made once per dataset and language; shared, not to
    be changed)."""
    return [
        Change(number, date(e.date, lang), dataset.by_id[e.programme_id], _event_text(dataset, e, lang), e.source_url)
        for number, e in reversed(numbered(dataset))
    ]


def _years(dataset: Dataset) -> tuple[int, int]:
    """The axis' first and last year: from the first event's year to the term's end or the last event."""
    places = [_place(event.date) for event in dataset.history] or [float(TERM_END_YEAR)]
    return int(min(places)), max(TERM_END_YEAR, int(max(places))) + 1


@per_dataset
def timeline_svg(dataset: Dataset, lang: Lang) -> str:
    """The chart as SVG markup, every text from the data escaped (made once per dataset and language)."""
    first, last = _years(dataset)
    height = TOP + ROW_HEIGHT * len(dataset.programmes) + AXIS_HEIGHT

    def x(place: float) -> float:
        return round(LABEL_WIDTH + (place - first) / (last - first) * (WIDTH - LABEL_WIDTH - RIGHT_MARGIN), 1)

    parts = [_axis(first, last, x, height)]
    events = numbered(dataset)
    for row, programme in enumerate(dataset.programmes):
        own = [(number, event) for number, event in events if event.programme_id == programme.id]
        parts.append(_row(dataset, programme, own, TOP + row * ROW_HEIGHT, x, lang))
    title = escape(t("timeline_heading", lang))
    return (
        f'<svg class="kpmap-timeline" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{title}" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="13">'
        f"{''.join(parts)}</svg>"
    )


def _axis(first: int, last: int, x: Position, height: int) -> str:
    """A light line at the start of every year, and the year's label below its middle."""
    lines = []
    bottom = height - AXIS_HEIGHT + 6
    for year in range(first, last + 1):
        lines.append(f'<line x1="{x(year)}" x2="{x(year)}" y1="{TOP}" y2="{bottom}" stroke="{GRID}"/>')
        if year < last:
            label = f'x="{x(year + 0.5)}" y="{height - 10}" text-anchor="middle" fill="{MUTED}"'
            lines.append(f"<text {label}>{year}</text>")
    return "".join(lines)


def _row(
    dataset: Dataset, programme: Programme, events: list[tuple[int, HistoryEvent]], top: int, x: Position, lang: Lang
) -> str:
    """A programme's name, a band from its start (its `started` event) on, and a numbered dot for each event."""
    middle = top + ROW_HEIGHT / 2
    colour = escape(programme.colour)
    parts = [
        f'<text x="0" y="{middle + 4}" fill="{TEXT}" font-weight="600">{escape(programme.short_name[lang])}</text>',
        f'<line x1="{LABEL_WIDTH}" x2="{WIDTH - RIGHT_MARGIN}" y1="{middle}" y2="{middle}" stroke="{GRID}"/>',
    ]
    starts = [_place(event.date) for _, event in events if event.kind == "started"]
    if starts:
        left, right = x(min(starts)), WIDTH - RIGHT_MARGIN
        band = f'x="{left}" y="{middle - 6}" width="{round(right - left, 1)}" height="12" rx="6"'
        parts.append(f'<rect {band} fill="{colour}" fill-opacity="0.3"/>')
    previous, below = None, False
    for number, event in events:
        centre = x(_place(event.date))
        # A number above its dot; below it when the dot before is too close for both numbers to fit above.
        below = previous is not None and centre - previous < 22 and not below
        previous = centre
        title = escape(f"{number}. {date(event.date, lang)}: {_event_text(dataset, event, lang)}")
        ring = "#000000" if event.kind == "started" else "#ffffff"
        parts.append(
            f'<circle cx="{centre}" cy="{middle}" r="6" fill="{colour}" stroke="{ring}" stroke-width="2">'
            f"<title>{title}</title></circle>"
            f'<text x="{centre}" y="{middle + (19 if below else -10)}" text-anchor="middle" font-size="11" '
            f'font-weight="700" fill="{TEXT}">{number}</text>'
        )
    return "<g>" + "".join(parts) + "</g>"
