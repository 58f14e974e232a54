"""Answers kept per dataset: the same answer for the same question, none kept past the dataset."""

from __future__ import annotations

import gc
import weakref
from dataclasses import replace

from kpmap.filters import Selection, key_figures, visible_cities
from kpmap.memo import per_dataset


def test_an_answer_is_worked_out_once_per_dataset_and_keys(dataset):
    calls = []

    @per_dataset
    def cities_in(data, region):
        calls.append(region)
        return len(data.cities[data.cities["maakunta"] == region])

    assert cities_in(dataset, "Uusimaa") == cities_in(dataset, "Uusimaa") > 0
    assert cities_in(dataset, "Kainuu") == 1
    other = replace(dataset)  # equal content, another dataset: answered anew
    cities_in(other, "Uusimaa")
    assert calls == ["Uusimaa", "Kainuu", "Uusimaa"]


def test_answers_go_with_their_dataset(dataset):
    """The answers do not keep a dataset alive: old data, replaced after an edit, is freed."""

    @per_dataset
    def remembered(data):
        return len(data.cities)

    other = replace(dataset)
    assert remembered(other) == len(dataset.cities)
    alive = weakref.ref(other)
    del other
    gc.collect()
    assert alive() is None


def test_filter_answers_are_shared_and_follow_the_filter(dataset):
    """The same filter gives the very same frame and figures; another filter, its own."""
    growth = Selection(frozenset({"growth"}))
    assert visible_cities(dataset, growth) is visible_cities(dataset, Selection(frozenset({"growth"}), city="091"))
    assert key_figures(dataset, growth) is key_figures(dataset, growth)
    in_uusimaa = Selection(frozenset({"growth"}), region="Uusimaa")
    assert set(visible_cities(dataset, in_uusimaa).index) < set(visible_cities(dataset, growth).index)
    assert key_figures(dataset, in_uusimaa).cities == len(visible_cities(dataset, in_uusimaa))
