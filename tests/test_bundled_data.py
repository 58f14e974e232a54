"""Contract tests: the bundled data validates and says what the sources say."""

from __future__ import annotations

import pytest

from kpmap import load_dataset

# The four named programmes, as the seed text lists them (TEM, "Temaattiset kumppanuudet").
SEED_MEMBERS = {
    "c6": {"Helsinki", "Espoo", "Tampere", "Vantaa", "Oulu", "Turku"},
    "vitality": {"Jyväskylä", "Kuopio", "Lahti"},
    "growth": {
        "Pori",
        "Kouvola",
        "Vaasa",
        "Hämeenlinna",
        "Seinäjoki",
        "Rovaniemi",
        "Mikkeli",
        "Porvoo",
        "Salo",
        "Kotka",
        "Kokkola",
        "Hyvinkää",
        "Kajaani",
    },
    "east": {"Joensuu", "Lappeenranta", "Imatra"},
}


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def members(dataset, programme_id: str) -> set[str]:
    ids = dataset.memberships.loc[dataset.memberships["programme_id"] == programme_id, "kuntanumero"]
    return set(dataset.cities.loc[ids, "name_fi"])


def test_bundled_data_has_54_cities_in_five_programmes(dataset):
    """The bundled data loads: 54 cities, 5 programmes in display order, 55 memberships."""
    assert len(dataset.cities) == 54
    assert [p.id for p in dataset.programmes] == ["c6", "vitality", "growth", "east", "regional"]
    assert len(dataset.memberships) == 55


@pytest.mark.parametrize("programme_id", sorted(SEED_MEMBERS))
def test_named_programmes_have_exactly_the_seed_members(dataset, programme_id):
    """Each named programme lists exactly the seed's cities."""
    assert members(dataset, programme_id) == SEED_MEMBERS[programme_id]


def test_regional_programme_lists_thirty_sourced_towns_and_says_it_is_partial(dataset):
    """The regional list has the 30 confirmed towns and records that 57 exist."""
    regional = dataset.by_id["regional"]
    assert len(members(dataset, "regional")) == 30
    assert regional.partial is not None
    assert (regional.partial.confirmed, regional.partial.total) == (30, 57)
    assert regional.partial.holder == "Kuntaliitto"


def test_every_membership_carries_a_source(dataset):
    """No membership row lacks a source address or a note on what the source shows."""
    assert dataset.memberships["source_url"].str.startswith("http").all()
    assert (dataset.memberships["source_note"].str.len() > 10).all()


def test_salo_is_in_two_programmes_in_display_order(dataset):
    """Salo is a growth city and a regional town, growth first."""
    assert dataset.cities.loc["734", "programmes"] == ("growth", "regional")


def test_every_city_has_population_date_and_source(dataset):
    """Population figures keep their date and source with them."""
    cities = dataset.cities
    assert (cities["population"] > 0).all()
    assert cities["population_date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert cities["population_source"].str.contains("Statistics Finland").all()


def test_programme_colours_are_distinct(dataset):
    """Five programmes, five different colours."""
    assert len({p.colour.lower() for p in dataset.programmes}) == 5
