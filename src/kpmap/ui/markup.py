"""The HTML of the panels, as plain strings (no Streamlit here, so each piece can be checked alone).

Every value from the data is escaped before it reaches HTML. A page sends a few large blocks of HTML
rather than many small elements: each element costs the browser a render on every rerun, and those
renders compete with the map's update after a filter change.
"""

from __future__ import annotations

import base64
import re
from html import escape
from typing import Any

import geopandas as gpd

from kpmap.filters import KeyFigures, members
from kpmap.i18n import date, number, percent, t, tn
from kpmap.mapview import city_name
from kpmap.memo import per_dataset
from kpmap.model import Dataset, Lang, Programme
from kpmap.presentation import city_facts, legend_notes
from kpmap.timeline import Change
from kpmap.urlstate import Show

# Characters through which Markdown (and Streamlit's :colour[...] and :icon: syntax) turns text into
# links, images, emphasis or markup; escaped, the data shows as written.
_MARKDOWN_SIGNS = re.compile(r"([\\`*_\[\]{}~$:<>#!|])")


def plain_markdown(text: str) -> str:
    """Text from the data, made safe for the widgets and boxes that read their text as Markdown."""
    return _MARKDOWN_SIGNS.sub(r"\\\1", text)


# kpmap's own styles, added once per page run (a style-only st.html takes no room on the page).
PAGE_CSS = """<style>
.kpmap-scroll{overflow-x:auto;max-width:100%}
.kpmap-table{border-collapse:collapse;width:100%;font-size:0.9em}
.kpmap-table th,.kpmap-table td{border-bottom:1px solid #ddd;padding:0.25em 0.5em;text-align:left;vertical-align:top}
.kpmap-table td.kpmap-number{text-align:right;white-space:nowrap}
.kpmap-table ul{margin:0;padding-left:1.1em}
.kpmap-lead{color:rgba(49,51,63,0.7);margin:0 0 0.75rem}
dl.kpmap-figures{display:flex;flex-wrap:wrap;gap:0.5rem 2.5rem;margin:0 0 0.5rem;padding:0}
.kpmap-figures dt{font-size:0.875rem;font-weight:400}
.kpmap-figures dd{font-size:2.25rem;line-height:1.2;margin:0}
.kpmap-figures dd small{display:block;font-size:0.875rem;line-height:1.4}
.kpmap-section{margin:1rem 0 0.5rem}
.kpmap-legend ul{list-style:none;padding-left:0;margin:0.3em 0}
.kpmap-programme-title{margin:0;padding-left:0.4em;overflow-wrap:anywhere;hyphens:auto}
.kpmap-programme{border:1px solid rgba(49,51,63,0.2);border-radius:0.5rem;padding:1rem;margin-bottom:1rem}
.kpmap-pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,28rem),1fr));gap:0 1rem}
.kpmap-programme a,.kpmap-facts td,.kpmap-details a{overflow-wrap:anywhere}
.kpmap-facts{font-size:0.85rem}
.kpmap-changes{padding-left:1.4em}.kpmap-changes li{margin:0.35em 0}
.kpmap-timeline{display:block;width:100%;height:auto;max-width:60rem;min-width:44rem}
.kpmap-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.kpmap-note{background:#e8f1fb;border-radius:0.5rem;padding:0.75rem 1rem;color:#0b3d6e}
/* Less room above the title, so that the map and a city's details fit in a laptop's first screen. */
[data-testid='stMainBlockContainer']{padding-top:3rem}
@media (max-width: 640px){h1{font-size:1.9rem !important}.kpmap-figures dd{font-size:1.75rem}}
</style>"""


def anchor(programme: Programme) -> str:
    return f"programme-{programme.id}"


def swatch(colour: str) -> str:
    """A coloured dot; colours are validated as #RRGGBB. Decorative: names always go beside it."""
    return f'<span aria-hidden="true" style="color:{colour};font-size:1.3em">●</span>'


def programme_link(programme: Programme, label: str) -> str:
    """The programme's colour dot and a name, linking to its panel on the page."""
    return f"{swatch(programme.colour)} <a href='#{anchor(programme)}'>{escape(label)}</a>"


def programme_names(data: Dataset, programme_ids: tuple[str, ...], lang: Lang) -> str:
    """A city's programmes by their short names, as plain text."""
    return ", ".join(data.by_id[p].short_name[lang] for p in programme_ids)


def link(url: str) -> str:
    return f"<a href='{escape(url)}' target='_blank' rel='noopener noreferrer'>{escape(url)}</a>"


def bullet_list(items: tuple[str, ...] | list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def milestones(programme: Programme, lang: Lang) -> list[str]:
    return [f"{date(event.date, lang)}: {event.text[lang]}" for event in programme.dates]


def _titled_list(heading: str, items: tuple[str, ...] | list[str]) -> str:
    return f"<strong>{escape(heading)}</strong>{bullet_list(items)}"


def heading(level: int, text: str, anchor_id: str | None = None, css_class: str = "kpmap-section") -> str:
    """A section heading; with an id, the page's address can point at it (#map, #programmes)."""
    id_attribute = f" id='{anchor_id}'" if anchor_id else ""
    return f"<h{level}{id_attribute} class='{css_class}'>{escape(text)}</h{level}>"


def paragraph(text: str, css_class: str | None = None) -> str:
    class_attribute = f" class='{css_class}'" if css_class else ""
    return f"<p{class_attribute}>{escape(text)}</p>"


def key_figures(figures: KeyFigures, ticked: int, lang: Lang) -> str:
    """Cities, people and ticked programmes, large, as a description list."""
    share = t("figure_share", lang, share=percent(figures.population, figures.finland_population, lang))
    shown = (
        ("figure_cities", number(figures.cities, lang)),
        ("figure_population", f"{number(figures.population, lang)}<small>{escape(share)}</small>"),
        ("figure_programmes", f"{ticked} / {len(figures.by_programme)}"),
    )
    items = "".join(f"<div><dt>{escape(t(label, lang))}</dt><dd>{value}</dd></div>" for label, value in shown)
    return f"<dl class='kpmap-figures'>{items}</dl>"


def legend(data: Dataset, figures: KeyFigures, ticked: frozenset[str], show: Show, lang: Lang) -> str:
    """Every programme's colour, name and count of visible cities, and how to read the map."""
    rows = []
    for programme, counted in zip(data.programmes, figures.by_programme, strict=True):
        if programme.id in ticked:
            count = f"{tn('n_cities', counted.cities, lang)} · {tn('n_inhabitants', counted.population, lang)}"
        else:
            count = t("legend_hidden", lang)
        rows.append(
            f"<li>{programme_link(programme, programme.short_name[lang])}<br><small>{escape(count)}</small></li>"
        )
    title = escape(t("legend", lang))
    return (
        f"<section class='kpmap-legend' aria-label='{title}'><strong>{title}</strong><ul>{''.join(rows)}</ul>"
        f"<small>{escape(legend_notes(show, lang))}</small></section>"
    )


@per_dataset
def memberships_of(data: Dataset, kuntanumero: str) -> list[dict[str, Any]]:
    """A city's memberships with their sources, as plain records (shared: not to be changed)."""
    return data.memberships[data.memberships["kuntanumero"] == kuntanumero].to_dict("records")  # type: ignore[no-any-return]


def city_details(data: Dataset, kuntanumero: str | None, visible: gpd.GeoDataFrame, lang: Lang) -> str:
    """Names, region, population with date and source, and each membership with its source."""
    parts = [heading(3, t("details", lang), "city-details")]
    if kuntanumero is None:
        return "".join([*parts, paragraph(t("details_prompt", lang), "kpmap-lead")])
    city = data.records[kuntanumero]
    facts = city_facts(city, kuntanumero, lang)
    rows = "".join(f"<tr><th scope='row'>{escape(k)}</th><td>{escape(str(v))}</td></tr>" for k, v in facts)
    parts.append(f"<h4 style='margin:0'>{escape(city_name(city, lang))}</h4>")
    parts.append(f"<table class='kpmap-table kpmap-facts'>{rows}</table>")
    if kuntanumero not in visible.index:
        parts.append(f"<p class='kpmap-note' role='note'>{escape(t('hidden_by_filters', lang))}</p>")
    parts.append(f"<p style='margin:0.5em 0 0'><strong>{escape(t('member_of', lang))}</strong></p>")
    for membership in memberships_of(data, kuntanumero):
        programme = data.by_id[membership["programme_id"]]
        when = date(membership["source_date"], lang) if membership["source_date"] else t("undated", lang)
        parts.append(
            f"<p class='kpmap-details' style='margin:0.2em 0'>{programme_link(programme, programme.name[lang])}<br>"
            f"<small>{escape(t('membership_source', lang))}: {link(membership['source_url'])} ({escape(when)})"
            f"<br>{escape(membership['source_note'])}</small></p>"
        )
    return "".join(parts)


def programme_section(programme: Programme, lang: Lang, ranked: gpd.GeoDataFrame | None = None) -> str:
    """A programme's name, description, principles, themes, dates and sources; with `ranked` (its
    member cities), also how many they are, how many people live in them, and their names."""
    parts = [
        f"<h3 id='{anchor(programme)}' lang='{lang}' class='kpmap-programme-title' "
        f"style='border-left:0.45em solid {programme.colour}'>{escape(programme.name[lang])}</h3>"
    ]
    if lang in programme.translated_names:
        parts.append(f"<p><small>{escape(t('name_translated', lang))}</small></p>")
    parts.append(paragraph(programme.description[lang]))
    if programme.partial is not None:
        partial = programme.partial
        note = t("partial_list", lang, confirmed=partial.confirmed, total=partial.total, holder=partial.holder)
        parts.append(f"<p class='kpmap-note' role='note'>{escape(note)} {link(partial.url)}</p>")
    principles = t("elements" if programme.partial is not None else "principles", lang)
    parts.append(_titled_list(principles, programme.principles[lang]))
    parts.append(_titled_list(t("themes", lang), programme.themes[lang] or (t("no_themes", lang),)))
    if ranked is not None:
        names = ", ".join(city_name(row, lang) for row in ranked.to_dict("records"))
        covered = number(int(ranked["population"].sum()), lang)
        parts.append(
            f"<p><strong>{escape(t('member_count', lang))}:</strong> {number(len(ranked), lang)} · "
            f"<strong>{escape(t('population_covered', lang))}:</strong> {covered}"
            f"<br><strong>{escape(t('members', lang))}:</strong> {escape(names)}</p>"
        )
    if programme.dates:
        parts.append(_titled_list(t("timeline", lang), milestones(programme, lang)))
    sources = [u for u in programme.sources if u != programme.official_url]
    parts.append(
        f"<p><small>{escape(t('official_page', lang))}: {link(programme.official_url)}<br>"
        f"{escape(t('sources', lang))}: {', '.join(link(u) for u in sources)}</small></p>"
    )
    return f"<section class='kpmap-programme'>{''.join(parts)}</section>"


def city_table(data: Dataset, cities: gpd.GeoDataFrame, lang: Lang) -> str:
    """The visible cities as a real HTML table: readable without the map, by keyboard or screen reader."""
    header = "".join(
        f"<th scope='col'>{escape(t(key, lang))}</th>"
        for key in ("col_city", "col_region", "col_population", "col_programmes")
    )
    body = []
    for row in data.rows(cities):
        programmes = programme_names(data, row["programmes"], lang)
        body.append(
            f"<tr><th scope='row'>{escape(city_name(row, lang))}</th><td>{escape(row['maakunta'])}</td>"
            f"<td class='kpmap-number'>{number(int(row['population']), lang)}</td>"
            f"<td>{escape(programmes)}</td></tr>"
        )
    return (
        "<div class='kpmap-scroll'><table class='kpmap-table'>"
        f"<caption style='caption-side:top;text-align:left;font-weight:600'>{escape(t('table_heading', lang))}"
        f" ({len(cities)})</caption><thead><tr>{header}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def comparison_table(data: Dataset, lang: Lang) -> str:
    """The programmes in one table, a row each, to compare at a glance."""
    keys = ("col_programme", "member_count", "population_covered", "principles", "themes", "timeline")
    finland = data.finland
    header = "".join(f"<th scope='col'>{escape(t(key, lang))}</th>" for key in keys)
    rows = []
    for programme in data.programmes:
        ranked = members(data, programme.id)
        population = int(ranked["population"].sum())
        themes = programme.themes[lang] or (t("no_themes", lang),)
        dated = milestones(programme, lang) or ["–"]
        rows.append(
            f"<tr><th scope='row'>{programme_link(programme, programme.short_name[lang])}</th>"
            f"<td class='kpmap-number'>{number(len(ranked), lang)}</td>"
            f"<td class='kpmap-number'>{number(population, lang)}"
            f"<br><small>{percent(population, finland.population, lang)}</small></td>"
            f"<td>{bullet_list(programme.principles[lang])}</td><td>{bullet_list(themes)}</td>"
            f"<td>{bullet_list(dated)}</td></tr>"
        )
    note = t("share_note", lang, population=number(finland.population, lang), date=date(finland.date, lang))
    return (
        f"<div class='kpmap-scroll'><table class='kpmap-table'><caption>{escape(note)}</caption>"
        f"<thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def change_list(changes: list[Change], lang: Lang) -> str:
    """What changed, newest first: when, in which programme, what happened, and the source."""
    items = "".join(
        f"<li><time>{escape(change.when)}</time> · {swatch(change.programme.colour)} "
        f"<strong>{escape(change.programme.short_name[lang])}</strong>: {escape(change.what)}"
        f"<br><small>{escape(t('source', lang))}: {link(change.source_url)}</small></li>"
        for change in changes
    )
    # Numbered as on the chart: the newest has the highest number.
    return f"<ol class='kpmap-changes' reversed>{items}</ol>"


def timeline_image(svg: str, lang: Lang) -> str:
    """The timeline chart as an image (the page's HTML blocks drop SVG markup), in a box that scrolls
    sideways on a narrow screen rather than shrinking the chart's words out of reach. Its words are in
    the numbered list of what changed."""
    source = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (
        f"<div class='kpmap-scroll'><img class='kpmap-timeline' src='{source}' "
        f"alt='{escape(t('timeline_heading', lang))}'></div>"
    )
