"""Command line: `python -m kpmap validate [DATA_DIR]`.

Exit codes: 0 the data is valid, 1 it is not (one line per problem), 2 the command was misused.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kpmap.data import BUNDLED_DATA_DIR, load_dataset
from kpmap.problems import DataError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kpmap", description="Check and use kpmap's data.")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check a data directory and report every problem")
    validate.add_argument("data_dir", nargs="?", type=Path, default=BUNDLED_DATA_DIR, help="default: the bundled data/")
    return parser


def validate(data_dir: Path) -> int:
    try:
        dataset = load_dataset(data_dir)
    except DataError as error:
        for problem in error.problems:
            print(problem)
        print(f"{len(error.problems)} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    print(
        f"{data_dir}: valid: {len(dataset.programmes)} programmes, "
        f"{len(dataset.cities)} cities, {len(dataset.memberships)} memberships, "
        f"{len(dataset.areas.municipalities)} municipality areas, {len(dataset.areas.regions)} regions"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)  # exits with 2 on a usage error
    return validate(args.data_dir)
