"""Contract tests: the bundled data validates and says what the sources say."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

# Reference tables as received, with their sources: the data must say what they say.
REFERENCE = Path(__file__).parent / "reference"

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


def members(dataset, programme_id: str) -> set[str]:
    ids = dataset.memberships.loc[dataset.memberships["programme_id"] == programme_id, "kuntanumero"]
    return set(dataset.cities.loc[ids, "name_fi"])


def test_bundled_data_has_70_cities_in_five_programmes(dataset):
    """The bundled data loads: 70 cities, 5 programmes in display order, 71 memberships."""
    assert len(dataset.cities) == 70
    assert [p.id for p in dataset.programmes] == ["c6", "vitality", "growth", "east", "regional"]
    assert len(dataset.memberships) == 71


@pytest.mark.parametrize("programme_id", sorted(SEED_MEMBERS))
def test_named_programmes_have_exactly_the_seed_members(dataset, programme_id):
    """Each named programme lists exactly the seed's cities."""
    assert members(dataset, programme_id) == SEED_MEMBERS[programme_id]


def test_regional_programme_lists_46_sourced_towns_and_says_it_is_partial(dataset):
    """The regional list has the 46 confirmed towns and records that 57 exist; Imatra is not one."""
    regional = dataset.by_id["regional"]
    assert len(members(dataset, "regional")) == 46
    assert "Imatra" not in members(dataset, "regional")
    assert regional.partial is not None
    assert (regional.partial.confirmed, regional.partial.total) == (46, 57)
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


def reference_rows(name: str) -> dict[str, dict[str, str]]:
    """A reference table as received with its sources (tests/reference/), by municipality number."""
    with (REFERENCE / name).open(encoding="utf-8", newline="") as file:
        return {row["kuntanumero"]: row for row in csv.DictReader(file)}


def test_every_city_matches_its_source_row(dataset):
    """Names, region, GeoNames point and id, population, its date and its source equal the reference row."""
    rows = reference_rows("municipalities.csv")
    assert set(rows) == set(dataset.cities.index)
    for kuntanumero, city in dataset.cities.iterrows():
        row = rows[kuntanumero]
        assert int(row["population"]) == city["population"], kuntanumero
        assert (row["name_fi"], row["name_sv"], row["maakunta"]) == (city["name_fi"], city["name_sv"], city["maakunta"])
        assert (float(row["lat"]), float(row["lon"])) == (city["lat"], city["lon"]), kuntanumero
        assert int(row["geonames_id"]) == city["geonames_id"]
        assert (row["population_date"], row["population_source"]) == (city["population_date"], city["population_source"])


def test_population_source_says_what_it_is(dataset):
    """Every figure names StatFin table 11re's final 2025 figures and that they are not yet checked at the source."""
    for source in set(dataset.cities["population_source"]) | {dataset.finland.source}:
        assert "StatFin table 11re" in source and "final figures for 2025" in source
        assert "not yet checked on Statistics Finland's own site" in source
        assert "secondary copy" not in source


def test_every_regional_town_has_its_confirming_source(dataset):
    """The 46 regional memberships are exactly the confirmed towns, each with the address that confirms it."""
    towns = reference_rows("regional_towns.csv")
    regional = dataset.memberships[dataset.memberships["programme_id"] == "regional"].set_index("kuntanumero")
    assert set(regional.index) == set(towns)
    for kuntanumero, town in towns.items():
        assert regional.loc[kuntanumero, "source_url"] == town["source_url"]
        assert town["evidence"] in regional.loc[kuntanumero, "source_note"]


def test_no_text_claims_the_2024_update_happened(dataset):
    """The seed says the implementation programme *is to be* updated in autumn 2024; no text says it was."""
    regional = dataset.by_id["regional"]
    texts = [regional.description[lang] for lang in ("fi", "sv", "en")]
    texts += [event.text[lang] for event in regional.dates for lang in ("fi", "sv", "en")]
    claims = ("päivitettiin", "uppdaterades", "was updated", "is updated in autumn")
    assert not [text for text in texts if any(claim in text for claim in claims)]
