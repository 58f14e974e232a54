"""City names as TEM's page writes them: the base form and the genitive, for every member and some others."""

from __future__ import annotations

import pytest

from kpmap.inflection import forms, genitive, names_in

# Every city that the page names as a member of c6, vitality, growth or east, with its genitive.
MEMBERS = [
    ("Helsinki", "Helsingin"),
    ("Espoo", "Espoon"),
    ("Tampere", "Tampereen"),
    ("Vantaa", "Vantaan"),
    ("Oulu", "Oulun"),
    ("Turku", "Turun"),
    ("Jyväskylä", "Jyväskylän"),
    ("Kuopio", "Kuopion"),
    ("Lahti", "Lahden"),
    ("Pori", "Porin"),
    ("Kouvola", "Kouvolan"),
    ("Vaasa", "Vaasan"),
    ("Hämeenlinna", "Hämeenlinnan"),
    ("Seinäjoki", "Seinäjoen"),
    ("Rovaniemi", "Rovaniemen"),
    ("Mikkeli", "Mikkelin"),
    ("Porvoo", "Porvoon"),
    ("Salo", "Salon"),
    ("Kotka", "Kotkan"),
    ("Kokkola", "Kokkolan"),
    ("Hyvinkää", "Hyvinkään"),
    ("Kajaani", "Kajaanin"),
    ("Joensuu", "Joensuun"),
    ("Lappeenranta", "Lappeenrannan"),
    ("Imatra", "Imatran"),
]
# Cities that are in none of those four programmes, some with endings the rule treats apart.
OTHERS = [
    ("Lohja", "Lohjan"),
    ("Raahe", "Raahen"),
    ("Iisalmi", "Iisalmen"),
    ("Kemi", "Kemin"),
    ("Keminmaa", "Keminmaan"),
    ("Ikaalinen", "Ikaalisen"),
    ("Kurikka", "Kurikan"),
    ("Varkaus", "Varkauden"),
    ("Kannus", "Kannuksen"),
    ("Kitee", "Kiteen"),
    ("Kempele", "Kempeleen"),
    ("Kontiolahti", "Kontiolahden"),
    ("Uusikaupunki", "Uudenkaupungin"),
    ("Mänttä-Vilppula", "Mänttä-Vilppulan"),
    ("Valkeakoski", "Valkeakosken"),
    ("Haapavesi", "Haapaveden"),
    ("Riihimäki", "Riihimäen"),
    ("Pietarsaari", "Pietarsaaren"),
]


def test_the_lists_hold_the_25_members_once_each():
    """25 member cities, each once, none among the others."""
    members = {name for name, _ in MEMBERS}
    assert len(members) == len(MEMBERS) == 25
    assert not members & {name for name, _ in OTHERS}


@pytest.mark.parametrize(("name", "expected"), MEMBERS + OTHERS, ids=[name for name, _ in MEMBERS + OTHERS])
def test_genitive(name, expected):
    """The rule gives the genitive the page writes."""
    assert genitive(name) == expected


@pytest.mark.parametrize(("name", "expected"), MEMBERS + OTHERS, ids=[name for name, _ in MEMBERS + OTHERS])
def test_each_form_is_found_in_running_text_and_only_its_own_city(name, expected):
    """'... kanssa, joita ovat X ja Y' finds X in either form, and no other city's name."""
    every = {n: n for n, _ in MEMBERS + OTHERS}
    for form in forms(name):
        assert names_in(f"Kumppanuutta rakennetaan {form} ja valtion kanssa.", every) == {name}
    assert forms(name) == (name, expected)


def test_the_pages_own_phrases_give_the_base_names():
    """The page's lists, odd spacing included, give exactly the cities they name."""
    every = {n: n for n, _ in MEMBERS + OTHERS}
    assert names_in("Joensuun, Lappeenrannan, Imatran ja valtion", every) == {"Joensuu", "Lappeenranta", "Imatra"}
    assert names_in("Jyväskylän, Kuopion ja Lahden kanssa", every) == {"Jyväskylä", "Kuopio", "Lahti"}
    assert names_in("Rovaniemi, Mikkeli ,Porvoo, Salo", every) == {"Rovaniemi", "Mikkeli", "Porvoo", "Salo"}


def test_words_that_only_contain_a_name_are_not_cities():
    """Part of a word or a compound is not the city: Keminmaa is not Kemi, salolainen is not Salo."""
    every = {n: n for n, _ in MEMBERS + OTHERS}
    assert names_in("Keminmaan ja C6-kaupunkien, Salolaisten ja Porissa", every) == {"Keminmaa"}
    assert names_in("Kuuden suurimman kaupungin ja valtion", every) == set()
