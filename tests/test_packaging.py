"""kpmap as `pip install .` makes it: a wheel that carries every data file and finds them from any folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
# What a build reads: copied aside, so that the build leaves nothing in the repository.
BUILD_INPUTS = ("pyproject.toml", "README.md", "LICENSE", "src", "data")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in BUILD_INPUTS:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out)]
    subprocess.run([*pip_wheel, str(source)], check=True, capture_output=True)
    return next(out.glob("kpmap-*.whl"))


def test_the_package_list_names_every_package_in_src():
    """pyproject.toml lists packages by hand (for the data's mapping), so it must name every one in src/kpmap."""
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    found = {".".join(init.parent.relative_to(ROOT / "src").parts) for init in (ROOT / "src").rglob("__init__.py")}
    assert set(listed) == found | {"kpmap.bundled_data"}


def test_the_wheel_carries_every_file_of_the_data_folder(wheel: Path):
    """Every file under data/, in any subfolder, is in the wheel as kpmap/bundled_data/<same path>."""
    expected = {f"kpmap/bundled_data/{path.relative_to(DATA).as_posix()}" for path in DATA.rglob("*") if path.is_file()}
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name for name in archive.namelist() if name.startswith("kpmap/bundled_data/")}
    assert expected and shipped == expected


def test_an_installed_package_validates_its_own_data_from_another_folder(wheel: Path, tmp_path: Path):
    """Installed from the wheel, `python -m kpmap validate` run elsewhere finds the shipped data and exits 0."""
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("KPMAP_DATA_DIR", None)
    result = subprocess.run(
        [sys.executable, "-m", "kpmap", "validate"], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{target / 'kpmap' / 'bundled_data'}: valid")
