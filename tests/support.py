"""Helpers shared by the tests: a copy of the bundled data that a test may break in code."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kpmap import BUNDLED_DATA_DIR, DataError, load_dataset


class DataCopy:
    """A copy of the bundled data directory that a test may edit file by file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def edit_cities(self, change: Callable[[dict[str, Any]], None]) -> None:
        file = self.path / "cities.geojson"
        doc = json.loads(file.read_text(encoding="utf-8"))
        change(doc)
        file.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    def edit_memberships(self, change: Callable[[list[dict[str, str]]], None]) -> None:
        file = self.path / "partnerships.csv"
        rows = list(csv.DictReader(file.read_text(encoding="utf-8").splitlines()))
        change(rows)
        fields = list(dict.fromkeys(key for row in rows for key in row))
        with file.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)

    def replace_in(self, name: str, old: str, new: str, count: int = 1) -> None:
        file = self.path / name
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        file.write_text(text.replace(old, new, count), encoding="utf-8")

    @classmethod
    def of_bundled_data(cls, target: Path) -> DataCopy:
        """Copy the bundled data directory to target."""
        shutil.copytree(BUNDLED_DATA_DIR, target)
        return cls(target)


def assert_refused(data_dir: Path, expected: tuple[str, str, str, str]) -> None:
    """Loading data_dir raises DataError with a problem at (file, row, field) whose message holds the words."""
    try:
        load_dataset(data_dir)
    except DataError as error:
        problems = error.problems
    else:
        raise AssertionError(f"{data_dir} loaded without a problem")
    file, row, field, words = expected
    matching = [p for p in problems if (p.file, p.row, p.field) == (file, row, field)]
    assert matching, f"no problem at {file}:{row}:{field}; got {problems}"
    assert any(words in p.message for p in matching), matching
