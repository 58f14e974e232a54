"""What the app and the static site tell from one place (kpmap.presentation, kpmap.mapview.drawing_rules):
the app renders these lists, and the site is handed the same lists, values and texts."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from kpmap.filters import Selection, key_figures, visible_cities
from kpmap.i18n import t
from kpmap.mapview import MAP_CONTROLS_CSS, NO_TILES, drawing_rules, stripe_defs, stripe_patterns
from kpmap.model import LANGS
from kpmap.presentation import DETAIL_FIELDS, LEGEND_NOTES, city_facts, legend_notes
from kpmap.site.build import SITE_TEXTS, site_files
from kpmap.ui.markup import city_details, legend

SALO = "734"


@pytest.mark.parametrize("lang", LANGS)
def test_a_citys_facts_come_in_the_one_order_with_their_labels(dataset, lang):
    """city_facts gives one (label, value) per DETAIL_FIELDS key, in that order, labelled in the language."""
    facts = city_facts(dataset.records[SALO], SALO, lang)
    assert [label for label, _ in facts] == [t(key, lang) for key in DETAIL_FIELDS]
    values = dict(zip(DETAIL_FIELDS, (value for _, value in facts), strict=True))
    assert values["municipality_number"] == SALO and values["name_fi"] == "Salo"
    assert values["region"] == "Varsinais-Suomi"
    assert re.fullmatch(r"50\D339 \(.+2025\)", values["population"]), values["population"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_apps_details_show_the_facts_in_that_order(dataset, lang):
    """The app's details table has one row per fact, in city_facts' order."""
    shown = city_details(dataset, SALO, visible_cities(dataset, Selection.everything(dataset)), lang)
    labels = re.findall(r"<th scope='row'>(.*?)</th>", shown)
    assert labels == [t(key, lang) for key in DETAIL_FIELDS]


@pytest.mark.parametrize("show", ["areas", "circles"])
def test_the_apps_legend_notes_are_the_shared_ones(dataset, show):
    """The app's legend ends with legend_notes for the drawing mode, the borders' note included."""
    selection = Selection.everything(dataset)
    figures = key_figures(dataset, selection)
    for lang in LANGS:
        shown = legend(dataset, figures, selection.programmes, show, lang)
        notes = legend_notes(show, lang)
        assert shown.endswith(f"<small>{notes}</small></section>".replace("'", "&#x27;"))
        assert t("legend_borders", lang) in notes


def test_the_site_is_handed_the_same_lists_rules_and_texts(dataset):
    """The site's config carries LEGEND_NOTES, DETAIL_FIELDS and drawing_rules, and every text they name."""
    page = site_files(dataset, NO_TILES)["index.html"].decode()
    config = json.loads(re.search(r'id="kpmap-config">(.*?)</script>', page).group(1))
    assert config["legendNotes"] == {mode: list(keys) for mode, keys in LEGEND_NOTES.items()}
    assert config["detailFields"] == list(DETAIL_FIELDS)
    assert config["drawing"] == json.loads(json.dumps(drawing_rules(dataset)))
    named = {key for keys in LEGEND_NOTES.values() for key in keys} | set(DETAIL_FIELDS)
    assert named <= set(SITE_TEXTS)


def test_the_sites_styles_end_with_the_maps_control_styles(dataset):
    """The "All of Finland" button and the credit beside the scale bar look as in the app's map."""
    css = site_files(dataset, NO_TILES)["assets/site.css"].decode()
    assert css.rstrip().endswith(MAP_CONTROLS_CSS)


def test_the_striped_fills_markup_is_made_from_the_shared_patterns(dataset):
    """The app's <defs> (stripe_defs) holds exactly the patterns the site builds (stripe_patterns)."""
    programmes = tuple((p.id, p.colour) for p in dataset.programmes)
    patterns = stripe_patterns(programmes)
    assert len(patterns) == len(programmes) * (len(programmes) - 1) // 2
    defs = ET.fromstring(stripe_defs(programmes))
    parsed = [
        {"attributes": dict(node.attrib), "rects": [dict(rect.attrib) for rect in node]} for node in defs
    ]
    assert parsed == patterns
    growth_regional = next(p for p in patterns if p["attributes"]["id"] == "kpmap-stripes-growth-regional")
    colours = [rect["fill"] for rect in growth_regional["rects"]]
    assert colours == [dataset.by_id["growth"].colour, dataset.by_id["regional"].colour]
