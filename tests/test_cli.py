"""`python -m kpmap validate`: exit codes, one line per problem, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kpmap import BUNDLED_DATA_DIR
from kpmap.cli import main


def summary(dataset) -> str:
    return (
        f"valid: {len(dataset.programmes)} programmes, {len(dataset.cities)} cities, "
        f"{len(dataset.memberships)} memberships, {len(dataset.areas.municipalities)} municipality areas, "
        f"{len(dataset.areas.regions)} regions"
    )


def test_validate_bundled_data_prints_a_summary_and_exits_0(dataset, capsys):
    """The bundled data is valid: one summary line naming the directory and what it holds, exit 0."""
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert out == f"{BUNDLED_DATA_DIR}: {summary(dataset)}\n"


def test_validate_broken_data_lists_each_problem_and_exits_1(data_copy, capsys):
    """Broken data: one file:row: field: message line per problem on stdout, a count on stderr, exit 1."""
    data_copy.replace_in("programmes.toml", '"#D55E00"', '"orange"')
    data_copy.replace_in("partnerships.csv", "c6,091,", "c6,999,")
    assert main(["validate", str(data_copy.path)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "cities.geojson:feature 1: kuntanumero: is in no programme in partnerships.csv, got '091'",
        "partnerships.csv:2: kuntanumero: is not a city in cities.geojson, got '999'",
        "programmes.toml:programme 2: colour: must be a colour as #RRGGBB, got 'orange'",
    ]
    assert err == f"3 problem(s) in {data_copy.path}\n"


def test_validate_missing_directory_exits_1(tmp_path, capsys):
    """A directory that does not exist is a data problem, reported as one, not a crash."""
    assert main(["validate", str(tmp_path / "missing")]) == 1
    assert "data directory not found" in capsys.readouterr().out


@pytest.mark.parametrize("args", [[], ["frobnicate"], ["validate", "a", "b"]])
def test_usage_errors_exit_2(args, capsys):
    """No command, an unknown command or too many arguments: exit 2 with the usage on stderr."""
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_python_m_kpmap_runs_the_command_and_passes_its_exit_code(data_copy):
    """As a process: `python -m kpmap validate DIR` prints the problems, exits 1, shows no traceback."""
    data_copy.replace_in("programmes.toml", '"#D55E00"', '"orange"')
    result = subprocess.run(
        [sys.executable, "-m", "kpmap", "validate", str(data_copy.path)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert result.stdout == "programmes.toml:programme 2: colour: must be a colour as #RRGGBB, got 'orange'\n"
    assert "Traceback" not in result.stderr
