"""Shared links, languages, reset and phone width, in a real browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect


def test_swedish_link_to_helsinki_opens_its_details(visit, app_url):
    """?lang=sv&city=091 shows the Swedish interface and Helsingfors' details."""
    visit.open(f"{app_url}/?lang=sv&city=091")
    expect(visit.page.get_by_role("heading", level=1)).to_have_text("Stadspolitikens partnerskap")
    expect(visit.page.locator("table.kpmap-facts")).to_contain_text("Helsingfors")


@pytest.mark.parametrize(("query", "count"), [("programme=c6", 6), ("programme=c6&programme=east", 9)])
def test_programme_links_show_exactly_their_cities(visit, app_url, query, count):
    """?programme=c6 draws six cities; adding east draws nine."""
    visit.open(f"{app_url}/?{query}")
    expect(visit.markers()).to_have_count(count, timeout=60_000)


def test_hostile_link_leaves_a_working_map(visit, app_url, dataset):
    """Markup and junk in the address: a notice, every city drawn, nothing run, no traceback."""
    visit.open(f"{app_url}/?city=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&programme=%FF%FE&lang=" + "x" * 3000)
    expect(visit.markers()).to_have_count(len(dataset.cities), timeout=60_000)
    expect(visit.page.get_by_text("ohitettiin").first).to_be_visible()
    assert visit.dialogs == []
    expect(visit.page.get_by_text("Traceback")).to_have_count(0)


def test_language_switch_translates_the_page_and_the_address(visit, app_url, dataset):
    """Choosing English in the sidebar translates the page and puts lang=en in the address."""
    visit.open(app_url)
    expect(visit.markers()).to_have_count(len(dataset.cities), timeout=60_000)
    expect(visit.page.locator("section.kpmap-programme")).to_have_count(len(dataset.programmes))
    english = visit.page.get_by_role("option", name="English")
    # The switch comes last in a run; the run's final elements can re-render the sidebar and close a
    # list opened in that moment, as it would for a visitor, who opens it again. So may the test.
    for _ in range(3):
        visit.page.get_by_label("Kieli · Språk · Language").click()
        try:
            english.wait_for(timeout=5_000)
            break
        except PlaywrightTimeoutError:
            visit.page.keyboard.press("Escape")
    english.click()
    expect(visit.page.get_by_role("heading", level=1)).to_have_text("Urban-policy partnerships")
    expect(visit.page).to_have_url(re.compile(r"lang=en"))
    expect(visit.page.get_by_role("checkbox", name="Vitality partnership")).to_be_checked()


def test_reset_ticks_every_programme_again(visit, app_url, dataset):
    """From a filtered link, reset brings back all programmes, every city and a plain address."""
    visit.open(f"{app_url}/?programme=c6&region=Uusimaa&city=091")
    expect(visit.markers()).to_have_count(3, timeout=60_000)
    visit.page.get_by_role("button", name="Palauta alkunäkymä").click()
    expect(visit.markers()).to_have_count(len(dataset.cities))
    for checkbox in visit.page.get_by_role("checkbox").all():
        expect(checkbox).to_be_checked()
    expect(visit.page).to_have_url(f"{app_url}/")


def test_phone_width_has_no_sideways_scrolling(browser, app_url, dataset, tmp_path: Path):
    """At 390 px the page does not scroll sideways and the map fits the screen."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(app_url)
    expect(
        page.frame_locator("iframe[title='streamlit_folium.st_folium']").locator("path.leaflet-interactive")
    ).to_have_count(len(dataset.cities), timeout=60_000)
    expect(page.locator("section.kpmap-programme")).to_have_count(5)  # the whole page is there
    overflowing = page.evaluate(
        """() => [document.documentElement, document.body, ...document.querySelectorAll('[data-testid="stMain"], [data-testid="stMainBlockContainer"]')]
            .filter((e) => e.scrollWidth > e.clientWidth + 1)
            .map((e) => `${e.tagName} ${e.getAttribute('data-testid')}: ${e.scrollWidth} > ${e.clientWidth}`)"""
    )
    assert overflowing == []
    box = page.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.screenshot(path=str(tmp_path / "phone.png"))
    context.close()
