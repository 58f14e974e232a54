"""The map as a picture, downloaded from the page in Chromium: exactly the view on screen."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from PIL import Image
from playwright.sync_api import expect

from kpmap.i18n import t


def download(visit, label, path):
    with visit.page.expect_download(timeout=60_000) as download_info:
        visit.page.get_by_role("button", name=label).click()
    download_info.value.save_as(path)
    return path.read_bytes()


def test_picture_downloads_show_the_selected_view(visit, app_url, dataset, tmp_path):
    """With ?lang=en&programme=east&city=167, the SVG names the east programme only and Joensuu, and the
    PNG is print-sized; nothing leaves the machine but tiles."""
    visit.open(f"{app_url}/?lang=en&programme=east&city=167")
    button = visit.page.get_by_role("button", name=t("download_map_svg", "en"))
    expect(button).to_be_visible(timeout=60_000)
    svg = download(visit, t("download_map_svg", "en"), tmp_path / "map.svg")
    words = " ".join(" ".join("".join(e.itertext()) for e in ET.fromstring(svg).iter()).split())
    assert dataset.by_id["east"].short_name["en"] in words and "Joensuu" in words
    assert dataset.by_id["c6"].short_name["en"] not in words
    assert t("picture_areas", "en").split(";")[0] in words  # areas, the default drawing
    png = download(visit, t("download_map_png", "en"), tmp_path / "map.png")
    assert Image.open(io.BytesIO(png)).width >= 2000
    assert visit.foreign_except_tiles() == []
