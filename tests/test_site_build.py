"""The static site generator: what it embeds, how it escapes, that it is reproducible, and bad data."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from kpmap import load_dataset
from kpmap.cli import main
from kpmap.export import export_table, to_csv
from kpmap.i18n import COUNTED, STRINGS, number, percent
from kpmap.mapview import DEFAULT_TILES, NO_TILES, marker_radius, tiles_from_setting
from kpmap.model import LANGS
from kpmap.presentation import DETAIL_FIELDS, LEGEND_NOTES
from kpmap.provenance import checked
from kpmap.site.build import DOWNLOADS, SITE_TEXTS, STATIC, build_site, csv_records, json_block, site_files
from kpmap.timeline import changes, timeline_svg
from kpmap.urlstate import DEFAULT_SHOW, NO_PROGRAMMES, SHOW_MODES

HOSTILE_FI = "</script><script>alert('fi')</script><!--"
HOSTILE_SV = "<img src=x onerror=alert('sv')>"


class Scripts(HTMLParser):
    """Every <script> element of a page: its attributes and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._open: dict[str, str | None] | None = None
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        if tag == "script":
            self._open = dict(attrs)
            self.scripts.append((self._open, ""))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open = None


def page_scripts(html: str) -> Scripts:
    parser = Scripts()
    parser.feed(html)
    return parser


def blocks(html: str) -> dict[str, Any]:
    """The JSON data blocks of a page, parsed, by id."""
    return {
        str(attrs["id"]): json.loads(text)
        for attrs, text in page_scripts(html).scripts
        if attrs.get("type") == "application/json"
    }


@pytest.fixture(scope="module")
def files(dataset) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    return site_files(dataset, DEFAULT_TILES)


@pytest.fixture(scope="module")
def page(files: dict[str, bytes]) -> dict[str, Any]:
    return blocks(files["index.html"].decode("utf-8"))


def test_every_city_is_embedded_largest_first_with_its_programmes(page, dataset):
    """The page holds every city of the dataset, in its order, with programmes, population and marker size."""
    cities = page["kpmap-data"]["cities"]
    largest = int(dataset.cities["population"].max())
    assert [c["id"] for c in cities] == list(dataset.cities.index)
    for city, row in zip(cities, dataset.rows(dataset.cities), strict=True):
        assert (city["name_fi"], city["name_sv"], city["region"]) == (row["name_fi"], row["name_sv"], row["maakunta"])
        assert city["population"] == row["population"]
        assert tuple(city["programmes"]) == row["programmes"]
        assert city["radius"] == round(marker_radius(int(row["population"]), largest), 2)


def test_every_membership_is_embedded_with_its_source(page, dataset):
    """Each city lists each of its memberships with the source's address and note."""
    embedded = {(c["id"], m["programme"], m["url"], m["note"]) for c in page["kpmap-data"]["cities"] for m in c["memberships"]}
    expected = set(
        zip(
            dataset.memberships["kuntanumero"],
            dataset.memberships["programme_id"],
            dataset.memberships["source_url"],
            dataset.memberships["source_note"],
            strict=True,
        )
    )
    assert embedded == expected


def test_programmes_are_embedded_in_order_with_colours_and_texts(page, dataset):
    """Programme ids, colours and names in every language come from the data, in display order."""
    programmes = page["kpmap-data"]["programmes"]
    assert [p["id"] for p in programmes] == [p.id for p in dataset.programmes]
    for embedded, programme in zip(programmes, dataset.programmes, strict=True):
        assert embedded["colour"] == programme.colour
        for lang in LANGS:
            assert embedded["name"][lang] == programme.name[lang]
            assert embedded["principles"][lang] == list(programme.principles[lang])


def test_areas_are_embedded_for_every_municipality_and_region(page, dataset):
    """Every municipality and region has its shape on the page, keyed as the page joins them."""
    areas = page["kpmap-areas"]
    assert [f["properties"]["id"] for f in areas["municipalities"]["features"]] == list(dataset.areas.municipalities.index)
    assert {f["properties"]["region"] for f in areas["regions"]["features"]} == set(dataset.areas.regions["maakunta_fi"])
    assert set(dataset.cities["maakunta"]) <= {f["properties"]["region"] for f in areas["regions"]["features"]}
    assert len(areas["outline"]["features"]) == len(dataset.areas.outline)


def test_the_map_opens_on_the_outlines_bounds(page, dataset):
    """The bounds the map opens on are those of Finland's outline, the far north included."""
    west, south, east, north = dataset.areas.outline.total_bounds
    assert page["kpmap-areas"]["bounds"] == [[south, west], [north, east]]
    assert north > 70 and south < 60


def test_texts_are_the_packages_in_every_language(page):
    """The embedded texts are kpmap.i18n's, placeholders and plural forms included; only those the site uses."""
    texts = page["kpmap-texts"]
    for lang in LANGS:
        assert texts["strings"][lang] == {key: STRINGS[key][lang] for key in SITE_TEXTS}
    assert texts["counted"] == COUNTED


class Texts(HTMLParser):
    """Every element of a page with `data-text` (and its text) or `data-label` (and its aria-label)."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[tuple[str, str]] = []
        self.labels: list[tuple[str, str | None]] = []
        self._open: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if "data-label" in attributes:
            self.labels.append((str(attributes["data-label"]), attributes.get("aria-label")))
        if tag in ("meta", "link", "input", "br", "img", "hr"):
            return  # no end tag
        self._open.append(attributes.get("data-text"))
        if attributes.get("data-text"):
            self.texts.append((str(attributes["data-text"]), ""))

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1]:
            key, text = self.texts[-1]
            self.texts[-1] = (key, text + data)

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()


def test_the_page_holds_its_texts_in_the_default_language(files):
    """Headings and labels are in the page as written, in Finnish, before any script runs."""
    parser = Texts()
    parser.feed(files["index.html"].decode("utf-8"))
    assert len(parser.texts) > 20 and parser.labels
    assert parser.texts == [(key, STRINGS[key]["fi"]) for key, _ in parser.texts]
    assert parser.labels == [(key, STRINGS[key]["fi"]) for key, _ in parser.labels]


def test_address_words_and_number_format_come_from_the_package(page):
    """The address's words and values and the thousands separator are the package's."""
    config = page["kpmap-config"]
    assert config["langs"] == list(LANGS)
    assert (config["noProgrammes"], config["showModes"], config["defaultShow"]) == (
        NO_PROGRAMMES,
        list(SHOW_MODES),
        DEFAULT_SHOW,
    )
    for lang in LANGS:
        assert number(1234567, lang) == f"1{config['grouping'][lang]}234{config['grouping'][lang]}567"


def static_code() -> str:
    return "".join(path.read_text(encoding="utf-8") for path in sorted(STATIC.iterdir()) if path.suffix in (".js", ".html"))


def test_the_browser_code_uses_only_embedded_texts_and_all_of_them():
    """Every text key the page's code names is embedded, and every embedded key is used."""
    code = static_code()
    named = set(re.findall(r"""\bt\(\s*"(\w+)"|data-(?:text|label)="(\w+)\"""", code))
    used = {key for pair in named for key in pair if key}
    assert used, "no uses found: the pattern is wrong"
    assert used <= set(SITE_TEXTS)
    shown_modes = {f"site_show_{mode}" for mode in SHOW_MODES}
    assert '"site_show_" + mode' in code
    # The legend's notes and the details' labels are named by kpmap.presentation, handed over in the config.
    assert "config.legendNotes[view.show]" in code and "config.detailFields.map" in code
    listed = {key for keys in LEGEND_NOTES.values() for key in keys} | set(DETAIL_FIELDS)
    assert [key for key in SITE_TEXTS if f'"{key}"' not in code and key not in shown_modes | listed] == []


def test_the_csv_download_is_the_apps_csv(page, dataset):
    """All cities' lines put together give the CSV the app offers, byte for byte, in every language."""
    script = site_files(dataset, DEFAULT_TILES)[DOWNLOADS].decode("utf-8")
    assert script.startswith("window.kpmap.receiveDownloads(") and script.endswith(");\n")
    downloads = json.loads(script.removeprefix("window.kpmap.receiveDownloads(").removesuffix(");\n"))
    for lang in LANGS:
        own = downloads[lang]
        joined = own["csv_header"] + "".join(own["csv_rows"][k] for k in dataset.cities.index)
        assert joined.encode("utf-8") == to_csv(export_table(dataset, dataset.cities, lang))


def test_hostile_names_stay_inside_their_json_block(data_copy):
    """`</script>` and `<img onerror>` in the data cannot end a block or add an element; they read back as written."""

    def hostile(doc: dict[str, Any]) -> None:
        doc["features"][0]["properties"]["name_fi"] = HOSTILE_FI
        doc["features"][0]["properties"]["name_sv"] = HOSTILE_SV

    data_copy.edit_cities(hostile)
    html = site_files(load_dataset(data_copy.path), DEFAULT_TILES)["index.html"].decode("utf-8")
    parsed = page_scripts(html)
    assert "<img" not in html and "</script><script>alert" not in html
    names = {(c["name_fi"], c["name_sv"]) for c in blocks(html)["kpmap-data"]["cities"]}
    assert (HOSTILE_FI, HOSTILE_SV) in names
    kinds = sorted(attrs.get("type") or attrs.get("src") or "" for attrs, _ in parsed.scripts)
    assert kinds.count("application/json") == 4
    assert all(kind == "application/json" or kind.startswith("assets/") for kind in kinds)


@pytest.mark.parametrize("value", ["</script>", "<!--", "<script>", "a & b", "\u2028"])
def test_json_block_escapes_what_html_would_read(value):
    """A JSON block holds no `<`, `>` or `&` of its own, and its value reads back unchanged."""
    block = json_block("x", {"v": value})
    inner = block.removeprefix('<script type="application/json" id="x">').removesuffix("</script>")
    assert not set("<>&") & set(inner)
    assert json.loads(inner) == {"v": value}


def test_the_page_has_a_csp_no_inline_code_and_no_event_handler_attributes(files):
    """A CSP meta tag limits scripts and styles to the site's own files; no script but data is inline."""
    html = files["index.html"].decode("utf-8")
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert csp is not None
    policy = csp.group(1).replace("&#x27;", "'")
    for rule in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'none'"):
        assert rule in policy
    assert "img-src 'self' data: https://*.basemaps.cartocdn.com" in policy
    parsed = page_scripts(html)
    assert parsed.handlers == []
    assert all(attrs.get("src") or attrs.get("type") == "application/json" for attrs, _ in parsed.scripts)


def test_the_browser_code_never_writes_html():
    """The page's code builds its elements with DOM calls, never from HTML strings."""
    code = "".join(path.read_text(encoding="utf-8") for path in STATIC.glob("*.js"))
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in code


def test_no_basemap_means_no_tile_host(dataset):
    """With --tiles none the page names no tile host and asks for no tiles."""
    page = blocks(site_files(dataset, NO_TILES)["index.html"].decode("utf-8"))
    html = site_files(dataset, NO_TILES)["index.html"].decode("utf-8")
    assert page["kpmap-config"]["tiles"] is None
    assert "basemaps" not in html


def test_other_tiles_are_allowed_by_the_csp(dataset):
    """A custom tile URL reaches the page, its host is the CSP's only foreign source, its credit escaped."""
    tiles = tiles_from_setting("https://tiles.example.org/{z}/{x}/{y}.png", "<b>Example</b>")
    html = site_files(dataset, tiles)["index.html"].decode("utf-8")
    config = blocks(html)["kpmap-config"]
    assert config["tiles"]["url"] == "https://tiles.example.org/{z}/{x}/{y}.png"
    assert config["tiles"]["attribution"] == "&lt;b&gt;Example&lt;/b&gt;"
    assert "img-src &#x27;self&#x27; data: https://tiles.example.org;" in html


def test_the_same_data_gives_the_same_bytes(tmp_path, dataset):
    """Two exports of the same data are identical, file for file and byte for byte."""
    first, second = tmp_path / "one", tmp_path / "two"
    build_site(dataset, first, DEFAULT_TILES)
    build_site(load_dataset(), second, DEFAULT_TILES)

    def tree(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    assert tree(first) == tree(second)
    assert "index.html" in tree(first) and "assets/leaflet/leaflet.js" in tree(first)


def test_bad_data_prints_the_problems_and_writes_nothing(tmp_path, data_copy, capsys):
    """Bad data: exit 1, the same problem lines as `validate`, and no OUT nor any half-written directory."""
    data_copy.replace_in("cities.geojson", '"population": 694392', '"population": "many"')
    out = tmp_path / "site"
    assert main(["validate", str(data_copy.path)]) == 1
    expected = capsys.readouterr().out
    assert main(["export-site", str(out), "--data", str(data_copy.path)]) == 1
    assert capsys.readouterr().out == expected
    assert "cities.geojson" in expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_an_earlier_export_is_replaced_and_anything_else_refused(tmp_path, capsys):
    """OUT may be new, empty or an earlier export; a directory with other files is left alone (exit 2)."""
    out = tmp_path / "site"
    assert main(["export-site", str(out), "--tiles", "none"]) == 0
    (out / "stale.txt").write_text("from before", encoding="utf-8")
    assert main(["export-site", str(out)]) == 0
    assert not (out / "stale.txt").exists() and (out / "index.html").is_file()
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["export-site", str(other)]) == 2
    assert [p.name for p in other.iterdir()] == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other", "site"]


def test_a_tile_url_that_is_not_a_template_is_a_usage_error(tmp_path, capsys):
    """--tiles must be an https URL template (or none); anything else exits 2 and writes nothing."""
    assert main(["export-site", str(tmp_path / "site"), "--tiles", "javascript:alert(1)"]) == 2
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("text", "records"),
    [
        ('a,b\r\n1,2\r\n', ["a,b\r\n", "1,2\r\n"]),
        ('a\r\n"two\r\nlines"\r\n3\r\n', ["a\r\n", '"two\r\nlines"\r\n', "3\r\n"]),
        ('a\r\n"say ""hi""\r\nnow"\r\n', ["a\r\n", '"say ""hi""\r\nnow"\r\n']),
    ],
)
def test_csv_records_keep_quoted_line_ends(text, records):
    """CSV text splits into records at line ends outside quotes only."""
    assert csv_records(text) == records


def test_shares_are_written_as_the_package_writes_them(page):
    """The decimal sign and the sign after a share come from kpmap.i18n.percent, in each language."""
    for lang in LANGS:
        signs = page["kpmap-config"]["percent"][lang]
        assert percent(1234, 10000, lang) == f"12{signs['decimal']}3{signs['suffix']}"


def test_one_stylesheet_holds_leaflets_and_the_sites_with_images_that_exist(files):
    """The page links one stylesheet: Leaflet's rules and the site's, every image it names in the site."""
    html = files["index.html"].decode("utf-8")
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)">', html) == ["assets/site.css"]
    css = files["assets/site.css"].decode("utf-8")
    assert ".leaflet-container" in css and ".kpmap-map-box" in css
    images = [url for url in re.findall(r"url\(([^)]+)\)", css) if not url.startswith("#")]
    assert images and all(f"assets/{url}" in files for url in images)


def test_the_page_is_ascii(files):
    """index.html is ASCII alone (other letters as escapes and character references), which the browser
    decodes and parses on its faster path; its texts still read back as written."""
    assert files["index.html"].isascii()


def test_the_site_carries_the_timeline_and_what_changed_from_the_data(files, page, dataset):
    """The timeline chart of each language is the app's (kpmap.timeline), and the list of what changed too."""
    for lang in LANGS:
        assert files[f"assets/timeline-{lang}.svg"].decode("utf-8") == timeline_svg(dataset, lang)
        assert page["kpmap-data"]["timelines"][lang] == f"assets/timeline-{lang}.svg"
        listed = page["kpmap-data"]["changes"][lang]
        expected = changes(dataset, lang)
        assert [(c["when"], c["programme"], c["what"], c["url"]) for c in listed] == [
            (c.when, c.programme.id, c.what, c.source_url) for c in expected
        ]
        assert page["kpmap-data"]["checked"][lang] == checked(dataset, lang)


def test_the_page_says_when_the_data_was_checked_before_any_script_runs(files, dataset):
    """index.html holds the default language's 'last checked' line, for the first picture."""
    index = html.unescape(files["index.html"].decode("ascii"))
    assert f'<span id="kpmap-checked" class="kpmap-checked">{checked(dataset, "fi")}</span>' in index
