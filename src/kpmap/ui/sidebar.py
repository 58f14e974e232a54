"""The sidebar's widgets. Each changes the view through a callback in `state`."""

from __future__ import annotations

from functools import partial
from html import escape

import streamlit as st

from kpmap.filters import finnish_sort_key, regions
from kpmap.i18n import LANGUAGE_NAMES, t
from kpmap.mapview import city_name
from kpmap.memo import per_dataset
from kpmap.model import LANGS, Dataset, Lang
from kpmap.ui import markup, state
from kpmap.urlstate import SHOW_MODES


def language_switch(lang: Lang) -> None:
    st.selectbox(
        t("language", lang),
        LANGS,
        format_func=LANGUAGE_NAMES.__getitem__,
        key=state.LANG_WIDGET,
        on_change=state.on_lang,
    )


@per_dataset
def city_names(data: Dataset, lang: Lang) -> dict[str, str]:
    """Every city's name in the interface language, by number, in Finnish alphabetical order."""
    names = ((kuntanumero, city_name(row, lang)) for kuntanumero, row in data.records.items())
    return dict(sorted(names, key=lambda number_and_name: finnish_sort_key(number_and_name[1])))


def map_filters(data: Dataset, lang: Lang) -> None:
    """How the map draws the cities, programme checkboxes, region, city search and reset."""
    bar = st.sidebar
    labels = {"areas": t("show_areas", lang), "circles": t("show_circles", lang)}
    bar.radio(
        t("map_show", lang),
        SHOW_MODES,
        format_func=labels.__getitem__,
        horizontal=True,
        key=state.SHOW_WIDGET,
        on_change=state.on_show,
    )
    bar.html(markup.heading(2, t("filters", lang)) + f"<p><strong>{escape(t('programmes', lang))}</strong></p>")
    for programme in data.programmes:
        bar.checkbox(
            markup.plain_markdown(programme.name[lang]),
            key=state.programme_widget(programme.id),
            on_change=state.on_programme,
            args=(programme.id,),
        )
    bar.selectbox(
        t("region", lang),
        [state.ALL_REGIONS, *regions(data)],
        format_func=lambda region: t("all_regions", lang) if region == state.ALL_REGIONS else region,
        key=state.REGION_WIDGET,
        on_change=state.on_region,
    )
    names = city_names(data, lang)
    bar.selectbox(
        t("find_city", lang),
        tuple(names),
        format_func=names.__getitem__,
        placeholder=t("find_city_placeholder", lang),
        key=state.CITY_WIDGET,
        on_change=state.on_city,
    )
    bar.button(t("reset", lang), on_click=partial(state.on_reset, data), key="reset")
