"""The pieces of the pages, sent to the browser. Their HTML is built (and escaped) in `markup`;
Markdown is only used for kpmap's own texts and for data made plain by `markup.plain_markdown`."""

from __future__ import annotations

import base64
from dataclasses import replace
from functools import lru_cache, partial
from pathlib import Path

import geopandas as gpd
import streamlit as st

from kpmap.export import DOWNLOAD_FORMATS, export_file
from kpmap.filters import KeyFigures, Selection, members, visible_cities
from kpmap.i18n import t, tn
from kpmap.memo import per_dataset
from kpmap.model import Dataset, Lang
from kpmap.problems import DataError
from kpmap.ui import markup, state
from kpmap.ui.picture_downloads import picture_buttons
from kpmap.urlstate import Ignored, Show, View


def page_styles() -> None:
    st.html(markup.PAGE_CSS)


@lru_cache(maxsize=1)
def page_icon(svg_file: Path) -> str:
    """The page icon as a data: address, made once. Given the file, Streamlit reads and encodes it
    again on every run of every session; the browser gets the same address either way."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg_file.read_bytes()).decode("ascii")


def data_error(error: DataError, lang: Lang) -> None:
    """Bad data: say so in plain words and list every problem as plain text."""
    st.error(t("data_error", lang))
    st.code("\n".join(str(problem) for problem in error.problems), language=None, wrap_lines=True)


def ignored_values(ignored: tuple[Ignored, ...], lang: Lang) -> None:
    """What the address held that was ignored. Values are already reduced to plain characters."""
    for item in ignored:
        st.warning(t("ignored_param", lang, param=f"`{item.param}`", value=f"`{item.value}`"))


def map_side(
    data: Dataset, figures: KeyFigures, selection: Selection, visible: gpd.GeoDataFrame, show: Show, lang: Lang
) -> None:
    """Beside the map: what the page is about, the key figures, the legend and the city details. A
    selected city's details come first, with a button to close them: a click on the map is answered
    beside the map's top, not below the legend."""
    heading = markup.heading(2, t("map_heading", lang), "map", "kpmap-hidden")
    overview = (
        markup.paragraph(t("app_subtitle", lang), "kpmap-lead")
        + markup.key_figures(figures, len(selection.programmes), lang)
        + markup.paragraph(t("map_summary", lang, cities=tn("n_cities", figures.cities, lang)), "kpmap-hidden")
        + markup.legend(data, figures, selection.programmes, show, lang)
    )
    details = markup.city_details(data, selection.city, visible, lang)
    if selection.city is None:
        st.html(heading + overview + details)
        return
    st.html(heading + details)
    st.button(t("clear_city", lang), on_click=state.on_clear_city)
    st.html(overview)


def cities_and_downloads(data: Dataset, view: View, visible: gpd.GeoDataFrame) -> None:
    """The cities the filters leave as a table, then one row of downloads: those cities as CSV and
    GeoJSON, and the map as PNG and SVG. One text and one row, because every element on the page costs
    every run of every visitor."""
    lang = view.lang
    lead = markup.paragraph(t("download_note", lang), "kpmap-lead") + markup.paragraph(
        t("download_map_note", lang), "kpmap-lead"
    )
    # The table does not depend on the selected city.
    table = _city_table(data, replace(view.selection, city=None), lang)
    st.html(table + markup.heading(3, t("downloads_with_map", lang)) + lead)
    with st.container(horizontal=True):
        _data_buttons(data, visible, lang, "visible")
        picture_buttons(data, view)


# Both texts below are the same for every visitor with the same filters and language: each is made
# once per dataset (kpmap.memo), not on every run of every visitor.
@per_dataset
def _city_table(data: Dataset, filters: Selection, lang: Lang) -> str:
    return markup.city_table(data, visible_cities(data, filters), lang)


def programmes(data: Dataset, lang: Lang, intro: str, with_members: bool) -> None:
    """An introduction (HTML) and every programme's panel, two side by side where the page is wide."""
    st.html(f"{intro}<div class='kpmap-pair'>{_programme_sections(data, lang, with_members)}</div>")


@per_dataset
def _programme_sections(data: Dataset, lang: Lang, with_members: bool) -> str:
    return "".join(
        markup.programme_section(p, lang, members(data, p.id) if with_members else None) for p in data.programmes
    )


def downloads(data: Dataset, cities: gpd.GeoDataFrame, lang: Lang, scope: str) -> None:
    """CSV and GeoJSON of the given cities, made only when a button is pressed; scope: visible or all."""
    st.html(markup.heading(3, t("downloads", lang)) + markup.paragraph(t("download_note", lang), "kpmap-lead"))
    with st.container(horizontal=True):
        _data_buttons(data, cities, lang, scope)


def _data_buttons(data: Dataset, cities: gpd.GeoDataFrame, lang: Lang, scope: str) -> None:
    for extension, mime, write in DOWNLOAD_FORMATS:
        st.download_button(
            t(f"download_{scope}_{extension}", lang),
            data=partial(export_file, write, data, cities, lang),
            file_name=f"kpmap-{scope}-cities.{extension}",
            mime=mime,
            on_click="ignore",
            key=f"download_{scope}_{extension}",
        )
