"""The five programmes side by side: one table to compare them, then each programme's panel."""

import streamlit as st

from kpmap.i18n import t, tn
from kpmap.ui import markup, panels, state

data = state.dataset()
lang = state.view(data).lang

st.title(t("page_programmes", lang))
intro = (
    markup.paragraph(t("compare_intro", lang, programmes=tn("n_programmes", len(data.programmes), lang)))
    + markup.paragraph(t("common_ground", lang))
    + markup.comparison_table(data, lang)
)
panels.programmes(data, lang, intro, with_members=True)

state.write_address(data, with_filters=False)
