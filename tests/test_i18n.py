"""The string table: complete in three languages, placeholders consistent, formats right."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kpmap.i18n import COUNTED, PLURAL_FORMS, STRINGS, date, number, t, tn
from kpmap.model import LANGS

ROOT = Path(__file__).resolve().parents[1]


def app_sources() -> list[Path]:
    """The code that shows texts: the package, the pages, and the static site's page and scripts."""
    site = ROOT.joinpath("src", "kpmap", "site", "static")
    return [
        *ROOT.joinpath("src", "kpmap").rglob("*.py"),
        *ROOT.joinpath("views").glob("*.py"),
        ROOT / "navigation.py",
        *site.glob("*.js"),
        *site.glob("*.html"),
    ]


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_string_exists_in_all_three_languages(key):
    """Each key has non-empty Finnish, Swedish and English text."""
    assert set(STRINGS[key]) == set(LANGS)
    assert all(STRINGS[key][lang].strip() for lang in LANGS)


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_placeholders_are_the_same_in_every_language(key):
    """A {placeholder} in one language is in all of them."""
    found = {lang: set(re.findall(r"{(\w+)}", STRINGS[key][lang])) for lang in LANGS}
    assert found["fi"] == found["sv"] == found["en"]


def test_every_key_used_in_the_code_exists():
    """Every t("key", ...) in the app names a key of the table."""
    used = set()
    for source in app_sources():
        used |= set(re.findall(r"\bt\(\s*[\"'](\w+)[\"']", source.read_text(encoding="utf-8")))
    assert used, "no uses found: the pattern is wrong"
    assert used <= set(STRINGS)


def test_every_key_of_the_table_is_used():
    """No dead texts: each key appears in the code (download labels are built from their scope, the
    static site's drawing modes from the mode)."""
    code = "".join(path.read_text(encoding="utf-8") for path in app_sources() if path.name != "i18n.py")
    quoted = lambda key: f'"{key}"' in code or f"'{key}'" in code  # noqa: E731
    built = ("download_", "site_show_")
    unused = [key for key in STRINGS if not quoted(key) and not key.startswith(built)]
    assert unused == []
    assert 'f"download_{scope}_{extension}"' in code
    assert '"site_show_" + mode' in code


def test_every_programme_text_exists_in_all_three_languages(dataset):
    """Programme names, descriptions and principles come from the data in fi, sv and en."""
    for programme in dataset.programmes:
        for lang in LANGS:
            assert programme.name[lang] and programme.description[lang] and programme.principles[lang]


def test_t_fills_placeholders():
    """Placeholders are filled in the chosen language."""
    assert t("map_summary", "fi", cities="X").startswith("Kartalla on X. ")
    assert t("map_summary", "en", cities="X").startswith("The map shows X; ")


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [(694392, "fi", "694\u202f392"), (694392, "sv", "694\u202f392"), (694392, "en", "694,392"), (12, "fi", "12")],
)
def test_numbers_are_grouped_by_language(value, lang, expected):
    """Thousands are grouped with a narrow no-break space in Finnish and Swedish, a comma in English."""
    assert number(value, lang) == expected


@pytest.mark.parametrize(
    ("iso", "lang", "expected"),
    [
        ("2025-12-31", "fi", "31.12.2025"),
        ("2025-12-31", "en", "31 Dec 2025"),
        ("2024-05", "sv", "5/2024"),
        ("2024-05", "en", "May 2024"),
        ("2024", "fi", "2024"),
    ],
)
def test_dates_are_written_by_language(iso, lang, expected):
    """Full and partial dates read naturally in each language."""
    assert date(iso, lang) == expected


@pytest.mark.parametrize("key", sorted(COUNTED))
def test_every_counted_text_has_both_forms_in_every_language(key):
    """A counted text has a 'one' and an 'other' form in fi, sv and en, each showing the {count}."""
    assert set(COUNTED[key]) == set(LANGS)
    for lang in LANGS:
        assert set(COUNTED[key][lang]) == set(PLURAL_FORMS)
        assert all("{count}" in COUNTED[key][lang][form] for form in PLURAL_FORMS)


@pytest.mark.parametrize(
    "count, lang, expected",
    [
        (1, "fi", "1 kaupunki"),
        (2, "fi", "2 kaupunkia"),
        (0, "fi", "0 kaupunkia"),
        (1, "sv", "1 stad"),
        (70, "sv", "70 städer"),
        (1, "en", "1 city"),
        (21, "en", "21 cities"),
    ],
)
def test_counted_cities_read_right(count, lang, expected):
    """One city is singular in every language; any other number is plural."""
    assert tn("n_cities", count, lang) == expected


def test_counted_numbers_are_grouped_by_language():
    """The count inside a counted text is formatted like any other number."""
    assert tn("n_inhabitants", 5652881, "fi") == "5\u202f652\u202f881 asukasta"
    assert tn("n_inhabitants", 1, "en") == "1 inhabitant"


def test_every_counted_key_is_used():
    """No dead counted texts, and no counted key used that the table lacks."""
    code = "".join(path.read_text(encoding="utf-8") for path in app_sources() if path.name != "i18n.py")
    used = set(re.findall(r"\btn\(\s*[\"'](\w+)[\"']", code))
    assert used == set(COUNTED)
