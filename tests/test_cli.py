"""`python -m kpmap validate`: exit codes, one line per problem, never a traceback."""

from __future__ import annotations

import subprocess
import sys


def run_kpmap(*args):
    return subprocess.run([sys.executable, "-m", "kpmap", *args], capture_output=True, text=True, timeout=120)


def test_validate_bundled_data_prints_a_summary_and_exits_0():
    """The bundled data is valid: one summary line, exit 0."""
    result = run_kpmap("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("valid: 5 programmes, 70 cities, 71 memberships, 308 municipality areas, 19 regions")


def test_validate_broken_data_lists_each_problem_and_exits_1(data_copy):
    """Broken data: one file:row: field: message line per problem on stdout, a count on stderr, exit 1."""
    data_copy.replace_in("programmes.toml", '"#D55E00"', '"orange"')
    data_copy.replace_in("partnerships.csv", "c6,091,", "c6,999,")
    result = run_kpmap("validate", str(data_copy.path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "cities.geojson:feature 1: kuntanumero: is in no programme in partnerships.csv, got '091'",
        "partnerships.csv:2: kuntanumero: is not a city in cities.geojson, got '999'",
        "programmes.toml:programme 2: colour: must be a colour as #RRGGBB, got 'orange'",
    ]
    assert result.stderr.startswith("3 problem(s) in ")
    assert "Traceback" not in result.stderr


def test_validate_missing_directory_exits_1_without_traceback(tmp_path):
    """A directory that does not exist is a data problem, not a crash."""
    result = run_kpmap("validate", str(tmp_path / "missing"))
    assert result.returncode == 1
    assert "data directory not found" in result.stdout
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2():
    """No command, an unknown command or too many arguments: exit 2 with usage."""
    for args in ([], ["frobnicate"], ["validate", "a", "b"]):
        result = run_kpmap(*args)
        assert result.returncode == 2, args
        assert "usage:" in result.stderr
        assert "Traceback" not in result.stderr
