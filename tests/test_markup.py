"""The panels' HTML, checked without Streamlit: what each block holds, and that data stays text."""

from __future__ import annotations

import re
from dataclasses import replace

from kpmap.filters import Selection, key_figures, members, visible_cities
from kpmap.i18n import number, percent, t
from kpmap.model import Localized
from kpmap.ui import markup

HOSTILE = "<img src=x onerror=alert(1)>"


def everything(dataset):
    return Selection.everything(dataset)


def test_key_figures_show_cities_population_and_ticked_programmes(dataset):
    """Three figures, each a term and its value, in the language's number format."""
    selection = replace(everything(dataset), programmes=frozenset({"east"}))
    visible = visible_cities(dataset, selection)
    shown = markup.key_figures(key_figures(dataset, selection), 1, "sv")
    assert re.findall(r"<dt>(.*?)</dt>", shown) == [
        t(k, "sv") for k in ("figure_cities", "figure_population", "figure_programmes")
    ]
    total = int(visible["population"].sum())
    share = t("figure_share", "sv", share=percent(total, dataset.finland.population, "sv"))
    assert re.findall(r"<dd>(.*?)</dd>", shown) == [str(len(visible)), f"{number(total, 'sv')}<small>{share}</small>", "1 / 5"]


def test_details_without_a_city_ask_for_one(dataset):
    shown = markup.city_details(dataset, None, dataset.cities, "en")
    assert t("details_prompt", "en") in shown
    assert "<table" not in shown


def test_details_say_when_the_filters_hide_the_city(dataset):
    """Oulu (C6) with only the vitality programme ticked: its details say the filters hide it."""
    selection = replace(everything(dataset), programmes=frozenset({"vitality"}))
    hidden = markup.city_details(dataset, "564", visible_cities(dataset, selection), "fi")
    shown = markup.city_details(dataset, "564", dataset.cities, "fi")
    assert t("hidden_by_filters", "fi") in hidden
    assert t("hidden_by_filters", "fi") not in shown
    assert "Uleåborg" in shown and dataset.by_id["c6"].name["fi"] in shown


def test_programme_section_lists_members_only_when_given(dataset):
    """The programmes page passes the members; the map page does not."""
    east = dataset.by_id["east"]
    with_members = markup.programme_section(east, "fi", members(dataset, "east"))
    assert "Joensuu, Lappeenranta, Imatra" in with_members
    assert t("member_count", "fi") in with_members
    assert t("member_count", "fi") not in markup.programme_section(east, "fi")


def test_markup_from_the_data_stays_text(dataset):
    """A programme whose texts hold markup: every block shows it escaped, never as an element."""
    hostile = Localized(HOSTILE, HOSTILE, HOSTILE)
    east = replace(dataset.by_id["east"], name=hostile, short_name=hostile, description=hostile)
    dataset = replace(dataset, programmes=tuple(east if p.id == "east" else p for p in dataset.programmes))
    figures = key_figures(dataset, everything(dataset))
    blocks = [
        markup.programme_section(east, "en", members(dataset, "east")),
        markup.legend(dataset, figures, everything(dataset).programmes, "areas", "en"),
        markup.city_details(dataset, "167", dataset.cities, "en"),  # Joensuu, a member of east
        markup.city_table(dataset, dataset.cities, "en"),
        markup.comparison_table(dataset, "en"),
    ]
    for block in blocks:
        assert "&lt;img src=x onerror=alert(1)&gt;" in block
        assert "<img" not in block
