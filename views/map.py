"""The map page: the map with its figures, legend and details, filters in the sidebar, the cities as a
table, downloads and the programmes.

The map is the first element the page sends (the heading and figures above it go into a container
filled afterwards), and a session's first run sends little else, so that the browser can start
drawing the map as early as it can.
"""

from functools import partial

import streamlit as st
from streamlit_folium import st_folium

from kpmap.filters import key_figures, visible_cities
from kpmap.i18n import t
from kpmap.mapview import base_map, city_bounds, city_layer, view_for
from kpmap.ui import panels, sidebar, state

data = state.dataset()
view = state.view(data)
lang, selection = view.lang, view.selection
visible = visible_cities(data, selection)

top = st.container()
map_column, side_column = st.columns([3, 2], gap="medium")
with map_column:
    centre, zoom = view_for(data, selection)
    st_folium(
        base_map(state.tiles(), city_bounds(data)),
        key=state.MAP_KEY,
        feature_group_to_add=city_layer(data, visible, selection, lang),
        center=centre,
        zoom=zoom,
        height=600,
        use_container_width=True,
        returned_objects=["last_active_drawing", "last_object_clicked_count"],
        on_change=partial(state.on_map_event, data),
    )
    if visible.empty:
        st.warning(t("no_cities", lang))

with top:
    st.title(t("app_title", lang))

# A session's first run stops here, with the map on its way; everything else comes with the next run,
# which the map starts as soon as it has been drawn (and which every later interaction is).
if not state.first_run():
    figures = key_figures(data, visible, selection)
    with top:
        st.caption(t("app_subtitle", lang))
        panels.ignored_values(state.notices(), lang)
        panels.key_figures(figures, len(selection.programmes), lang)
        st.subheader(t("map_heading", lang), anchor="map")
        st.markdown(t("map_summary", lang, cities=figures.cities))
    with side_column:
        panels.legend(data, figures, selection.programmes, lang)
        panels.city_details(data, selection.city, visible, lang)
        if selection.city is not None:
            st.button(t("clear_city", lang), on_click=state.on_clear_city)
    sidebar.map_filters(data, lang)
    panels.city_table(data, visible, lang)
    st.subheader(t("downloads", lang))
    panels.downloads(data, visible, lang, "visible")
    st.header(t("programme_panels", lang))
    st.write(t("common_ground", lang))
    for programme in data.programmes:
        panels.programme_panel(programme, visible, lang)

state.write_address(data, with_filters=True)
