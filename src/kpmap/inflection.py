"""Finnish place names as a page writes them: the base form and the genitive ("Lahti", "Lahden").

TEM's page names cities in both forms ("Pori, Kouvola, ..." and "Jyväskylän, Kuopion ja Lahden kanssa"),
so each municipality's name is matched in both. The genitive comes from a rule: the endings of common
place-name elements with their consonant gradation (-joki -> -joen, -lahti -> -lahden), -nen -> -sen,
a short -e -> -een, -s -> -ksen, any other vowel + n; names the rule cannot know are listed whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# The last element of a compound place name -> its genitive (checked before the general rule).
_ELEMENTS = {
    "joki": "joen",
    "koski": "kosken",
    "järvi": "järven",
    "salmi": "salmen",
    "niemi": "niemen",
    "lahti": "lahden",
    "vesi": "veden",
    "mäki": "mäen",
    "saari": "saaren",
    "lampi": "lammen",
    "nummi": "nummen",
    "luoto": "luodon",
    "pudas": "putaan",
}

# Whole names whose genitive no ending rule gives (gradation in the stem, both parts inflected, plurals).
_WHOLE = {
    "Turku": "Turun",
    "Raahe": "Raahen",
    "Lieto": "Liedon",
    "Loppi": "Lopen",
    "Alavus": "Alavuden",
    "Virrat": "Virtain",
    "Punkalaidun": "Punkalaitumen",
    "Uusikaupunki": "Uudenkaupungin",
    "Uusikaarlepyy": "Uudenkaarlepyyn",
    "Isokyrö": "Isonkyrön",
}

_VOWELS = "aeiouyäö"
# Consonant gradation before a last short vowel: Kurikka -> Kurikan, Helsinki -> Helsingin, Vihti -> Vihdin.
_GRADATION = {"kk": "k", "pp": "p", "tt": "t", "nk": "ng", "nt": "nn", "mp": "mm", "lt": "ll", "rt": "rr", "ht": "hd"}
_GRADING = re.compile(rf"(?<=[{_VOWELS}])({'|'.join(_GRADATION)})(?=[{_VOWELS}]$)")


def genitive(name: str) -> str:
    """The genitive singular of a Finnish place name: 'Lahti' -> 'Lahden', 'Kotka' -> 'Kotkan'."""
    if name in _WHOLE:
        return _WHOLE[name]
    head, sep, last = name.rpartition("-")
    if sep:  # Mänttä-Vilppula: the last part inflects
        return f"{head}-{genitive(last)}"
    lower = name.lower()
    for element, inflected in _ELEMENTS.items():
        if lower.endswith(element):
            stem = name[: len(name) - len(element)]
            return stem + (inflected.capitalize() if not stem else inflected)
    return _by_ending(name)


def _by_ending(name: str) -> str:
    """The general rule, by the name's last letters."""
    if name.endswith("nen"):
        return name[:-3] + "sen"  # Ikaalinen -> Ikaalisen
    if name.endswith("aus"):
        return name[:-1] + "den"  # Varkaus -> Varkauden
    if name.endswith("s"):
        return name[:-1] + "ksen"  # Kannus -> Kannuksen, Nurmes -> Nurmeksen
    if name.endswith("e") and name[-2:] != "ee":
        return name + "en"  # Tampere -> Tampereen, Kempele -> Kempeleen
    if name[-1] in _VOWELS:  # Kotka, Hyvinkää, Mikkeli, Kitee: the vowel stays
        return _GRADING.sub(lambda match: _GRADATION[match.group(1)], name) + "n"
    return name + "in"  # a name ending in a consonant (Finström -> Finströmin)


def forms(name: str) -> tuple[str, str]:
    """The forms a page writes a city's name in: the base form and the genitive."""
    return name, genitive(name)


def name_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """A pattern that finds any of the names, in either form, as whole words."""
    every = sorted({form for name in names for form in forms(name)}, key=lambda f: (-len(f), f))
    alternatives = "|".join(re.escape(form) for form in every)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def names_in(text: str, names: Mapping[str, str]) -> set[str]:
    """The keys of the names (key -> base form) that the text mentions in either form."""
    by_form = {form: key for key, name in names.items() for form in forms(name)}
    if not by_form:
        return set()
    return {by_form[match.group(0)] for match in name_pattern(names.values()).finditer(text)}
