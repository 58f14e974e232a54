"""One view per visitor session: language, filters and the selected city.

The view lives in st.session_state (never shared between visitors). It is read from the address on
the session's first run, changed only by widget callbacks, and written back to the address at the end
of every run, so that a copied link shows what is on screen.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import streamlit as st
from starlette.requests import Request
from starlette.responses import Response
from streamlit.runtime.runtime_util import MESSAGE_FLUSH_INTERVAL_SECS

from kpmap.data import BUNDLED_DATA_DIR, DATA_FILES, load_dataset
from kpmap.filters import Selection
from kpmap.mapview import BaseLayers, Tiles, base_layers, clicked_city, tiles_from_setting
from kpmap.model import DEFAULT_LANG, LANGS, Dataset, Lang
from kpmap.problems import DataError
from kpmap.ui import longlived
from kpmap.urlstate import Ignored, View, parse_query, to_query

VIEW = "kpmap_view"
NOTICES = "kpmap_notices"
LAST_CLICK = "kpmap_last_click"
RUNS = "kpmap_runs"
MAP_KEY = "map"
LANG_WIDGET = "w_lang"
SHOW_WIDGET = "w_show"
REGION_WIDGET = "w_region"
CITY_WIDGET = "w_city"
# The region list's first option; a selectbox shows None as an empty placeholder, not as a choice.
ALL_REGIONS = ""


def programme_widget(programme_id: str) -> str:
    return f"w_programme_{programme_id}"


def data_dir() -> Path:
    """KPMAP_DATA_DIR, or the bundled data/."""
    return Path(os.environ.get("KPMAP_DATA_DIR") or BUNDLED_DATA_DIR)


def tiles() -> Tiles:
    return tiles_from_setting(os.environ.get("KPMAP_TILES"), os.environ.get("KPMAP_TILES_ATTRIBUTION"))


def base(data: Dataset) -> BaseLayers:
    """The base map's borders for this data (built once per data version)."""
    return base_layers(data.areas)


def base_layers_response(request: Request) -> Response:
    """The base map's borders, for the map's frame to fetch (the route is in app.py). The address
    names their content, so a browser may keep them; an old address gets today's, not to be kept."""
    try:
        current = base(dataset())
    except DataError:
        return Response("The data has problems: see the app's pages.", status_code=503, media_type="text/plain")
    wanted = request.url.path == current.url
    cache = "public, max-age=31536000, immutable" if wanted else "no-store"
    return Response(current.body, media_type="application/json", headers={"Cache-Control": cache})


def _fingerprint(directory: Path) -> tuple[tuple[str, int, int], ...]:
    """Size and change time of each data file: an edited file gives a new cache entry."""
    stamps = []
    for name in DATA_FILES:
        try:
            stat = (directory / name).stat()
            stamps.append((name, stat.st_size, stat.st_mtime_ns))
        except OSError:
            stamps.append((name, -1, -1))
    return tuple(stamps)


# Data versions kept loaded, newest last. Every run of every session asks for the dataset (twice on
# the map page): a dictionary lookup here costs a tenth of st.cache_resource's, which hashes its
# arguments on every call.
KEPT_VERSIONS = 4
_loaded: dict[tuple[str, tuple[tuple[str, int, int], ...]], Dataset] = {}
_loading = threading.Lock()


def dataset() -> Dataset:
    """The data in data_dir(), loaded once per data version and shared read-only by every session
    (nothing mutates it). A DataError is raised, not kept, so fixed data is picked up on the next run."""
    directory = data_dir()
    version = (str(directory), _fingerprint(directory))
    found = _loaded.get(version)
    if found is not None:
        return found
    with _loading:  # one load per version, however many sessions ask for it at once
        if version not in _loaded:
            loaded = load_dataset(directory)
            longlived.freeze()
            _loaded[version] = loaded
            while len(_loaded) > KEPT_VERSIONS:
                del _loaded[next(iter(_loaded))]
        return _loaded[version]


def _query_lists() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params.keys()}  # noqa: SIM118


def early_lang() -> Lang:
    """The language before the data is loaded (to explain a data error in the visitor's language)."""
    view = st.session_state.get(VIEW)
    if isinstance(view, View):
        return view.lang
    wanted = st.query_params.get_all("lang")
    return next((lang for lang in LANGS if lang in wanted), DEFAULT_LANG)


def view(data: Dataset) -> View:
    """This session's view; on its first run, the one the address describes."""
    if VIEW not in st.session_state:
        parsed = parse_query(_query_lists(), data)
        st.session_state[VIEW] = View(parsed.lang, parsed.selection, show=parsed.show)
        st.session_state[NOTICES] = (st.session_state[VIEW], parsed.ignored)
    current: View = st.session_state[VIEW]
    return current


def first_run() -> bool:
    """Whether this is the session's first run. That run draws only what is above the fold: the map
    first; the rest follows a moment later, on the run that the map starts when it has been drawn."""
    return not st.session_state.get(RUNS)


def end_of_run() -> None:
    st.session_state[RUNS] = st.session_state.get(RUNS, 0) + 1


# The head start a run gives the map over the rest of the page: four of Streamlit's message-flush
# intervals (20 ms). Streamlit's own page switch sleeps two so that what it has queued is sent before
# the next step (streamlit.commands.execution_control.switch_page); the map gains from a little more,
# since the browser draws it while the rest is on its way (benchmarks/README.md: 0.40x and 0.43x naive
# with 10 ms, 0.39x with 20 ms, for a filter change with all of Finland in view). Without it, the script thread keeps
# Python's GIL busy until the run ends, Streamlit's server thread sends the map in one burst with the
# ~30 elements after it, and the browser renders all of them before the map's frame hears of the
# change. Sleeping frees the GIL, the server sends the map at once, and the browser starts drawing it
# before the rest arrives (figures in README, "Performance"). The sleep uses no CPU: other sessions'
# runs go on.
MAP_HEAD_START_SECONDS = 4 * MESSAGE_FLUSH_INTERVAL_SECS
# A session's first run sends the map and little else; the map's report, once drawn, starts the run
# that sends the rest. Should the map never report (its script blocked, or failing), a timer in the
# browser starts that run after this long instead: the filters, the table and the search never depend
# on the map.
REST_OF_PAGE_FALLBACK_SECONDS = 1.5


def map_head_start() -> None:
    """Pause after sending the map, except on a session's first run (which sends only the title and
    a timer after it; the rest of the page comes with the next run)."""
    if not first_run():
        time.sleep(MAP_HEAD_START_SECONDS)


def rest_of_page_fallback() -> None:
    """On a session's first run, a browser timer that starts the next run if the map has not."""
    if first_run():
        _rerun_unless_map_did()


@st.fragment(run_every=REST_OF_PAGE_FALLBACK_SECONDS)
def _rerun_unless_map_did() -> None:
    # Runs once inside the first run (nothing to do yet), then on the timer: if no second run has
    # happened by then, start it. After the second run the fragment is gone and so is its timer.
    if st.session_state.get(RUNS) == 1:
        st.rerun(scope="app")


def notices() -> tuple[Ignored, ...]:
    """What the address held that was ignored, shown until the visitor changes the view."""
    shown_for, ignored = st.session_state.get(NOTICES, (None, ()))
    return ignored if shown_for == st.session_state.get(VIEW) else ()


def _set_view(**changes: Any) -> None:
    st.session_state[VIEW] = replace(st.session_state[VIEW], **changes)


def _set_selection(**changes: Any) -> None:
    current: View = st.session_state[VIEW]
    _set_view(selection=replace(current.selection, **changes))


def seed_widgets(data: Dataset) -> None:
    """Put the view into the widgets' state before they are drawn (and after any callback)."""
    current = view(data)
    st.session_state[LANG_WIDGET] = current.lang
    st.session_state[SHOW_WIDGET] = current.show
    st.session_state[REGION_WIDGET] = current.selection.region or ALL_REGIONS
    st.session_state[CITY_WIDGET] = current.selection.city
    for programme in data.programmes:
        st.session_state[programme_widget(programme.id)] = programme.id in current.selection.programmes


# Widget callbacks: the only places where the view changes.


def on_lang() -> None:
    _set_view(lang=st.session_state[LANG_WIDGET])


def on_show() -> None:
    _set_view(show=st.session_state[SHOW_WIDGET])


def on_programme(programme_id: str) -> None:
    ticked = set(st.session_state[VIEW].selection.programmes)
    if st.session_state[programme_widget(programme_id)]:
        ticked.add(programme_id)
    else:
        ticked.discard(programme_id)
    _set_selection(programmes=frozenset(ticked))


def on_region() -> None:
    _set_selection(region=st.session_state[REGION_WIDGET] or None)


def on_city() -> None:
    _set_selection(city=st.session_state[CITY_WIDGET])


def on_clear_city() -> None:
    _set_selection(city=None)


def on_reset(data: Dataset) -> None:
    _set_view(selection=Selection.everything(data))


def on_map_event(data: Dataset) -> None:
    """A click on a city selects it. st_folium repeats its last value, so only a new click counts."""
    payload = st.session_state.get(MAP_KEY)
    count = (payload or {}).get("last_object_clicked_count")
    city = clicked_city(payload, data.cities.index)
    if city is not None and count != st.session_state.get(LAST_CLICK):
        st.session_state[LAST_CLICK] = count
        _set_selection(city=city)


def write_address(data: Dataset, with_filters: bool) -> None:
    """Make the address describe the view (only the language on pages without the map's filters)."""
    current = view(data)
    shown = current if with_filters else View(current.lang, Selection.everything(data))
    wanted = to_query(shown, data)
    have = _query_lists()
    as_lists = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    if have != as_lists:
        st.query_params.from_dict(wanted)
