"""Shared fixtures: the bundled dataset, loaded once, and a writable copy of its files."""

from __future__ import annotations

from pathlib import Path

import pytest

from kpmap import Dataset, load_dataset
from tests.support import DataCopy


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    """The bundled data, loaded once for the whole run; read-only, like the app's."""
    return load_dataset()


@pytest.fixture
def data_copy(tmp_path: Path) -> DataCopy:
    return DataCopy.of_bundled_data(tmp_path / "data")
