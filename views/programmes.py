"""The five programmes side by side."""

import streamlit as st

from kpmap.filters import members
from kpmap.i18n import t
from kpmap.ui import panels, state

data = state.dataset()
lang = state.view(data).lang

st.title(t("page_programmes", lang))
st.write(t("compare_intro", lang))
st.write(t("common_ground", lang))
panels.comparison_table(data, lang)
columns = st.columns(2, gap="medium")
for number, programme in enumerate(data.programmes):
    with columns[number % 2]:
        ranked = members(data, programme.id)
        panels.programme_panel(programme, ranked, lang, with_members=True)

state.write_address(data, with_filters=False)
