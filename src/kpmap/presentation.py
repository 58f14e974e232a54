"""What the app and the static site tell the same way, kept in one place: how to read the map, and
which facts a city's details give, in which order.

The app renders these lists itself (kpmap.ui.markup); the site gets them as data (kpmap.site.build)
and its script walks the same lists with the same texts. What cannot be shared this way (the browser
code of the site) is pinned by tests/e2e/test_parity.py, which opens the same addresses in both.
"""

from __future__ import annotations

from typing import Any

from kpmap.i18n import date, number, t
from kpmap.model import Lang
from kpmap.urlstate import Show

# How to read the map, by drawing mode: what colour and size mean, how a city in two programmes is
# drawn (kpmap.mapview: striped in both colours, or ringed in the second one's), and the borders.
LEGEND_NOTES: dict[Show, tuple[str, ...]] = {
    "areas": ("legend_areas", "legend_two_areas", "legend_borders"),
    "circles": ("legend_size", "legend_ring", "legend_borders"),
}

# A city's details: the facts table's rows, top to bottom, by the text key of each row's label.
DETAIL_FIELDS = ("name_fi", "name_sv", "region", "municipality_number", "population", "source")


def legend_notes(show: Show, lang: Lang) -> str:
    return " ".join(t(key, lang) for key in LEGEND_NOTES[show])


def city_facts(city: dict[str, Any], kuntanumero: str, lang: Lang) -> list[tuple[str, str]]:
    """A city's facts as (label, value) in DETAIL_FIELDS order; city: a row of Dataset.records."""
    population = t(
        "population_value", lang, value=number(int(city["population"]), lang), date=date(city["population_date"], lang)
    )
    values = {
        "name_fi": city["name_fi"],
        "name_sv": city["name_sv"],
        "region": city["maakunta"],
        "municipality_number": kuntanumero,
        "population": population,
        "source": city["population_source"],
    }
    return [(t(key, lang), str(values[key])) for key in DETAIL_FIELDS]
