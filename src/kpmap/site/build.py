"""Dataset -> a static site: index.html with the data in JSON blocks, the browser code, and Leaflet.

Everything the page shows comes from the package and is written into `<script type="application/json">`
blocks, which the browser does not run and the page's code reads with `JSON.parse(el.textContent)`:
that works from any web server and from `file://` alike (no fetch of local files), and under a
Content-Security-Policy that allows only the site's own script files. The output depends on the data
alone (sorted keys, no timestamps), so that the same data gives the same bytes.
"""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import urlsplit

import xstatic.pkg.leaflet as xstatic_leaflet

from kpmap.export import export_table, to_csv, to_geojson
from kpmap.filters import regions
from kpmap.i18n import COUNTED, LANGUAGE_NAMES, STRINGS, date, number, percent
from kpmap.mapview import MAP_CONTROLS_CSS, Tiles, drawing_rules, finland_bounds, largest_population, marker_radius
from kpmap.model import DEFAULT_LANG, LANGS, Dataset, Lang, Localized, Programme
from kpmap.presentation import DETAIL_FIELDS, LEGEND_NOTES
from kpmap.provenance import checked, population_dates
from kpmap.timeline import Change, changes, timeline_svg
from kpmap.urlstate import _MAX_SHOWN, _PLAIN, DEFAULT_SHOW, NO_PROGRAMMES, SHOW_MODES

STATIC = Path(__file__).resolve().parent / "static"
# The browser code: three files here, one file in the site (one request fewer each, on the map's way).
SCRIPTS = ("site-common.js", "site-map.js", "site.js")
# Where Leaflet goes beside them (its stylesheet is in the site's, see stylesheet()).
LEAFLET_FILES = ("leaflet.js",)
# Marks a directory as written by this command, so that a later export may replace it (and nothing else).
GENERATOR = "kpmap export-site"

# The interface texts the site shows (of kpmap.i18n.STRINGS); only these are embedded. The legend's notes
# and the details' labels are those kpmap.presentation names for both front ends.
SITE_TEXTS = (
    "app_title", "app_subtitle", "language", "filters", "programmes", "region", "all_regions", "find_city",
    "find_city_placeholder", "reset", "map_heading", "figure_cities", "figure_population", "figure_share",
    "figure_programmes", "legend", "legend_hidden", "no_cities", "details", "details_prompt", "population_value",
    "member_of", "membership_source", "undated", "hidden_by_filters", "clear_city", "table_heading", "col_city",
    "col_region", "col_population", "col_programmes", "programme_panels", "principles", "elements", "themes",
    "no_themes", "timeline", "official_page", "sources", "name_translated", "partial_list", "common_ground",
    "downloads", "download_visible_csv", "download_visible_geojson", "download_note", "sources_heading",
    "source_membership", "source_geonames", "source_population", "source_texts", "source_tiles", "ignored_param",
    "map_summary", "site_map_summary_areas", "site_show", "site_show_areas", "site_show_circles",
    "site_source_areas", "site_source_regional", "site_map_label", "site_select_city", "site_no_match",
    "site_open_full", "site_skip_to_table", "site_notices", "whole_finland", "whole_finland_label",
    "timeline_heading", "timeline_intro", "changes_heading", "changes_intro",
    *sorted({key for keys in LEGEND_NOTES.values() for key in keys}), *DETAIL_FIELDS,
)  # fmt: skip


def json_block(element_id: str, value: Any) -> str:
    """A JSON data block that no value can break out of: `<`, `>` and `&` are written as \\u escapes,
    so that `</script>` or `<!--` in the data stays inside the string it belongs to. Letters beyond ASCII
    are \\u escapes too: a page of ASCII alone is decoded and parsed by the browser's faster path."""
    text = json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def site_texts() -> dict[str, Any]:
    """The texts the site uses, with their {placeholders}, and the counted ones with both plural forms."""
    return {
        "strings": {lang: {key: STRINGS[key][lang] for key in SITE_TEXTS} for lang in LANGS},
        "counted": COUNTED,
        "languages": LANGUAGE_NAMES,
    }


def tile_source(tiles: Tiles) -> str | None:
    """The tile host as a CSP source: `https://{s}.host/...` -> `https://*.host`; a template elsewhere
    in the host allows the scheme (the tile host is the only foreign address the page may use)."""
    if tiles.url is None:
        return None
    parts = urlsplit(tiles.url)
    host = parts.netloc
    if host.startswith("{s}."):
        host = "*." + host[4:]
    return f"{parts.scheme}:" if "{" in host else f"{parts.scheme}://{host}"


def content_security_policy(tiles: Tiles) -> str:
    images = " ".join(s for s in ("'self'", "data:", tile_source(tiles)) if s)
    return (
        f"default-src 'self'; script-src 'self'; style-src 'self'; img-src {images}; connect-src 'none'; "
        "object-src 'none'; base-uri 'none'; form-action 'none'"
    )


def site_config(dataset: Dataset, tiles: Tiles) -> dict[str, Any]:
    """The address's words and values, number grouping, how the map draws, what the legend and the
    details say, and the basemap."""
    return {
        "langs": list(LANGS),
        "defaultLang": DEFAULT_LANG,
        "noProgrammes": NO_PROGRAMMES,
        "showModes": list(SHOW_MODES),
        "defaultShow": DEFAULT_SHOW,
        # How a value from the address is cut and cleaned before a notice shows it (kpmap.urlstate.plain).
        "plain": {"pattern": _PLAIN.pattern, "max": _MAX_SHOWN},
        # The thousands separator of each language, as kpmap.i18n.number writes it.
        "grouping": {lang: number(1000, lang)[1] for lang in LANGS},
        # A share as kpmap.i18n.percent writes it: one decimal, its decimal sign and what follows the number.
        "percent": {lang: {"decimal": percent(1, 8, lang)[2], "suffix": percent(1, 8, lang)[4:]} for lang in LANGS},
        "drawing": drawing_rules(dataset),
        "legendNotes": LEGEND_NOTES,
        "detailFields": DETAIL_FIELDS,
        # Leaflet shows the attribution as HTML: escaped here, it shows as the text it is.
        "tiles": None
        if tiles.url is None
        else {"url": tiles.url, "attribution": html.escape(tiles.attribution), "text": tiles.attribution},
    }


def _localized(value: Localized[Any]) -> dict[str, Any]:
    return {lang: value[lang] for lang in LANGS}


def _programme(programme: Programme) -> dict[str, Any]:
    partial = programme.partial
    return {
        "id": programme.id,
        "colour": programme.colour,
        "name": _localized(programme.name),
        "short_name": _localized(programme.short_name),
        "description": _localized(programme.description),
        "principles": _localized(programme.principles),
        "themes": _localized(programme.themes),
        "translated_names": sorted(programme.translated_names),
        "official_url": programme.official_url,
        "sources": [url for url in programme.sources if url != programme.official_url],
        "dates": [{"date": _dates(event.date), "text": _localized(event.text)} for event in programme.dates],
        "partial": None
        if partial is None
        else {"confirmed": partial.confirmed, "total": partial.total, "holder": partial.holder, "url": partial.url},
    }


def _dates(iso: str) -> dict[str, str] | None:
    return {lang: date(iso, lang) for lang in LANGS} if iso else None


def _cities(dataset: Dataset) -> list[dict[str, Any]]:
    """Every city, largest first (the map draws them in this order), with its memberships' sources."""
    largest = largest_population(dataset)
    sources: dict[str, list[dict[str, Any]]] = {}
    for membership in dataset.memberships.to_dict("records"):
        sources.setdefault(membership["kuntanumero"], []).append(
            {
                "programme": membership["programme_id"],
                "url": membership["source_url"],
                "date": _dates(membership["source_date"]),
                "note": membership["source_note"],
            }
        )
    return [
        {
            "id": kuntanumero,
            "name_fi": row["name_fi"],
            "name_sv": row["name_sv"],
            "region": row["maakunta"],
            "population": int(row["population"]),
            "population_date": _dates(row["population_date"]),
            "population_source": row["population_source"],
            "lon": float(row["lon"]),
            "lat": float(row["lat"]),
            "radius": round(marker_radius(int(row["population"]), largest), 2),
            "programmes": list(row["programmes"]),
            "memberships": sources.get(kuntanumero, []),
        }
        for kuntanumero, row in zip(dataset.cities.index, dataset.rows(dataset.cities), strict=True)
    ]


def site_data(dataset: Dataset) -> dict[str, Any]:
    return {
        "programmes": [_programme(p) for p in dataset.programmes],
        "cities": _cities(dataset),
        "regions": regions(dataset),
        "population_dates": {lang: population_dates(dataset, lang) for lang in LANGS},
        "finland_population": dataset.finland.population,
        # The partnerships' history (kpmap.timeline): the chart is a file per language, the list is here.
        "changes": {lang: [_change(change) for change in changes(dataset, lang)] for lang in LANGS},
        "timelines": {lang: timeline_file(lang) for lang in LANGS},
        "checked": {lang: checked(dataset, lang) for lang in LANGS},
    }


def timeline_file(lang: Lang) -> str:
    return f"assets/timeline-{lang}.svg"


def _change(change: Change) -> dict[str, Any]:
    return {
        "when": change.when,
        "programme": change.programme.id,
        "what": change.what,
        "url": change.source_url,
    }


def _collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def _feature(geometry: Any, **properties: str) -> dict[str, Any]:
    return {"type": "Feature", "properties": properties, "geometry": geometry.__geo_interface__}


def site_areas(dataset: Dataset) -> dict[str, Any]:
    """Finland's outline, the regions and every municipality, each with only the key the page joins by,
    and the outline's bounds."""
    areas = dataset.areas
    regions = zip(areas.regions["maakunta_fi"], areas.regions.geometry, strict=True)
    municipalities = zip(areas.municipalities.index, areas.municipalities.geometry, strict=True)
    return {
        "bounds": finland_bounds(dataset),  # the view the map opens on (and the benchmark's floor page)
        "outline": _collection([_feature(g) for g in areas.outline.geometry]),
        "regions": _collection([_feature(g, region=name) for name, g in regions]),
        "municipalities": _collection([_feature(g, id=code) for code, g in municipalities]),
    }


def csv_records(text: str) -> list[str]:
    """CSV text -> its records, each with its line end; a line end between quotes stays in its record
    (a field's quotes come in pairs, doubled ones included, so a record is complete at an even count)."""
    records, current = [], ""
    for line in text.split("\r\n")[:-1]:
        current += line + "\r\n"
        if current.count('"') % 2 == 0:
            records.append(current)
            current = ""
    return records


def site_downloads(dataset: Dataset) -> dict[str, Any]:
    """Each city's line of the CSV download and its GeoJSON feature, in each language, written by
    kpmap.export as the app writes them; the page puts together those of the visible cities."""
    cities = dataset.cities
    downloads: dict[str, Any] = {}
    for lang in LANGS:
        table = export_table(dataset, cities, lang)
        header, *rows = csv_records(to_csv(table).decode("utf-8"))  # the header keeps the byte-order mark
        features = json.loads(to_geojson(table))["features"]
        downloads[lang] = {
            "csv_header": header,
            "csv_rows": dict(zip(cities.index, rows, strict=True)),
            "features": dict(zip(cities.index, features, strict=True)),
        }
    return downloads


# The downloads' data is as large as the rest of the page and only needed on a click: a script of its own,
# which the page loads then (a script, not a fetch, so that it loads from file:// too).
DOWNLOADS = "assets/downloads.js"


def downloads_script(downloads: dict[str, Any]) -> str:
    """The downloads' data as a script that hands it to the page; JSON is a JavaScript literal."""
    text = json.dumps(downloads, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"window.kpmap.receiveDownloads({text});\n"


# An element the page's code fills with an interface text (`data-text`), or labels (`data-label`).
TEXT_ELEMENT = re.compile(r'(<(\w+)\b[^>]*\bdata-text="(\w+)"[^>]*>)(</\2>)')
LABELLED = re.compile(r'\bdata-label="(\w+)"')


def _ascii(text: str) -> str:
    """Text for the page's HTML, escaped, in ASCII as the JSON blocks: other letters as character references."""
    return html.escape(text).encode("ascii", "xmlcharrefreplace").decode("ascii")


def with_texts(template: str, lang: Lang) -> str:
    """The page's template with its texts and labels in `lang` already in place, so that the first
    picture, drawn before any script runs, has its headings (the page's code puts in another language
    when the address asks for one). Escaped as HTML, and `$` doubled: the result is still a template."""

    def put(key: str) -> str:
        return _ascii(STRINGS[key][lang]).replace("$", "$$")

    def text(match: re.Match[str]) -> str:
        return match.group(1) + put(match.group(3)) + match.group(4)

    def label(match: re.Match[str]) -> str:
        return f'{match.group(0)} aria-label="{put(match.group(1))}"'

    return LABELLED.sub(label, TEXT_ELEMENT.sub(text, template))


def render_index(dataset: Dataset, tiles: Tiles) -> str:
    template = Template(with_texts((STATIC / "index.html").read_text(encoding="utf-8"), DEFAULT_LANG))
    blocks = "\n".join(
        [
            json_block("kpmap-config", site_config(dataset, tiles)),
            json_block("kpmap-texts", site_texts()),
            json_block("kpmap-data", site_data(dataset)),
            json_block("kpmap-areas", site_areas(dataset)),
        ]
    )
    return template.substitute(
        lang=DEFAULT_LANG,
        title=html.escape(STRINGS["app_title"][DEFAULT_LANG]),
        checked=_ascii(checked(dataset, DEFAULT_LANG)),
        csp=html.escape(content_security_policy(tiles)),
        generator=GENERATOR,
        data_blocks=blocks,
    )


def site_files(dataset: Dataset, tiles: Tiles) -> dict[str, bytes]:
    """Every file of the site by its path inside the site: the page, its code and styles, Leaflet."""
    files = {
        "index.html": render_index(dataset, tiles).encode("utf-8"),
        DOWNLOADS: downloads_script(site_downloads(dataset)).encode("utf-8"),
    }
    files["assets/site.css"] = stylesheet()
    for lang in LANGS:
        files[timeline_file(lang)] = timeline_svg(dataset, lang).encode("utf-8")
    files["assets/site.js"] = b"\n".join(f"// {name}\n".encode() + (STATIC / name).read_bytes() for name in SCRIPTS)
    leaflet = Path(xstatic_leaflet.BASE_DIR)
    for name in LEAFLET_FILES:
        files[f"assets/leaflet/{name}"] = (leaflet / name).read_bytes()
    for image in sorted((leaflet / "images").iterdir()):
        files[f"assets/leaflet/images/{image.name}"] = image.read_bytes()
    return files


def stylesheet() -> bytes:
    """Leaflet's stylesheet, the site's and the map's controls' in one file: the scripts wait for every
    stylesheet before they run, so one request fewer on the map's way. Leaflet's images are addressed
    from the site's assets."""
    leaflet = (Path(xstatic_leaflet.BASE_DIR) / "leaflet.css").read_text(encoding="utf-8")
    leaflet = leaflet.replace("url(images/", "url(leaflet/images/")
    own = (STATIC / "site.css").read_text(encoding="utf-8")
    parts = [
        f"/* leaflet.css (Leaflet {xstatic_leaflet.VERSION}) */\n{leaflet}",
        f"/* site.css */\n{own}",
        f"/* the map's controls, as in the app's map (kpmap.mapview.MAP_CONTROLS_CSS) */\n{MAP_CONTROLS_CSS}\n",
    ]
    return "\n".join(parts).encode()


class OutputError(Exception):
    """OUT exists and holds something other than a site this command wrote."""


def _replaceable(out: Path) -> bool:
    """OUT may be (re)written: it does not exist, is empty, or is a site this command wrote."""
    if not out.exists():
        return True
    if not out.is_dir():
        return False
    index = out / "index.html"
    return not any(out.iterdir()) or (index.is_file() and f'content="{GENERATOR}"' in index.read_text("utf-8"))


def write_site(files: dict[str, bytes], out: Path) -> None:
    """Write the files into a new directory beside OUT, then put it in OUT's place: a reader (or a
    web server) sees the old site or the new one, never half of one."""
    out = out.absolute()
    if not _replaceable(out):
        raise OutputError(f"{out} exists and is not a site written by {GENERATOR}; choose another directory")
    out.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        os.chmod(building, 0o755)  # mkdtemp makes it private; a web server must read it
        for relative, content in files.items():
            target = building / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
            out.rename(old / "site")
            building.rename(out)
            shutil.rmtree(old)
        else:
            building.rename(out)
    finally:
        if building.exists():
            shutil.rmtree(building)


def build_site(dataset: Dataset, out: Path, tiles: Tiles) -> dict[str, bytes]:
    files = site_files(dataset, tiles)
    write_site(files, out)
    return files


def sizes(files: dict[str, bytes]) -> tuple[int, int]:
    """Bytes of the whole site, raw and gzipped file by file (as a web server would send them)."""
    raw = sum(len(content) for content in files.values())
    zipped = sum(len(gzip.compress(content, mtime=0)) for content in files.values())
    return raw, zipped
