"""The map's "Download the map" buttons: the selected view as PNG and SVG, drawn only when a button is pressed."""

from __future__ import annotations

from functools import partial

import streamlit as st

from kpmap.i18n import t
from kpmap.model import Dataset
from kpmap.picture import MIME_TYPES, Format, render
from kpmap.urlstate import View

PICTURE_FORMATS: tuple[Format, ...] = ("png", "svg")


def _picture(data: Dataset, view: View, fmt: Format) -> bytes:
    return render(data, view.selection, view.lang, view.show, fmt)


def picture_buttons(data: Dataset, view: View) -> None:
    """Two buttons; each draws the picture of exactly this view (filters, city, language, drawing mode)
    when pressed, so that a run that nobody downloads from costs nothing."""
    for fmt in PICTURE_FORMATS:
        st.download_button(
            t(f"download_map_{fmt}", view.lang),
            data=partial(_picture, data, view, fmt),
            file_name=f"kpmap-map.{fmt}",
            mime=MIME_TYPES[fmt],
            on_click="ignore",
            key=f"download_map_{fmt}",
        )
