"""Filters and key figures, checked against the bundled data."""

from __future__ import annotations

import pytest

from kpmap.filters import Selection, finnish_sort_key, key_figures, regions, shown_programmes, visible_cities


def members(dataset, *programme_ids):
    return {k for k, ids in dataset.cities["programmes"].items() if set(ids) & set(programme_ids)}


# (ticked programmes, region, expected number of visible cities)
CASES = [
    ({"c6", "vitality", "growth", "east", "regional"}, None, 70),
    ({"c6"}, None, 6),
    ({"c6", "east"}, None, 9),
    ({"growth"}, None, 13),
    ({"regional"}, None, 46),
    ({"growth", "regional"}, None, 58),
    ({"c6", "vitality", "east", "regional"}, None, 70 - 12),
    (set(), None, 0),
    ({"c6", "vitality", "growth", "east", "regional"}, "Uusimaa", 8),
    ({"c6"}, "Uusimaa", 3),
    ({"east"}, "Uusimaa", 0),
    ({"regional"}, "Varsinais-Suomi", 7),
]


@pytest.mark.parametrize(("ticked", "region", "expected"), CASES)
def test_visible_cities_are_those_in_a_ticked_programme_and_region(dataset, ticked, region, expected):
    """A city is visible while any ticked programme includes it and it is in the chosen region."""
    visible = visible_cities(dataset, Selection(frozenset(ticked), region=region))
    assert len(visible) == expected
    assert set(visible.index) <= members(dataset, *ticked)
    if region:
        assert set(visible["maakunta"]) <= {region}


def test_salo_stays_while_either_of_its_programmes_is_ticked(dataset):
    """Salo is in growth and regional: unticking one of them keeps it."""
    for ticked in ({"growth"}, {"regional"}):
        assert "734" in visible_cities(dataset, Selection(frozenset(ticked))).index
    assert "734" not in visible_cities(dataset, Selection(frozenset({"c6"}))).index


def test_visible_cities_come_largest_first(dataset):
    """Largest cities first, so the map draws small circles on top of big ones."""
    populations = list(visible_cities(dataset, Selection.everything(dataset))["population"])
    assert populations == sorted(populations, reverse=True)


def test_shown_programmes_keep_display_order_and_drop_unticked():
    """Only ticked programmes colour a marker, in display order."""
    selection = Selection(frozenset({"regional", "growth"}))
    assert shown_programmes(("growth", "regional"), selection) == ("growth", "regional")
    assert shown_programmes(("growth", "regional"), Selection(frozenset({"regional"}))) == ("regional",)


def test_key_figures_add_up(dataset):
    """Totals are the sums of the visible cities; unticked programmes count zero."""
    selection = Selection(frozenset({"c6", "east"}))
    figures = key_figures(dataset, selection)
    assert figures.cities == 9
    assert figures.population == int(dataset.cities.loc[list(members(dataset, "c6", "east")), "population"].sum())
    counts = {f.programme_id: f.cities for f in figures.by_programme}
    assert counts == {"c6": 6, "vitality": 0, "growth": 0, "east": 3, "regional": 0}


def test_key_figures_count_salo_in_each_ticked_programme(dataset):
    """Per-programme counts count a two-programme city in both; the total counts it once."""
    selection = Selection.everything(dataset)
    figures = key_figures(dataset, selection)
    assert figures.cities == 70
    assert sum(f.cities for f in figures.by_programme) == 71


def test_regions_are_unique_and_sorted_the_finnish_way(dataset):
    """Every region once, in Finnish order (Päijät-Häme after Pohjois-Savo)."""
    names = regions(dataset)
    assert len(names) == len(set(names)) == len(set(dataset.cities["maakunta"]))
    assert names.index("Pohjois-Savo") < names.index("Päijät-Häme")


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["Öja", "Åbo", "Ähtäri", "Zz", "apa"], ["apa", "Zz", "Åbo", "Ähtäri", "Öja"]),
        (["b", "A", "a", "B"], ["A", "a", "b", "B"]),
    ],
)
def test_finnish_sort_key_puts_a_ring_a_umlaut_o_umlaut_after_z(words, expected):
    """Å, Ä, Ö come after Z in that order, and case does not split the alphabet."""
    assert sorted(words, key=finnish_sort_key) == expected


def test_key_figures_of_an_empty_map_are_zero(dataset):
    """Nothing ticked: no cities, no people, every programme zero."""
    selection = Selection(frozenset())
    figures = key_figures(dataset, selection)
    assert (figures.cities, figures.population) == (0, 0)
    assert {f.cities for f in figures.by_programme} == {0}
