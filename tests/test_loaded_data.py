"""The app's data: loaded once per version of its files and shared, reloaded when a file changes."""

from __future__ import annotations

import base64
import os

import pytest

from kpmap.problems import DataError
from kpmap.ui import panels, state


@pytest.fixture
def data_dir(data_copy, monkeypatch):
    monkeypatch.setenv("KPMAP_DATA_DIR", str(data_copy.path))
    return data_copy


def test_the_same_files_give_the_same_dataset(data_dir):
    assert state.dataset() is state.dataset()


def test_an_edited_file_gives_a_new_dataset(data_dir):
    before = state.dataset()
    data_dir.replace_in("programmes.toml", '"#0072B2"', '"#0072B3"')
    after = state.dataset()
    assert after is not before
    assert "#0072B3" in {p.colour for p in after.programmes}
    assert "#0072B3" not in {p.colour for p in before.programmes}


def test_bad_data_is_not_kept(data_dir):
    """A problem is raised on every call, and the fixed file loads on the next."""
    data_dir.replace_in("programmes.toml", '"#0072B2"', '"blue"')
    for _ in range(2):
        with pytest.raises(DataError):
            state.dataset()
    data_dir.replace_in("programmes.toml", '"blue"', '"#0072B2"')
    assert "#0072B2" in {p.colour for p in state.dataset().programmes}


def test_only_the_latest_versions_stay_loaded(data_dir):
    first = state.dataset()
    programmes = data_dir.path / "programmes.toml"
    for version in range(1, state.KEPT_VERSIONS + 1):
        changed = programmes.stat().st_mtime_ns + version * 1_000_000_000
        os.utime(programmes, ns=(changed, changed))  # a new version of the file, as far as the app can tell
        assert state.dataset() is not first
    assert first not in state._loaded.values()
    assert len(state._loaded) == state.KEPT_VERSIONS


def test_page_icon_is_the_icon_file_as_a_data_address(tmp_path):
    icon = tmp_path / "icon.svg"
    icon.write_text('<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>', encoding="utf-8")
    address = panels.page_icon(icon)
    prefix = "data:image/svg+xml;base64,"
    assert address.startswith(prefix)
    assert base64.b64decode(address.removeprefix(prefix)) == icon.read_bytes()
