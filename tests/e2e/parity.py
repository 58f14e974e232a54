"""What the parity tests share: what a front end shows (its map's cities and their looks, and the panels
beside the map), read as one plain comparable structure (`Shown`) from the app (`streamlit run`) or from
the exported static site, and a readable diff; and the texts of the map's picture (kpmap.picture's SVG,
`PictureTexts`), to find the panels' lines in.

Both readers go by the same rules: text as the page holds it, buttons and decorative (aria-hidden)
marks left out, runs of HTML whitespace (space, tab, line ends) collapsed and stripped. Nothing else is
normalised, so a non-breaking space against a plain one is still a difference."""

from __future__ import annotations

import difflib
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, Route, expect

from devtools.devserver import MAP_FRAME, free_port, serving
from kpmap.site.build import json_block

TILE = re.compile(r"^https://[abc]\.basemaps\.cartocdn\.com/")
# A transparent 1x1 PNG: tiles are answered on the machine, never fetched from outside.
BLANK_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e527de3f0000000049454e44ae426082"
)
CITY_CLASS = re.compile(r"\bkpmap-city-(\d{3})\b")
# How Leaflet drew a city's shape: these attributes of its SVG path, in this order (see `Shown.looks`).
LOOK_ATTRIBUTES = ("fill", "stroke", "stroke-width", "fill-opacity")
# Each city shape's class attribute and LOOK_ATTRIBUTES, as the page has them.
SHAPES_JS = f"""(paths) => paths.map((path) => [path.getAttribute('class'),
    ...{json.dumps(LOOK_ATTRIBUTES)}.map((name) => path.getAttribute(name))])"""
# HTML's own whitespace; a no-break space is not among it.
HTML_SPACE = re.compile(r"[ \t\n\r\f]+")

# The text of some elements, a line per block (paragraph, list item, table row, heading, term...); a
# line break, <small> or a table cell part words within a line. Buttons, scripts, styles, decorative
# marks (aria-hidden) and what is not displayed are left out.
TEXT_JS = """(nodes) => {
    const LINE = new Set(['P', 'DIV', 'LI', 'UL', 'OL', 'DL', 'DT', 'DD', 'TABLE', 'THEAD', 'TBODY', 'TR',
        'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'SECTION', 'CAPTION', 'HEADER', 'FOOTER', 'FORM', 'FIELDSET']);
    const WORD = new Set(['BR', 'SMALL', 'TD', 'TH']);
    const SKIP = new Set(['BUTTON', 'SCRIPT', 'STYLE', 'TEMPLATE']);
    let text = '';
    const walk = (node) => {
        if (node.nodeType === Node.TEXT_NODE) { text += node.data; return; }
        if (node.nodeType !== Node.ELEMENT_NODE || SKIP.has(node.tagName)) { return; }
        if (node.getAttribute('aria-hidden') === 'true' || getComputedStyle(node).display === 'none') { return; }
        const gap = LINE.has(node.tagName) ? '\\n' : WORD.has(node.tagName) ? ' ' : '';
        text += gap;
        node.childNodes.forEach(walk);
        text += gap;
    };
    for (const node of nodes) { walk(node); text += '\\n'; }
    return text;
}"""

# The selected city's details, found from their heading (#city-details) by structure, not position: the
# largest element around the heading that holds no other section heading (h1-h3), legend or key figures;
# if that is the heading itself (the app's panels share blocks of HTML), the heading and the siblings
# after it, up to the first that is or holds one of those.
DETAILS_JS = """function detailsOf(heading) {
    const other = '.kpmap-legend, .kpmap-figures, h1, h2, h3';
    const alone = (node) => Array.from(node.querySelectorAll(other)).every((found) => found === heading);
    let root = heading;
    while (root.parentElement && alone(root.parentElement)) { root = root.parentElement; }
    if (root !== heading) { return [root]; }
    const nodes = [heading];
    let node = heading.nextElementSibling;
    for (; node && !node.matches(other) && alone(node); node = node.nextElementSibling) { nodes.push(node); }
    return nodes;
}"""


# What a front end shows, read in its page: the figures as (term, value) pairs, the legend's lines, its
# notes and the details, each as TEXT_JS gives it.
READ_JS = f"""([figures, items, notes]) => {{
    {DETAILS_JS}
    const text = {TEXT_JS};
    const dl = document.querySelector(figures);
    const pairs = dl && Array.from(dl.querySelectorAll('dt')).map((dt) => [text([dt]), text([dt.nextElementSibling])]);
    const legend = Array.from(document.querySelectorAll(items)).map((li) => text([li]));
    const note = document.querySelector(notes);
    const heading = document.getElementById('city-details');
    return {{figures: pairs, legend, notes: note && text([note]), details: heading && text(detailsOf(heading))}};
}}"""


@dataclass(frozen=True)
class Shown:
    """What one front end shows for one address: the cities drawn on the map (by kuntanumero), the key
    figures (term, value), the legend's line per programme, the legend's notes on how to read the map, the
    selected city's details (a line per heading, fact row, paragraph), and how each city's shape was drawn
    as Leaflet left it, the mouse off the map: (kuntanumero, *LOOK_ATTRIBUTES) of its SVG path, sorted."""

    cities: frozenset[str]
    figures: tuple[tuple[str, str], ...]
    legend: tuple[str, ...]
    legend_notes: str
    details: tuple[str, ...]
    looks: tuple[tuple[str, str, str, str, str], ...]

    def look_of(self, kuntanumero: str) -> dict[str, str]:
        """One city's look, by attribute name."""
        found = [look for look in self.looks if look[0] == kuntanumero]
        assert len(found) == 1, f"{kuntanumero} is drawn {len(found)} times"
        return dict(zip(LOOK_ATTRIBUTES, found[0][1:], strict=True))


@dataclass(frozen=True)
class FrontEnd:
    """Where a front end keeps its key figures, legend lines and legend notes."""

    figures: str
    legend_items: str
    legend_notes: str


APP = FrontEnd("dl.kpmap-figures", "section.kpmap-legend > ul > li", "section.kpmap-legend > ul + small")
SITE = FrontEnd("#kpmap-figures", "#kpmap-legend-items li", "#kpmap-legend-notes")


def squeeze(text: str) -> str:
    """Runs of HTML whitespace as one space, none at either end."""
    return HTML_SPACE.sub(" ", text).strip()


def lines(text: str) -> tuple[str, ...]:
    return tuple(line for line in (squeeze(part) for part in text.split("\n")) if line)


def drawn_cities(classes: list[str]) -> frozenset[str]:
    """The kuntanumeros in the class attributes of the map's city shapes."""
    return frozenset(m.group(1) for c in classes for m in [CITY_CLASS.search(c or "")] if m)


Look = tuple[str, str, str, str, str]


def city_looks(shapes: list[list[str | None]]) -> tuple[Look, ...]:
    """SHAPES_JS's rows -> (kuntanumero, *LOOK_ATTRIBUTES) per city shape, sorted; a missing attribute as ""."""
    looks = []
    for classes, *values in shapes:
        found = CITY_CLASS.search(classes or "")
        if found:
            fill, stroke, width, opacity = (value or "" for value in values)
            looks.append((found.group(1), fill, stroke, width, opacity))
    return tuple(sorted(looks))


def read_shapes(page: Page, paths: Any) -> list[list[str | None]]:
    """The city shapes' classes and looks (SHAPES_JS) in `paths` (a locator), with the mouse off the map
    first: a shape under the pointer is drawn highlighted."""
    page.mouse.move(0, 0)
    rows: list[list[str | None]] = paths.evaluate_all(SHAPES_JS)
    return rows


def read_panels(page: Page, where: FrontEnd) -> dict[str, Any]:
    """The figures, legend and details as the page shows them (raw texts, not yet squeezed)."""
    found: dict[str, Any] = page.evaluate(READ_JS, [where.figures, where.legend_items, where.legend_notes])
    missing = [name for name in ("figures", "notes", "details") if found[name] is None]
    assert not missing, f"not on the page: {missing} ({where})"
    return found


def shown_from(shapes: list[list[str | None]], panels: dict[str, Any]) -> Shown:
    """What a reader found -> a Shown: the city shapes' rows (SHAPES_JS) and the panels (read_panels)."""
    return Shown(
        cities=drawn_cities([row[0] or "" for row in shapes]),
        figures=tuple((" ".join(lines(term)), " ".join(lines(value))) for term, value in panels["figures"]),
        legend=tuple(" ".join(lines(item)) for item in panels["legend"]),
        legend_notes=" ".join(lines(panels["notes"])),
        details=lines(panels["details"]),
        looks=city_looks(shapes),
    )


def answer_tiles(page: Page) -> None:
    """Basemap tiles answered on the machine with a blank image: nothing leaves it, nothing waits."""
    page.route(TILE, lambda route: route.fulfill(status=200, content_type="image/png", body=BLANK_PNG))


# The app's page is whole: no script run going, the side panels and the table of cities there, the map
# in its frame with one shape per row of that table.
APP_WHOLE_JS = """(frameSelector) => {
    const app = document.querySelector("[data-testid='stApp']");
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') { return false; }
    const table = document.querySelector('table.kpmap-table:not(.kpmap-facts)');
    if (!table || !document.querySelector('dl.kpmap-figures') || !document.querySelector('section.kpmap-legend')) {
        return false;
    }
    const frame = document.querySelector(frameSelector);
    const doc = frame && frame.contentDocument;
    if (!doc || !doc.querySelector('.leaflet-container')) { return false; }
    const shapes = doc.querySelectorAll('path.kpmap-city').length;
    return shapes === table.querySelectorAll('tbody tr').length;
}"""


def app_shown(page: Page, app_url: str, query: str) -> Shown:
    """The app at app_url + query, once its page is whole."""
    answer_tiles(page)
    page.goto(f"{app_url}/{query}")
    expect(page.get_by_role("heading", level=1)).to_be_visible(timeout=60_000)
    page.wait_for_function(APP_WHOLE_JS, arg=MAP_FRAME, timeout=60_000, polling=100)
    shapes = read_shapes(page, page.frame_locator(MAP_FRAME).locator("path.kpmap-city"))
    return shown_from(shapes, read_panels(page, APP))


# The site's panels are drawn two animation frames after the map; two frames more and they are there.
TWO_FRAMES_JS = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"


def site_shown(page: Page, site_url: str, query: str) -> Shown:
    """The static site at site_url + query, once its panels are drawn."""
    answer_tiles(page)
    page.goto(site_url + query)
    expect(page.locator("#kpmap-figures dd").first).to_be_attached()
    page.wait_for_function(TWO_FRAMES_JS)
    expect(page.locator("#kpmap-details #city-details")).to_be_attached()
    shapes = read_shapes(page, page.locator("#kpmap-map path.kpmap-city"))
    return shown_from(shapes, read_panels(page, SITE))


def in_fresh_page(browser: Browser, read: Any, *args: Any, prepare: Any = None) -> Shown:
    """read(page, *args) in a page of a fresh browser context; prepare(page) first, if given."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        if prepare is not None:
            prepare(page)
        result: Shown = read(page, *args)
        return result
    finally:
        context.close()


# The site's data blocks in index.html: config, texts, data, areas.
DATA_BLOCK = re.compile(r'<script type="application/json" id="(kpmap-[a-z]+)">(.*?)</script>', re.S)


def edited_index(html: str, edit: Callable[[dict[str, Any]], None]) -> str:
    """index.html with its JSON data blocks changed by edit(blocks by id), written back as the build writes them."""
    blocks = {m.group(1): json.loads(m.group(2)) for m in DATA_BLOCK.finditer(html)}
    edit(blocks)
    return DATA_BLOCK.sub(lambda m: json_block(m.group(1), blocks[m.group(1)]), html)


def serve_edited(page: Page, edit: Callable[[dict[str, Any]], None]) -> None:
    """The page's index.html, as the server sends it, changed by edit before the browser reads it."""

    def answer(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=edited_index(response.text(), edit))

    page.route(lambda url: urlsplit(url).path in ("/", "/index.html"), answer)


@contextmanager
def served(directory: Path) -> Iterator[str]:
    """`python -m http.server` on the directory, on a free port; yields its address with a slash."""
    port = free_port()
    command = [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", str(directory), str(port)]
    with serving(command, port, "/") as (url, _process):
        yield url + "/"


SENTENCE_END = re.compile(r"(?<=[.;!?]) ")


def _as_lines(value: object) -> list[str]:
    """A field's value for a diff, a line per item; a text, such as the notes, a line per sentence."""
    if isinstance(value, str):
        return SENTENCE_END.split(value)
    return [": ".join(item) if isinstance(item, tuple) else str(item) for item in value]  # type: ignore[attr-defined]


def looks_differences(a: tuple[Look, ...], b: tuple[Look, ...], names: tuple[str, str]) -> list[str]:
    """A line per city drawn differently: `kuntanumero: attribute a-value (a) / b-value (b), ...`, or
    the front end that alone draws it."""
    left, right = {look[0]: look[1:] for look in a}, {look[0]: look[1:] for look in b}
    out = []
    for number in sorted(left.keys() | right.keys()):
        if number not in right or number not in left:
            out.append(f"{number}: drawn only in {names[0] if number in left else names[1]}")
            continue
        pairs = zip(LOOK_ATTRIBUTES, left[number], right[number], strict=True)
        changed = [f"{name} {x!r} ({names[0]}) / {y!r} ({names[1]})" for name, x, y in pairs if x != y]
        if changed:
            out.append(f"{number}: " + ", ".join(changed))
    return out


def differing(a: Shown, b: Shown) -> set[str]:
    """The names of the fields in which a and b differ."""
    return {f.name for f in fields(Shown) if getattr(a, f.name) != getattr(b, f.name)}


def differences(a: Shown, b: Shown, names: tuple[str, str] = ("app", "site")) -> str:
    """Every field in which a and b differ, each with a diff: cities as the numbers only one has, looks as
    a line per city drawn differently, the rest as a unified diff, a line per item."""
    out = []
    for name in sorted(differing(a, b), key=[f.name for f in fields(Shown)].index):
        left, right = getattr(a, name), getattr(b, name)
        if isinstance(left, frozenset):
            out.append(
                f"{name}: only in {names[0]}: {sorted(left - right)}; only in {names[1]}: {sorted(right - left)}"
            )
            continue
        if name == "looks":
            out.append(f"{name}:\n" + "\n".join(f"    {line}" for line in looks_differences(left, right, names)))
            continue
        diff = difflib.unified_diff(_as_lines(left), _as_lines(right), names[0], names[1], lineterm="", n=1)
        out.append(f"{name}:\n" + "\n".join(f"    {line}" for line in diff))
    return "\n".join(out)


SVG_TEXT = "{http://www.w3.org/2000/svg}text"
# Where matplotlib puts a text: an x attribute, or (a line of a text of several lines) a translate().
TRANSLATE_X = re.compile(r"translate\(\s*([-+0-9.e]+)")


@dataclass(frozen=True)
class PictureTexts:
    """The words of a picture (kpmap.picture's SVG): every <text> in order, and those of the legend
    column (from legend_left, in points, rightwards), each as it is written (a wrapped line each)."""

    texts: tuple[str, ...]
    legend: tuple[str, ...]


def _text_x(element: ET.Element) -> float:
    found = element.get("x") or TRANSLATE_X.search(element.get("transform", ""))
    assert found is not None, f"a <text> without a position: {ET.tostring(element)!r}"
    return float(found if isinstance(found, str) else found.group(1))


def picture_texts(svg: bytes, legend_left: float) -> PictureTexts:
    """The picture's texts; those that start at legend_left (points; half a point of rounding allowed) or
    right of it are the legend's."""
    elements = list(ET.fromstring(svg).iter(SVG_TEXT))
    texts = tuple("".join(element.itertext()) for element in elements)
    legend = tuple(text for element, text in zip(elements, texts, strict=True) if _text_x(element) >= legend_left - 0.5)
    return PictureTexts(texts, legend)


def written_in(line: str, written: tuple[str, ...]) -> bool:
    """Whether line is in the written lines as the picture wraps it (textwrap): from the start of a line to
    the end of one, its words in order, a space or a line break between them, or a break after a hyphen.
    A non-breaking space is not a space: it must be one there too."""
    words = (re.escape(word).replace(r"\-", r"-\n?") for word in line.split(" ") if word)
    return re.search("^" + "[ \n]+".join(words) + "$", "\n".join(written), re.M) is not None
