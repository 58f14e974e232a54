"""Broken data explains itself: every page says the data has errors and lists each problem; no map, no traceback."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from devtools.devserver import MAP_FRAME
from kpmap.i18n import t
from tests.e2e.browser import running_app

PAGES = ("/", "/programmes", "/data")


def missing_dir(data_copy):
    path = data_copy.path.parent / "no-such-data"
    return path, [f"{path}: data directory not found"]


def invalid_json(data_copy):
    data_copy.replace_in("cities.geojson", '"name_fi": "Helsinki",', '"name_fi": "Helsinki"')
    return data_copy.path, ["cities.geojson:line 2: invalid JSON: Expecting ',' delimiter"]


def unknown_city(data_copy):
    data_copy.replace_in("partnerships.csv", "c6,564,", "c6,999,")
    return data_copy.path, [
        "cities.geojson:feature 5: kuntanumero: is in no programme in partnerships.csv, got '564'",
        "partnerships.csv:6: kuntanumero: is not a city in cities.geojson, got '999'",
    ]


def bad_colour(data_copy):
    data_copy.replace_in("programmes.toml", 'colour = "#0072B2"', 'colour = "blue"')
    return data_copy.path, ["programmes.toml:programme 1: colour: must be a colour as #RRGGBB, got 'blue'"]


@pytest.mark.parametrize("breakage", [missing_dir, invalid_json, unknown_city, bad_colour], ids=lambda f: f.__name__)
def test_every_page_names_each_problem_instead_of_a_map(visit, data_copy, breakage):
    """On /, /programmes and /data: the Finnish error text and every file:row: field: message line; no map iframe, no traceback."""
    data_dir, problems = breakage(data_copy)
    with running_app(KPMAP_DATA_DIR=str(data_dir), KPMAP_TILES="none") as url:
        for path in PAGES:
            visit.open(f"{url}{path}")
            page = visit.page
            expect(page.get_by_text(t("data_error", "fi"))).to_be_visible(timeout=60_000)
            expect(page.locator("[data-testid='stApp']")).to_have_attribute("data-test-script-state", "notRunning")
            listing = page.locator("[data-testid='stCode']")
            expect(listing).to_have_count(1)
            shown = [line.strip() for line in listing.inner_text().splitlines() if line.strip()]
            assert shown == problems, path
            expect(page.locator(MAP_FRAME)).to_have_count(0)
            expect(page.locator("[data-testid='stException']")).to_have_count(0)
            assert "Traceback" not in page.locator("body").inner_text(), path
            assert visit.dialogs == []
