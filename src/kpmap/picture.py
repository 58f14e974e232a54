"""The map as a picture: dataset + selection -> PNG, SVG or PDF, drawn with geopandas and matplotlib.

No browser and no tiles: Finland's outline, its regions and every municipality come from the data, in
ETRS-TM35FIN (EPSG:3067), the national projection, so that Finland keeps its shape. The same input
always gives the same bytes. SVG keeps every word as <text>, so that a report's editor can change it.
"""

from __future__ import annotations

import io
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal, get_args

import geopandas as gpd
import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Rectangle
from matplotlib.typing import RcKeyType

from kpmap.filters import Selection, key_figures, shown_programmes, visible_cities
from kpmap.i18n import percent, t, tn
from kpmap.mapview import city_name, largest_population, marker_radius
from kpmap.model import Dataset, Lang
from kpmap.provenance import checked, data_dates
from kpmap.urlstate import DEFAULT_SHOW, Show

Format = Literal["png", "svg", "pdf"]
FORMATS: tuple[Format, ...] = get_args(Format)
MIME_TYPES: dict[Format, str] = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}

PROJECTION = "EPSG:3067"  # ETRS-TM35FIN
# Inches, and dots per inch for PNG: 10 in at 200 dpi is 2,000 px, enough for print.
FIGURE_SIZE = (10.0, 11.0)
PNG_DPI = 200
# zlib's fastest level: a file 10 % larger, drawn in a fifth less time (benchmarks/picture.py).
PNG_OPTIONS = {"compress_level": 1}
# Where the map sits in the figure (left, bottom, width, height as fractions); the legend is to its right.
MAP_BOX = (0.02, 0.075, 0.56, 0.81)
LEGEND_LEFT, LEGEND_TOP = 0.60, 0.89
# Circles: the app's radii in screen pixels, drawn here in points at this scale.
CIRCLE_SCALE = 0.8

INK, MUTED = "#1a1a1a", "#555555"
LAND, SEA = "#f3f3f0", "#ffffff"
MUNICIPALITY_EDGE, REGION_EDGE, OUTLINE_EDGE = "#c4c4c4", "#7a7a7a", "#404040"
SELECTED = "#000000"
LABEL_BOX = {"boxstyle": "round,pad=0.2", "facecolor": SEA, "edgecolor": "none", "alpha": 0.85}

# Font sizes in points, and the same settings for every picture (never changed globally: rc_context).
SIZES = {"title": 20, "subtitle": 12, "heading": 12.5, "name": 11, "count": 9.5, "note": 9, "credit": 7.5}
RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",  # words stay <text>
    "svg.hashsalt": "kpmap",  # stable ids, so the same map gives the same SVG
    "pdf.fonttype": 42,  # TrueType in PDF: text stays text
    "font.family": "DejaVu Sans",
    "hatch.linewidth": 2.2,
}
# Per format, the metadata that would otherwise hold the date or the software's version.
METADATA: dict[Format, dict[str, Any]] = {
    "png": {"Software": "kpmap"},
    "svg": {"Date": None, "Creator": "kpmap"},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "kpmap", "Producer": "kpmap"},
}
# rcParams are process-wide; two sessions drawing at once must not see each other's settings.
_DRAWING = threading.Lock()


@dataclass(frozen=True)
class Projected:
    """The dataset's geometries in PROJECTION, made once per dataset."""

    outline: gpd.GeoSeries
    regions: gpd.GeoDataFrame
    municipalities: gpd.GeoDataFrame
    cities: gpd.GeoSeries


@lru_cache(maxsize=4)
def projected(dataset: Dataset) -> Projected:
    areas = dataset.areas
    return Projected(
        outline=areas.outline.geometry.to_crs(PROJECTION),
        regions=areas.regions.to_crs(PROJECTION),
        municipalities=areas.municipalities.to_crs(PROJECTION),
        cities=dataset.cities.geometry.to_crs(PROJECTION),
    )


def render(dataset: Dataset, selection: Selection, lang: Lang, show: Show = DEFAULT_SHOW, fmt: Format = "png") -> bytes:
    """The selection's map as a picture in the given format. The selected city (selection.city) is
    marked and named."""
    with drawing():
        figure = build_figure(dataset, selection, lang, show)
        return save(figure, fmt, t("app_title", lang))


@contextmanager
def drawing() -> Iterator[None]:
    """The settings every picture is drawn and saved with (never changed globally), one picture at a time."""
    with _DRAWING, mpl.rc_context(RC):
        yield


def save(figure: Figure, fmt: Format, title: str) -> bytes:
    """The figure's bytes; call within drawing(), as build_figure is."""
    buffer = io.BytesIO()
    metadata = {**METADATA[fmt], "Title": title}
    options: dict[str, Any] = {"pil_kwargs": PNG_OPTIONS} if fmt == "png" else {}
    figure.savefig(buffer, format=fmt, dpi=PNG_DPI, metadata=metadata, facecolor=SEA, **options)
    return buffer.getvalue()


def build_figure(dataset: Dataset, selection: Selection, lang: Lang, show: Show) -> Figure:
    """The whole picture as a matplotlib Figure (no pyplot: nothing global, no window)."""
    figure = Figure(figsize=FIGURE_SIZE, dpi=PNG_DPI, facecolor=SEA)
    ax = figure.add_axes(MAP_BOX)
    geo = projected(dataset)
    visible = visible_cities(dataset, selection)
    _draw_base(ax, geo, selection)
    if show == "circles":
        _draw_circles(ax, dataset, geo, visible, selection)
    else:
        _draw_areas(ax, dataset, geo, visible, selection)
    _frame(ax, geo, selection.region)
    if selection.region is not None:
        _draw_names(ax, dataset, geo, visible, lang)
    _draw_selected(ax, dataset, geo, selection, lang, outline_area=show == "areas")
    _draw_titles(figure, dataset, selection, lang)
    _draw_legend(figure, dataset, visible, selection, lang, show)
    _draw_footer(figure, dataset, lang)
    return figure


def _draw_base(ax: Axes, geo: Projected, selection: Selection) -> None:
    """Finland, every municipality's border light, then (after the members) the regions over them."""
    geo.outline.plot(ax=ax, color=LAND, linewidth=0, zorder=1)
    geo.municipalities.boundary.plot(ax=ax, color=MUNICIPALITY_EDGE, linewidth=0.3, zorder=3)
    geo.regions.boundary.plot(ax=ax, color=REGION_EDGE, linewidth=0.7, zorder=4)
    geo.outline.boundary.plot(ax=ax, color=OUTLINE_EDGE, linewidth=0.8, zorder=5)
    if selection.region is not None:
        chosen = geo.regions[geo.regions["maakunta_fi"] == selection.region]
        chosen.boundary.plot(ax=ax, color=SELECTED, linewidth=1.6, zorder=6)


def _draw_areas(ax: Axes, dataset: Dataset, geo: Projected, visible: gpd.GeoDataFrame, selection: Selection) -> None:
    """Each member's municipality in its programme's colour; a second programme as hatching over it.
    One collection per call (not per city): drawing is the slow part."""
    shown = [shown_programmes(row["programmes"], selection) for row in dataset.rows(visible)]
    if not shown:
        return
    members = geo.municipalities.loc[visible.index]
    members.plot(ax=ax, color=[dataset.by_id[ids[0]].colour for ids in shown], linewidth=0, zorder=2)
    seconds = [ids[1] if len(ids) > 1 else None for ids in shown]
    for second in sorted({s for s in seconds if s is not None}):
        hatched = members[[s == second for s in seconds]]
        colour = dataset.by_id[second].colour
        hatched.plot(ax=ax, facecolor="none", edgecolor="none", hatch="///", hatchcolor=colour, zorder=2.5)


def _draw_circles(ax: Axes, dataset: Dataset, geo: Projected, visible: gpd.GeoDataFrame, selection: Selection) -> None:
    """Population circles as in the app: area proportional to population, largest drawn first (one
    collection, in the cities' order), a second programme as a ring."""
    largest = largest_population(dataset)
    rows = dataset.rows(visible)
    if not rows:
        return
    shown = [[dataset.by_id[p].colour for p in shown_programmes(row["programmes"], selection)] for row in rows]
    points = geo.cities.loc[visible.index]
    diameters = [2 * CIRCLE_SCALE * marker_radius(int(row["population"]), largest) for row in rows]
    ax.scatter(
        points.x, points.y, s=[d**2 for d in diameters], c=[colours[0] for colours in shown],
        edgecolors=[colours[1] if len(colours) > 1 else SEA for colours in shown],
        linewidths=[2.6 if len(colours) > 1 else 0.9 for colours in shown], zorder=7,
    )  # fmt: skip


def _label(ax: Axes, name: str, x: float, y: float, size: float, bold: bool) -> None:
    """A name beside a point, on a white label so that it reads over any colour (a stroked halo would
    turn the word into a path in SVG); left of the point near the map's right edge, to stay on the map."""
    west, east = ax.get_xlim()
    leftwards = x > west + 0.7 * (east - west)
    ax.scatter([x], [y], s=30 if bold else 12, c=SELECTED, edgecolors=SEA, linewidths=1.0, zorder=9)
    ax.annotate(
        name, (x, y), xytext=(-6 if leftwards else 6, 4), textcoords="offset points", fontsize=size,
        ha="right" if leftwards else "left", color=INK, fontweight="bold" if bold else "normal",
        bbox=LABEL_BOX, zorder=10, parse_math=False,
    )  # fmt: skip


def _draw_names(ax: Axes, dataset: Dataset, geo: Projected, visible: gpd.GeoDataFrame, lang: Lang) -> None:
    """Every visible city named: with a region chosen the map is close enough for the names to fit."""
    for kuntanumero, row in zip(visible.index, dataset.rows(visible), strict=True):
        point = geo.cities.loc[kuntanumero]
        _label(ax, city_name(row, lang), point.x, point.y, SIZES["count"], bold=False)


def _draw_selected(
    ax: Axes, dataset: Dataset, geo: Projected, selection: Selection, lang: Lang, outline_area: bool
) -> None:
    """The selected city: its area outlined (areas), a dot at its centre, and its name beside it."""
    number = selection.city
    if number is None or number not in dataset.cities.index:
        return
    if outline_area:
        geo.municipalities.loc[[number]].boundary.plot(ax=ax, color=SELECTED, linewidth=1.8, zorder=8)
    point = geo.cities.loc[number]
    _label(ax, city_name(dataset.records[number], lang), point.x, point.y, SIZES["name"], bold=True)


def _frame(ax: Axes, geo: Projected, region: str | None) -> None:
    """Finland (or the chosen region, amid its neighbours) with a margin, widened to the map's box:
    true to shape, and the box filled."""
    chosen = geo.regions[geo.regions["maakunta_fi"] == region] if region is not None else geo.regions.iloc[:0]
    west, south, east, north = (chosen if len(chosen) else geo.outline).total_bounds
    margin = (0.08 if len(chosen) else 0.02) * max(north - south, east - west)
    west, south, east, north = west - margin, south - margin, east + margin, north + margin
    box_ratio = (MAP_BOX[3] * FIGURE_SIZE[1]) / (MAP_BOX[2] * FIGURE_SIZE[0])
    widen = max(0.0, (north - south) / box_ratio - (east - west)) / 2
    heighten = max(0.0, (east - west) * box_ratio - (north - south)) / 2
    ax.set_xlim(west - widen, east + widen)
    ax.set_ylim(south - heighten, north + heighten)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()


def _draw_titles(figure: Figure, dataset: Dataset, selection: Selection, lang: Lang) -> None:
    """The title, and what the map shows: the region (if one is chosen), cities, inhabitants and their
    share of Finland's population."""
    figure.text(0.03, 0.965, t("app_title", lang), fontsize=SIZES["title"], fontweight="bold", color=INK,
                va="top", parse_math=False)  # fmt: skip
    figures = key_figures(dataset, selection)
    share = t("figure_share", lang, share=percent(figures.population, figures.finland_population, lang))
    scope = [tn("n_cities", figures.cities, lang), tn("n_inhabitants", figures.population, lang), share]
    if selection.region is not None:
        scope.insert(0, selection.region)
    figure.text(0.03, 0.925, " · ".join(scope), fontsize=SIZES["subtitle"], color=MUTED, va="top", parse_math=False)


def _draw_legend(
    figure: Figure, dataset: Dataset, visible: gpd.GeoDataFrame, selection: Selection, lang: Lang, show: Show
) -> None:
    """Right of the map: each ticked programme's colour, name and count, then how to read the map."""
    legend = _Column(figure, LEGEND_LEFT, LEGEND_TOP)
    legend.line(t("legend", lang), SIZES["heading"], bold=True)
    figures = key_figures(dataset, selection)
    for programme, counted in zip(dataset.programmes, figures.by_programme, strict=True):
        if programme.id not in selection.programmes:
            continue
        legend.swatch(programme.colour, None, circle=show == "circles")
        legend.line(programme.short_name[lang], SIZES["name"], indent=True, bold=True, after=0.3)
        count = f"{tn('n_cities', counted.cities, lang)} · {tn('n_inhabitants', counted.population, lang)}"
        legend.line(count, SIZES["count"], indent=True, colour=MUTED)
    if not len(visible):
        legend.line(t("no_cities", lang), SIZES["note"], colour=MUTED)
    legend.gap()
    _legend_notes(legend, dataset, visible, selection, lang, show)


def _legend_notes(
    legend: _Column, dataset: Dataset, visible: gpd.GeoDataFrame, selection: Selection, lang: Lang, show: Show
) -> None:
    """How to read the map; the two-programme sign only when such a city is on it."""
    pairs = [shown_programmes(row["programmes"], selection) for row in dataset.rows(visible)]
    pair = next((p for p in pairs if len(p) > 1), None)
    if show == "circles":
        legend.line(t("picture_size", lang), SIZES["note"], colour=MUTED)
        if pair is not None:
            legend.line(t("legend_ring", lang), SIZES["note"], colour=MUTED)
        return
    legend.line(t("picture_areas", lang), SIZES["note"], colour=MUTED)
    if pair is not None:
        first, second = (dataset.by_id[p].colour for p in pair[:2])
        legend.swatch(first, second, circle=False)
        legend.line(t("picture_two_programmes", lang), SIZES["note"], indent=True, colour=MUTED)


def _draw_footer(figure: Figure, dataset: Dataset, lang: Lang) -> None:
    """The data's dates, when it was last checked against its sources, and the credits, across the foot."""
    lines = [f"{data_dates(dataset, lang)} {checked(dataset, lang)}".strip(), t("picture_credits", lang)]
    text = "\n".join(textwrap.fill(line, 150) for line in lines)
    figure.text(0.03, 0.015, text, fontsize=SIZES["credit"], color=MUTED, va="bottom", linespacing=1.5,
                parse_math=False)  # fmt: skip


class _Column:
    """Lines of text laid out downwards from a point of the figure, wrapped to the legend's width."""

    WRAP = 44  # characters at the name size; smaller text takes more

    def __init__(self, figure: Figure, left: float, top: float) -> None:
        self.figure, self.left, self.y = figure, left, top
        self._swatch_y: float | None = None

    def line(self, text: str, size: float, *, indent: bool = False, bold: bool = False, colour: str = INK,
             after: float = 0.6) -> None:  # fmt: skip
        """Add text (wrapped) and move down by its height plus `after` of a line."""
        width = round(self.WRAP * SIZES["name"] / size) - (4 if indent else 0)
        wrapped = textwrap.fill(text, width)
        left = self.left + (0.035 if indent else 0)
        self.figure.text(left, self.y, wrapped, fontsize=size, color=colour, va="top",
                         fontweight="bold" if bold else "normal", linespacing=1.3, parse_math=False)  # fmt: skip
        lines = wrapped.count("\n") + 1
        self.y -= (lines * 1.3 + after) * size / 72 / FIGURE_SIZE[1]

    def swatch(self, colour: str, hatch_colour: str | None, circle: bool) -> None:
        """A colour sample beside the next line: a square (areas, hatched for two programmes) or a dot.
        Drawn in inches (dpi_scale_trans), so that it stays square whatever the figure's shape."""
        left, top = self.left * FIGURE_SIZE[0], self.y * FIGURE_SIZE[1]
        side = 0.24
        shape: Circle | Rectangle
        if circle:
            shape = Circle((left + side / 2, top - side / 2), side / 2, color=colour)
        else:
            hatch = "///" if hatch_colour else None
            shape = Rectangle((left, top - side), side, side, facecolor=colour, edgecolor="none", hatch=hatch,
                              hatchcolor=hatch_colour)  # fmt: skip
        shape.set_transform(self.figure.dpi_scale_trans)
        self.figure.add_artist(shape)

    def gap(self) -> None:
        self.y -= 0.012
