"""What the websocket load generator expects of the map page: the one place that knows its widgets,
the map component's values and how the page shows figures and details. Every expected value comes
from the dataset (kpmap.filters, kpmap.i18n), never from a constant here."""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any

from streamlit.proto.WidgetStates_pb2 import WidgetState

from benchmarks.streamlit_client import Run
from kpmap.filters import Selection, key_figures, visible_cities
from kpmap.i18n import number
from kpmap.model import Dataset
from kpmap.ui.state import programme_widget

MAP_COMPONENT = "streamlit_folium.st_folium"
# Each feature of the map's changing layer names its city: {"kuntanumero": "091", ...}.
CITY_IN_LAYER = re.compile(r'"kuntanumero": ?"(\d{3})"')
# The first two figures (cities, population): each <dd>'s own text, before any note inside it.
FIGURES = re.compile(r"<dl class='kpmap-figures'>.*?<dd>([^<]*).*?</dd>.*?<dd>([^<]*)", re.DOTALL)


def map_component(run: Run) -> Any | None:
    found = [c for c in run.of_kind("component_instance") if c.component_name == MAP_COMPONENT]
    return found[0] if found else None


def map_value(component: Any, clicked: str | None, clicks: int) -> WidgetState:
    """What the map reports to the server: its first value, or a click on a city (as st_folium's
    frontend sends it: the clicked GeoJSON feature in `last_active_drawing`, and a click counter)."""
    drawing = None if clicked is None else {"type": "Feature", "properties": {"kuntanumero": clicked}}
    value = {"last_active_drawing": drawing, "last_object_clicked_count": clicks}
    return WidgetState(id=component.id, json_value=json.dumps(value))


def checkbox_id(run: Run, programme_id: str) -> str | None:
    """The widget id of a programme's checkbox (Streamlit's ids end with the widget's key)."""
    suffix = "-" + programme_widget(programme_id)
    return next((c.id for c in run.of_kind("checkbox") if c.id.endswith(suffix)), None)


def cities_on_map(run: Run) -> set[str] | None:
    component = map_component(run)
    if component is None:
        return None
    return set(CITY_IN_LAYER.findall(json.loads(component.json_args).get("feature_group") or ""))


def check_map(run: Run, data: Dataset, selection: Selection) -> list[str]:
    """The map is on the page and shows exactly the cities the selection leaves."""
    shown = cities_on_map(run)
    if shown is None:
        return ["no map on the page"]
    expected = set(visible_cities(data, selection).index)
    if shown != expected:
        return [f"map shows {len(shown)} cities, expected {len(expected)} ({sorted(shown ^ expected)[:5]} differ)"]
    return []


def check_page(run: Run, data: Dataset, selection: Selection, lang: str) -> list[str]:
    """The whole page (from a session's second run on): the map, the key figures, the selected city."""
    problems = check_map(run, data, selection) + [f"exception on the page: {e}" for e in run.exceptions]
    blocks = [h.body for h in run.of_kind("html")]
    figures = key_figures(data, selection)
    found = next((m.groups() for b in blocks if (m := FIGURES.search(b))), None)
    wanted = (number(figures.cities, lang), number(figures.population, lang))
    if found != wanted:
        problems.append(f"key figures {found}, expected {wanted}")
    if selection.city is not None:
        name = escape(str(data.cities.loc[selection.city, "name_fi"]), quote=True)
        if not any("kpmap-facts" in b and name in b for b in blocks):
            problems.append(f"the details do not name {name}")
    return problems
