"""Browser-test fixtures: one app and one Chromium for the session, a fresh page for each test."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from devtools.devserver import CHROMIUM, CHROMIUM_ARGS
from kpmap.mapview import DEFAULT_TILES
from kpmap.model import Dataset
from kpmap.site.build import build_site
from tests.e2e.browser import Visit, running_app
from tests.e2e.parity import served


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    with running_app() as url:
        yield url


@pytest.fixture(scope="session")
def site_url(tmp_path_factory: pytest.TempPathFactory, dataset: Dataset) -> Iterator[str]:
    """The bundled data exported with `build_site`, served by `python -m http.server`: the app's twin."""
    out = tmp_path_factory.mktemp("site-twin") / "site"
    build_site(dataset, out, DEFAULT_TILES)
    with served(out) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def visit(browser: Browser) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield Visit(page)
    context.close()
