"""The map as a picture: colours where the areas are, words kept as SVG text in the page's language,
hostile names kept as text, the same bytes for the same input, print size, and the page's buttons."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from matplotlib.colors import to_rgb
from PIL import Image
from streamlit.testing.v1 import AppTest

from kpmap import load_dataset
from kpmap.filters import Selection, members, shown_programmes, visible_cities
from kpmap.i18n import t, tn
from kpmap.mapview import city_name
from kpmap.picture import build_figure, drawing, projected, render, save

SVG_TEXT = "{http://www.w3.org/2000/svg}text"
NAVIGATION = str(Path(__file__).resolve().parents[1] / "navigation.py")


def east_only_city(dataset) -> str:
    """A city in the east programme and no other (Joensuu, 167, while the data has it)."""
    candidates = [n for n in members(dataset, "east").index if dataset.records[n]["programmes"] == ("east",)]
    return "167" if "167" in candidates else candidates[0]


def pixel_inside(dataset, selection, show, kuntanumero, at_centre=False):
    """The PNG's colour at a point well inside a municipality's area (or at its centre point)."""
    geo = projected(dataset)
    if at_centre:
        point = geo.cities.loc[kuntanumero]
    else:  # 2 km inside the border, clear of the border lines
        point = geo.municipalities.loc[kuntanumero].geometry.buffer(-2000).representative_point()
    with drawing():
        figure = build_figure(dataset, selection, "en", show)
        png = save(figure, "png", "test")
    x, y = figure.axes[0].transData.transform((point.x, point.y))
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return tuple(channel / 255 for channel in image.getpixel((int(x), image.height - 1 - int(y))))


def texts(svg: bytes) -> list[str]:
    return ["".join(element.itertext()) for element in ET.fromstring(svg).iter(SVG_TEXT)]


def words(svg: bytes) -> str:
    """Every word of the SVG's text in order, one space apart (wrapped lines are separate elements)."""
    return " ".join(" ".join(texts(svg)).split())


def close(colour, hex_colour, tolerance=2 / 255):
    return all(abs(a - b) <= tolerance for a, b in zip(colour, to_rgb(hex_colour), strict=True))


def test_an_east_member_area_has_the_east_colour(dataset):
    """Inside an east-programme municipality, the PNG shows the east colour; unticked, it does not."""
    city, east = east_only_city(dataset), dataset.by_id["east"].colour
    assert close(pixel_inside(dataset, Selection.everything(dataset), "areas", city), east)
    unticked = Selection(frozenset(dataset.by_id) - {"east"})
    assert not close(pixel_inside(dataset, unticked, "areas", city), east)


def test_a_municipality_in_no_programme_stays_light(dataset):
    """An area with no member city is not filled with any programme's colour."""
    outsider = next(n for n in dataset.areas.municipalities.index if n not in dataset.cities.index)
    colour = pixel_inside(dataset, Selection.everything(dataset), "areas", outsider)
    assert not any(close(colour, p.colour, 0.1) for p in dataset.programmes)


def test_circles_are_drawn_at_the_city_in_its_colour(dataset):
    """In circles mode the city's centre point shows its programme's colour."""
    city = east_only_city(dataset)
    colour = pixel_inside(dataset, Selection.everything(dataset), "circles", city, at_centre=True)
    assert close(colour, dataset.by_id["east"].colour)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_svg_is_xml_with_the_legend_in_the_language(dataset, lang):
    """The SVG parses as XML and holds the title, the legend's heading and each programme's name as text."""
    svg = render(dataset, Selection.everything(dataset), lang, "areas", "svg")
    shown = words(svg)
    for expected in [t("app_title", lang), t("legend", lang), *(p.short_name[lang] for p in dataset.programmes)]:
        assert " ".join(expected.split()) in shown


def test_selected_city_is_named_and_the_region_names_its_cities(dataset):
    """The selected city's name is on the picture; with a region chosen, every visible city's name is too."""
    region = dataset.cities.iloc[0]["maakunta"]
    selection = Selection(frozenset(dataset.by_id), region=region, city=dataset.cities.index[0])
    svg = texts(render(dataset, selection, "sv", "areas", "svg"))
    for kuntanumero in visible_cities(dataset, selection).index:
        assert city_name(dataset.records[kuntanumero], "sv") in svg


def test_two_programme_sign_is_explained_only_when_shown(dataset):
    """A city shown in two programmes brings the legend line for hatching; with one of them unticked it goes."""
    pair = next(row["programmes"] for row in dataset.records.values() if len(row["programmes"]) > 1)
    note = " ".join(t("picture_two_programmes", "en").split())
    assert note in words(render(dataset, Selection.everything(dataset), "en", "areas", "svg"))
    one_of_them = Selection(frozenset(dataset.by_id) - {pair[1]})
    assert not any(len(shown_programmes(r["programmes"], one_of_them)) > 1 for r in dataset.records.values())
    assert note not in words(render(dataset, one_of_them, "en", "areas", "svg"))


HOSTILE = "<script>alert(1)</script> & $x^2$ \"'"


def test_hostile_city_name_stays_text_in_a_well_formed_svg(data_copy):
    """A name with <, &, quotes and TeX signs comes out as that exact text, and the SVG stays well-formed."""

    def rename(doc):
        for feature in doc["features"]:
            if feature["properties"]["kuntanumero"] == "167":
                feature["properties"]["name_fi"] = HOSTILE

    data_copy.edit_cities(rename)
    dataset = load_dataset(data_copy.path)
    svg = render(dataset, Selection(frozenset(dataset.by_id), city="167"), "fi", "areas", "svg")
    root = ET.fromstring(svg)  # raises if the name broke the XML
    assert HOSTILE in texts(svg)
    assert not [element for element in root.iter() if element.tag.endswith("script")]


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_same_input_gives_the_same_bytes(dataset, fmt):
    """Drawing the same view twice gives identical files (no dates, no random ids)."""
    selection = Selection(frozenset({"c6", "east"}), city=east_only_city(dataset))
    first = render(dataset, selection, "sv", "areas", fmt)
    assert first == render(dataset, selection, "sv", "areas", fmt)
    assert first != render(dataset, selection, "en", "areas", fmt)


def test_png_is_wide_enough_for_print(dataset):
    """The PNG is at least 2,000 pixels wide."""
    png = render(dataset, Selection.everything(dataset), "fi", "circles", "png")
    assert Image.open(io.BytesIO(png)).width >= 2000


def blocks(node):
    """Every block (container) under node, node included."""
    if hasattr(node, "children"):
        yield node
        for child in node.children.values():
            yield from blocks(child)


def test_map_page_has_both_picture_downloads():
    """The map page offers PNG and SVG of the map, made on click rather than on every run."""
    at = AppTest.from_file(NAVIGATION, default_timeout=60)
    at.query_params["lang"] = "sv"
    at.run()
    at.run()  # the first run sends only the map
    assert not at.exception, at.exception
    buttons = {button.proto.label: button.proto for button in at.get("download_button")}
    for fmt in ("png", "svg"):
        button = buttons[t(f"download_map_{fmt}", "sv")]
        assert button.deferred_file_id and not button.url
    # One section of downloads: the visible cities' files and the map's pictures, in one row.
    keys = ("download_visible_csv", "download_visible_geojson", "download_map_png", "download_map_svg")
    assert list(buttons) == [t(key, "sv") for key in keys]
    rows = [block for block in blocks(at.main) if any(c.type == "download_button" for c in block.children.values())]
    assert len(rows) == 1 and len(rows[0].children) == len(keys)
    assert sum(t("downloads_with_map", "sv") in element.proto.body for element in at.get("html")) == 1


@pytest.mark.parametrize("show", ["areas", "circles"])
def test_nothing_ticked_still_draws_finland_and_says_so(dataset, show):
    """With no programme ticked the picture is Finland alone, and the legend says no city matches."""
    svg = render(dataset, Selection(frozenset()), "fi", show, "svg")
    assert " ".join(t("no_cities", "fi").split()) in words(svg)
    assert tn("n_cities", 0, "fi") in words(svg)
