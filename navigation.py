"""Page set-up, language and navigation; runs before every page.

Bad data stops here, on every page, with the problems listed in the visitor's language.
The pages live in views/, not pages/: Streamlit treats a pages/ folder beside the main script as
its older multipage mode, in which a run can start a page without this script.
"""

from pathlib import Path

import streamlit as st

from kpmap.i18n import t
from kpmap.model import Lang
from kpmap.problems import DataError
from kpmap.ui import panels, sidebar, state

# A local icon: a ":material/...:" page icon makes the browser fetch the favicon from Google's servers.
ICON = Path(__file__).parent / "assets" / "kpmap-icon.svg"
st.set_page_config(page_title="kpmap", page_icon=str(ICON), layout="wide")


PAGES = (
    ("views/map.py", "page_map", ":material/map:", "map"),
    ("views/programmes.py", "page_programmes", ":material/handshake:", "programmes"),
    ("views/data.py", "page_data", ":material/table:", "data"),
)


def pages(lang: Lang, error: DataError | None = None) -> list[st.Page]:
    """The three pages; with bad data, each address shows the problems instead."""

    def explain() -> None:
        st.title(t("app_title", lang))
        panels.data_error(error, lang)  # type: ignore[arg-type]

    return [
        st.Page(
            explain if error else script,
            title=t(title, lang),
            icon=icon,
            url_path=path,
            default=path == "map",
        )
        for script, title, icon, path in PAGES
    ]


panels.page_styles()
try:
    data = state.dataset()
except DataError as error:
    st.navigation(pages(state.early_lang(), error)).run()
    st.stop()

state.seed_widgets(data)
lang = state.view(data).lang
sidebar.language_switch(lang)
st.navigation(pages(lang)).run()
