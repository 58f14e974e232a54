"""The full data with sources, licences, dates, and how to update and check it."""

from html import escape
from typing import Any

import pandas as pd
import streamlit as st

from kpmap.i18n import date, number, t
from kpmap.provenance import checked, data_dates, population_dates
from kpmap.timeline import changes, timeline_svg
from kpmap.ui import markup, panels, state
from kpmap.ui.markup import programme_names


def table(frame: pd.DataFrame, columns: dict[str, Any]) -> None:
    """A sortable table of the given columns, in that order, each with its heading or column config."""
    st.dataframe(frame[list(columns)], hide_index=True, width="stretch", column_config=columns)


data = state.dataset()
lang = state.view(data).lang

st.title(t("data_heading", lang))
st.write(t("data_intro", lang))

st.subheader(t("cities_table", lang))
cities = data.cities.assign(programme_names=data.cities["programmes"].map(lambda ids: programme_names(data, ids, lang)))
table(
    cities,
    {
        "kuntanumero": t("col_number", lang),
        "name_fi": t("col_name_fi", lang),
        "name_sv": t("col_name_sv", lang),
        "maakunta": t("col_region", lang),
        "population": st.column_config.NumberColumn(t("col_population", lang), format="localized"),
        "population_date": t("col_population_date", lang),
        "programme_names": t("col_programmes", lang),
    },
)

st.subheader(t("memberships_table", lang))
memberships = data.memberships.assign(
    programme=data.memberships["programme_id"].map(lambda p: data.by_id[p].short_name[lang]),
    city=data.memberships["kuntanumero"].map(data.cities["name_fi"]),
)
table(
    memberships,
    {
        "programme": t("col_programme", lang),
        "city": t("col_city", lang),
        "kuntanumero": t("col_number", lang),
        "source_url": st.column_config.LinkColumn(t("col_source_url", lang)),
        "source_date": t("col_source_date", lang),
        "source_note": t("col_source_note", lang),
    },
)

panels.downloads(data, data.cities, lang, "all")

st.subheader(t("sources_heading", lang))
basemap = state.tiles()
sources = [
    t("source_membership", lang),
    t("source_regional", lang),
    t("source_geonames", lang),
    t("source_population", lang, date=population_dates(data, lang)),
    t("source_finland", lang, date=date(data.finland.date, lang), population=number(data.finland.population, lang)),
    t("source_areas", lang),
    t("source_texts", lang),
]
if basemap.url is not None:
    sources.append(t("source_tiles", lang, attribution=basemap.attribution))
st.html("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in sources) + "</ul>")

st.subheader(t("timeline_heading", lang))
chart = markup.timeline_image(timeline_svg(data, lang), lang)
st.html(markup.paragraph(t("timeline_intro", lang), "kpmap-lead") + chart)
st.subheader(t("changes_heading", lang))
st.html(markup.paragraph(t("changes_intro", lang), "kpmap-lead") + markup.change_list(changes(data, lang), lang))

st.subheader(t("data_dates", lang))
st.write(f"{data_dates(data, lang)} {checked(data, lang)}")

st.subheader(t("updating_heading", lang))
st.write(t("updating_text", lang))
st.code("python -m kpmap validate data/", language="sh")

state.write_address(data, with_filters=False)
