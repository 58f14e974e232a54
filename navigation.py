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
from kpmap.provenance import checked
from kpmap.ui import panels, sidebar, state

# A local icon: a ":material/...:" page icon makes the browser fetch the favicon from Google's servers.
ICON = Path(__file__).parent / "assets" / "kpmap-icon.svg"
st.set_page_config(page_title="kpmap", page_icon=panels.page_icon(ICON), layout="wide")


# No page icons: Streamlit's icon font is large, and loading it delays the map's first paint.
PAGES = (
    ("views/map.py", "page_map", "map"),
    ("views/programmes.py", "page_programmes", "programmes"),
    ("views/data.py", "page_data", "data"),
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
            url_path=path,
            default=path == "map",
        )
        for script, title, path in PAGES
    ]


try:
    data = state.dataset()
except DataError as error:
    st.navigation(pages(state.early_lang(), error)).run()
    st.stop()

state.seed_widgets(data)
lang = state.view(data).lang
# The language switch and the styles come after the page, so that nothing is sent ahead of the map:
# every element before it delays the map. The switch therefore sits below the page's own sidebar
# widgets. On the map page, a session's first run leaves it to the next run, like the filters: the
# browser would otherwise render it (a select, one of the costlier widgets) while it loads the map.
# The map is the default page, and a default page's url_path is always "".
page = st.navigation(pages(lang))
page.run()
if not (page.url_path == "" and state.first_run()):
    with st.sidebar:
        sidebar.language_switch(lang)
        # Every page says how current the data is (data/sources.toml).
        st.caption(checked(data, lang))
panels.page_styles()
state.end_of_run()
