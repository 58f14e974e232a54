"""Pieces of the pages that show data. Every value from the data or the address is escaped
before it reaches HTML, and markdown is only used for kpmap's own texts."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from html import escape

import geopandas as gpd
import pandas as pd
import streamlit as st

from kpmap.export import export_table, to_csv, to_geojson
from kpmap.filters import KeyFigures, members
from kpmap.i18n import date, number, t
from kpmap.mapview import city_name
from kpmap.model import Dataset, Lang, Programme
from kpmap.problems import DataError
from kpmap.urlstate import Ignored

# kpmap's own styles, added once per page run (a style-only st.html takes no room on the page).
PAGE_CSS = """<style>
.kpmap-scroll{overflow-x:auto;max-width:100%}
.kpmap-table{border-collapse:collapse;width:100%;font-size:0.9em}
.kpmap-table th,.kpmap-table td{border-bottom:1px solid #ddd;padding:0.25em 0.5em;text-align:left;vertical-align:top}
.kpmap-table td.kpmap-number{text-align:right;white-space:nowrap}
.kpmap-table ul{margin:0;padding-left:1.1em}
.kpmap-programme-title{margin:0;padding-left:0.4em;overflow-wrap:anywhere;hyphens:auto}
.kpmap-programme{border:1px solid rgba(49,51,63,0.2);border-radius:0.5rem;padding:1rem;margin-bottom:1rem}
.kpmap-programme a,.kpmap-facts td,.kpmap-table a,.kpmap-details a{overflow-wrap:anywhere}
.kpmap-note{background:#e8f1fb;border-radius:0.5rem;padding:0.75rem 1rem;color:#0b3d6e}
@media (max-width: 640px){h1{font-size:1.9rem !important}}
</style>"""


# Characters through which Markdown (and Streamlit's :colour[...] and :icon: syntax) turns text into
# links, images, emphasis or markup; escaped, the data shows as written.
_MARKDOWN_SIGNS = re.compile(r"([\\`*_\[\]{}~$:<>#!|])")


def plain_markdown(text: str) -> str:
    """Text from the data, made safe for the widgets and boxes that read their text as Markdown."""
    return _MARKDOWN_SIGNS.sub(r"\\\1", text)


def page_styles() -> None:
    st.html(PAGE_CSS)


def data_error(error: DataError, lang: Lang) -> None:
    """Bad data: say so in plain words and list every problem as plain text."""
    st.error(t("data_error", lang))
    st.code("\n".join(str(problem) for problem in error.problems), language=None, wrap_lines=True)


def ignored_values(ignored: tuple[Ignored, ...], lang: Lang) -> None:
    """What the address held that was ignored. Values are already reduced to plain characters."""
    for item in ignored:
        st.warning(t("ignored_param", lang, param=f"`{item.param}`", value=f"`{item.value}`"))


def anchor(programme: Programme) -> str:
    return f"programme-{programme.id}"


def swatch(colour: str) -> str:
    """A coloured dot; colours are validated as #RRGGBB. Decorative: names always go beside it."""
    return f'<span aria-hidden="true" style="color:{colour};font-size:1.3em">●</span>'


def key_figures(figures: KeyFigures, ticked: int, lang: Lang) -> None:
    first, second, third = st.columns(3)
    first.metric(t("figure_cities", lang), number(figures.cities, lang))
    second.metric(t("figure_population", lang), number(figures.population, lang))
    third.metric(t("figure_programmes", lang), f"{ticked} / {len(figures.by_programme)}")


def legend(data: Dataset, figures: KeyFigures, ticked: frozenset[str], lang: Lang) -> None:
    """Every programme's colour, name and count of visible cities, and how to read the circles."""
    rows = []
    for programme, counted in zip(data.programmes, figures.by_programme, strict=True):
        if programme.id in ticked:
            population = number(counted.population, lang)
            count = t("legend_cities", lang, count=number(counted.cities, lang), population=population)
        else:
            count = t("legend_hidden", lang)
        rows.append(
            f"<li>{swatch(programme.colour)} <a href='#{anchor(programme)}'>{escape(programme.short_name[lang])}</a>"
            f"<br><small>{escape(count)}</small></li>"
        )
    st.html(
        f"<section aria-label='{escape(t('legend', lang))}'><strong>{escape(t('legend', lang))}</strong>"
        f"<ul style='list-style:none;padding-left:0;margin:0.3em 0'>{''.join(rows)}</ul>"
        f"<small>{escape(t('legend_size', lang))} {escape(t('legend_ring', lang))}</small></section>"
    )


def city_details(data: Dataset, kuntanumero: str | None, visible: gpd.GeoDataFrame, lang: Lang) -> None:
    """Names, region, population with date and source, and each membership with its source."""
    st.subheader(t("details", lang), anchor="city-details")
    if kuntanumero is None:
        st.caption(t("details_prompt", lang))
        return
    city = data.cities.loc[kuntanumero]
    population = t(
        "population_value", lang, value=number(int(city["population"]), lang), date=date(city["population_date"], lang)
    )
    facts = [
        (t("name_fi", lang), city["name_fi"]),
        (t("name_sv", lang), city["name_sv"]),
        (t("region", lang), city["maakunta"]),
        (t("municipality_number", lang), kuntanumero),
        (t("population", lang), population),
        (t("source", lang), city["population_source"]),
    ]
    items = "".join(
        f"<tr><th scope='row'>{escape(label)}</th><td>{escape(str(value))}</td></tr>" for label, value in facts
    )
    st.html(
        f"<h4 style='margin:0'>{escape(city_name(city, lang))}</h4>"
        f"<table class='kpmap-table kpmap-facts'>{items}</table>"
    )
    if kuntanumero not in visible.index:
        st.info(t("hidden_by_filters", lang))
    st.markdown(f"**{t('member_of', lang)}**")
    memberships = data.memberships[data.memberships["kuntanumero"] == kuntanumero]
    for membership in memberships.to_dict("records"):
        programme = data.by_id[membership["programme_id"]]
        when = date(membership["source_date"], lang) if membership["source_date"] else t("undated", lang)
        st.html(
            f"<p class='kpmap-details' style='margin:0.2em 0'>{swatch(programme.colour)} "
            f"<a href='#{anchor(programme)}'>{escape(programme.name[lang])}</a><br>"
            f"<small>{escape(t('membership_source', lang))}: {_link(membership['source_url'])} ({escape(when)})"
            f"<br>{escape(membership['source_note'])}</small></p>"
        )


def programme_panel(programme: Programme, members: gpd.GeoDataFrame, lang: Lang, with_members: bool = False) -> None:
    """A programme's name, description, principles, themes, dates and sources, as one block of HTML
    (one element instead of a dozen keeps page updates quick)."""
    parts = [
        f"<h3 id='{anchor(programme)}' lang='{lang}' class='kpmap-programme-title' "
        f"style='border-left:0.45em solid {programme.colour}'>{escape(programme.name[lang])}</h3>"
    ]
    if lang in programme.translated_names:
        parts.append(f"<p><small>{escape(t('name_translated', lang))}</small></p>")
    parts.append(f"<p>{escape(programme.description[lang])}</p>")
    if programme.partial is not None:
        partial = programme.partial
        note = t("partial_list", lang, confirmed=partial.confirmed, total=partial.total, holder=partial.holder)
        parts.append(f"<p class='kpmap-note' role='note'>{escape(note)} {_link(partial.url)}</p>")
    heading = t("elements" if programme.partial is not None else "principles", lang)
    parts.append(_bullets(heading, programme.principles[lang]))
    parts.append(_bullets(t("themes", lang), programme.themes[lang] or (t("no_themes", lang),)))
    if with_members:
        names = ", ".join(city_name(row, lang) for row in members.to_dict("records"))
        covered = number(int(members["population"].sum()), lang)
        parts.append(
            f"<p><strong>{escape(t('member_count', lang))}:</strong> {number(len(members), lang)} · "
            f"<strong>{escape(t('population_covered', lang))}:</strong> {covered}"
            f"<br><strong>{escape(t('members', lang))}:</strong> {escape(names)}</p>"
        )
    if programme.dates:
        parts.append(_bullets(t("timeline", lang), [f"{date(e.date, lang)}: {e.text[lang]}" for e in programme.dates]))
    sources = [u for u in programme.sources if u != programme.official_url]
    parts.append(
        f"<p><small>{escape(t('official_page', lang))}: {_link(programme.official_url)}<br>"
        f"{escape(t('sources', lang))}: {', '.join(_link(u) for u in sources)}</small></p>"
    )
    st.html(f"<section class='kpmap-programme'>{''.join(parts)}</section>")


def _link(url: str) -> str:
    return f"<a href='{escape(url)}' target='_blank' rel='noopener noreferrer'>{escape(url)}</a>"


def _bullets(heading: str, items: tuple[str, ...] | list[str]) -> str:
    return f"<strong>{escape(heading)}</strong>{_list(items)}"


def city_table(data: Dataset, cities: gpd.GeoDataFrame, lang: Lang) -> None:
    """The visible cities as a real HTML table: readable without the map, by keyboard or screen reader."""
    header = "".join(
        f"<th scope='col'>{escape(t(key, lang))}</th>"
        for key in ("col_city", "col_region", "col_population", "col_programmes")
    )
    body = []
    for row in cities.to_dict("records"):
        programmes = ", ".join(data.by_id[p].short_name[lang] for p in row["programmes"])
        body.append(
            f"<tr><th scope='row'>{escape(city_name(row, lang))}</th><td>{escape(row['maakunta'])}</td>"
            f"<td class='kpmap-number'>{number(int(row['population']), lang)}</td>"
            f"<td>{escape(programmes)}</td></tr>"
        )
    st.html(
        "<div class='kpmap-scroll'><table class='kpmap-table'>"
        f"<caption style='caption-side:top;text-align:left;font-weight:600'>{escape(t('table_heading', lang))}"
        f" ({len(cities)})</caption><thead><tr>{header}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


# Download formats: file extension, MIME type, and how to write the export table.
FORMATS = (("csv", "text/csv", to_csv), ("geojson", "application/geo+json", to_geojson))


def _export(write: Callable[[pd.DataFrame], bytes], data: Dataset, cities: gpd.GeoDataFrame, lang: Lang) -> bytes:
    return write(export_table(data, cities, lang))


def downloads(data: Dataset, cities: gpd.GeoDataFrame, lang: Lang, scope: str) -> None:
    """CSV and GeoJSON of the given cities, made only when a button is pressed; scope: visible or all."""
    for column, (extension, mime, write) in zip(st.columns(len(FORMATS)), FORMATS, strict=True):
        column.download_button(
            t(f"download_{scope}_{extension}", lang),
            data=partial(_export, write, data, cities, lang),
            file_name=f"kpmap-{scope}-cities.{extension}",
            mime=mime,
            on_click="ignore",
            key=f"download_{scope}_{extension}",
        )
    st.caption(t("download_note", lang))


def comparison_table(data: Dataset, lang: Lang) -> None:
    """The programmes in one table, a row each, to compare at a glance."""
    keys = ("col_programme", "member_count", "population_covered", "principles", "themes", "timeline")
    header = "".join(f"<th scope='col'>{escape(t(key, lang))}</th>" for key in keys)
    rows = []
    for programme in data.programmes:
        ranked = members(data, programme.id)
        themes = programme.themes[lang] or (t("no_themes", lang),)
        milestones = [f"{date(e.date, lang)}: {e.text[lang]}" for e in programme.dates] or ["–"]
        rows.append(
            f"<tr><th scope='row'>{swatch(programme.colour)} <a href='#{anchor(programme)}'>"
            f"{escape(programme.short_name[lang])}</a></th>"
            f"<td class='kpmap-number'>{number(len(ranked), lang)}</td>"
            f"<td class='kpmap-number'>{number(int(ranked['population'].sum()), lang)}</td>"
            f"<td>{_list(programme.principles[lang])}</td><td>{_list(themes)}</td><td>{_list(milestones)}</td></tr>"
        )
    st.html(
        f"<div class='kpmap-scroll'><table class='kpmap-table'><thead><tr>{header}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _list(items: tuple[str, ...] | list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"
