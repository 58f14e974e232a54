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
columns = st.columns(len(data.programmes), gap="small")
for column, programme in zip(columns, data.programmes, strict=True):
    with column:
        ranked = members(data.cities, programme.id).sort_values("population", ascending=False)
        panels.programme_panel(programme, ranked, lang, with_members=True)

state.write_address(data, with_filters=False)
