"""The map page: the map with its figures, legend and details beside it, filters in the sidebar, the
cities as a table, downloads and the programmes.

The map is the first element the page sends (the title above it goes into a container filled
afterwards), and a session's first run sends little else, so that the browser can start drawing the
map as early as it can; the rest follows on the next run, which the map starts once it is drawn (or a
timer, should the map never report: see `state.rest_of_page_fallback`). On later runs (a filter
change, a click) the map gets a head start over the rest of the page: see `state.map_head_start`.
"""

from functools import partial

import streamlit as st
from streamlit_folium import st_folium

from kpmap.filters import key_figures, visible_cities
from kpmap.i18n import t
from kpmap.mapview import base_map, city_layer, finland_bounds, view_for
from kpmap.ui import markup, panels, sidebar, state

# Tall enough to show all of Finland, short enough to fit below the title on a 900 px high screen.
MAP_HEIGHT = 620

data = state.dataset()
view = state.view(data)
lang, selection = view.lang, view.selection
visible = visible_cities(data, selection)

top = st.container()
map_column, side_column = st.columns([5, 4], gap="medium")
with map_column:
    centre, zoom = view_for(data, selection)
    st_folium(
        base_map(state.tiles(), finland_bounds(data), state.base(data), data),
        key=state.MAP_KEY,
        feature_group_to_add=city_layer(data, visible, selection, lang, view.show, send_shapes=state.first_run()),
        center=centre,
        zoom=zoom,
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=["last_active_drawing", "last_object_clicked_count"],
        on_change=partial(state.on_map_event, data),
        # st_folium renders the map itself as well; rendering the whole page around it first only
        # repeats that work (the component gets the same arguments either way: tests/test_mapview.py).
        render=False,
    )
    state.map_head_start()
    if visible.empty:
        st.warning(t("no_cities", lang))

with top:
    st.title(t("app_title", lang))

# A session's first run stops here, with the map on its way; everything else comes with the next run.
if state.first_run():
    state.rest_of_page_fallback()
else:
    figures = key_figures(data, selection)
    with top:
        panels.ignored_values(state.notices(), lang)
    with side_column:
        panels.map_side(data, figures, selection, visible, view.show, lang)
    sidebar.map_filters(data, lang)
    panels.cities_and_downloads(data, view, visible)
    intro = markup.heading(2, t("programme_panels", lang), "programmes") + markup.paragraph(t("common_ground", lang))
    panels.programmes(data, lang, intro, with_members=False)

state.write_address(data, with_filters=True)
