"""The dates the data holds, as the pages, the picture and the site state them."""

from __future__ import annotations

from kpmap.i18n import date, t
from kpmap.model import Dataset, Lang


def population_dates(dataset: Dataset, lang: Lang) -> str:
    """The dates of the population figures, in order: '31.12.2025' (usually one)."""
    return ", ".join(date(d, lang) for d in sorted(set(dataset.cities["population_date"])))


def data_dates(dataset: Dataset, lang: Lang) -> str:
    """'Population: 31 Dec 2025. Membership sources: 2018 to 2025.': the dates the data holds."""
    dated = sorted(d for d in dataset.memberships["source_date"] if d)
    return t(
        "data_dates_text",
        lang,
        population_dates=population_dates(dataset, lang),
        first=date(dated[0], lang) if dated else "–",
        last=date(dated[-1], lang) if dated else "–",
    )


def checked(dataset: Dataset, lang: Lang) -> str:
    """'The data was last checked against its sources on 29 Nov 2026.' (data/sources.toml)"""
    return t("data_checked", lang, date=date(dataset.checked, lang)) if dataset.checked else ""
