"""Page set-up, language and navigation; runs before every page.

Bad data stops here, on every page, with the problems listed in the visitor's language.
"""

from pathlib import Path

import streamlit as st

from kpmap.i18n import t
from kpmap.problems import DataError
from kpmap.ui import panels, sidebar, state

# A local icon: a ":material/...:" page icon makes the browser fetch the favicon from Google's servers.
ICON = Path(__file__).parent / "assets" / "kpmap-icon.svg"
st.set_page_config(page_title="kpmap", page_icon=str(ICON), layout="wide")


def pages(lang: str) -> list[st.Page]:
    return [
        st.Page("pages/map.py", title=t("page_map", lang), icon=":material/map:", default=True),
        st.Page("pages/programmes.py", title=t("page_programmes", lang), icon=":material/handshake:"),
        st.Page("pages/data.py", title=t("page_data", lang), icon=":material/table:"),
    ]


try:
    data = state.dataset()
except DataError as error:
    lang = state.early_lang()
    st.navigation(pages(lang))
    st.title(t("app_title", lang))
    panels.data_error(error, lang)
    st.stop()

state.seed_widgets(data)
lang = state.view(data).lang
sidebar.language_switch(lang)
st.navigation(pages(lang)).run()
