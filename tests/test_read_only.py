"""Nothing is written: validating the data and running every page leaves the data directory exactly as it was."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kpmap.cli import main
from kpmap.data import DATA_FILES

NAVIGATION = str(Path(__file__).resolve().parents[1] / "navigation.py")
MARKER_NAME = "Oulu-lukukopio"

Snapshot = dict[str, tuple[bool, bytes, int, int, int]]


def snapshot(directory: Path) -> Snapshot:
    """Every entry under directory (itself included): kind, bytes, mtime, ctime and mode."""
    entries: Snapshot = {}
    for path in [directory, *sorted(directory.rglob("*"))]:
        info = path.lstat()
        content = path.read_bytes() if path.is_file() else b""
        entries[str(path.relative_to(directory))] = (
            path.is_dir(),
            content,
            info.st_mtime_ns,
            info.st_ctime_ns,
            info.st_mode,
        )
    return entries


@pytest.fixture
def read_only_data(data_copy, monkeypatch) -> Iterator[Path]:
    """The bundled data with Oulu renamed (to prove the app read this copy), then made read-only."""

    def rename(doc):
        for feature in doc["features"]:
            if feature["properties"]["kuntanumero"] == "564":
                feature["properties"]["name_fi"] = MARKER_NAME

    data_copy.edit_cities(rename)
    directory = data_copy.path
    for path in directory.iterdir():
        path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    directory.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
    monkeypatch.setenv("KPMAP_DATA_DIR", str(directory))
    try:
        yield directory
    finally:
        directory.chmod(0o755)
        for path in directory.iterdir():
            path.chmod(0o644)


def run_every_page(directory: Path) -> list[str]:
    """Every page of the app in AppTest, with filters, a region, a city and another language; the texts shown."""
    at = AppTest.from_file(NAVIGATION, default_timeout=60)
    at.query_params["city"] = "564"
    at.run().run()  # a session's first run draws only the map; the widgets come with the second
    assert not at.exception, at.exception
    at.checkbox(key="w_programme_growth").uncheck().run()
    at.selectbox(key="w_region").select("Pohjois-Pohjanmaa").run()
    at.selectbox(key="w_city").select("977").run()
    at.selectbox(key="w_lang").select("sv").run()
    assert not at.exception, at.exception
    shown = [element.proto.body for element in at.get("html")]
    for page in ("views/programmes.py", "views/data.py", "views/map.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        shown += [element.proto.body for element in at.get("html")]
    return shown


def test_validate_and_every_page_leave_the_data_directory_untouched(read_only_data):
    """After `kpmap validate` and every page in AppTest, each file's bytes, times and mode and the listing are unchanged."""
    before = snapshot(read_only_data)
    assert sorted(before) == sorted([".", *DATA_FILES])

    assert main(["validate", str(read_only_data)]) == 0
    assert snapshot(read_only_data) == before

    shown = run_every_page(read_only_data)
    assert any(MARKER_NAME in body for body in shown), "the app did not read the copied data"
    after = snapshot(read_only_data)
    assert sorted(after) == sorted(before), "files appeared or vanished"
    assert after == before
