"""Command line: `python -m kpmap validate [DATA_DIR]`, `python -m kpmap map ... -o FILE`,
`python -m kpmap export-site OUT`, `python -m kpmap check-sources` and `python -m kpmap diff OLD NEW`.

Exit codes: 0 done (the data is valid, the map is written), 1 the data is not valid (one line per
problem), 2 the command was misused (for `map`: one line on stderr, and no file written).
check-sources and diff: 0 no difference, 1 differences (one line each), 2 nothing could be compared.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from kpmap.checksources import PageUnusable, SourceCheck, members_differences, source_checks, sources_summary
from kpmap.data import BUNDLED_DATA_DIR, load_dataset
from kpmap.datadiff import differences
from kpmap.filters import regions
from kpmap.mapview import tiles_from_setting
from kpmap.model import LANGS, Dataset
from kpmap.picture import FORMATS, Format, render
from kpmap.problems import DataError
from kpmap.urlstate import SHOW_MODES, View, parse_query
from kpmap.webpage import Page, PageError, read_page

DEFAULT_TIMEOUT = 15.0
MAX_AGE_DAYS = 180


class _OneLineParser(argparse.ArgumentParser):
    """A subcommand's parser whose usage errors are one line, naming the command and its --help."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


class UsageError(Exception):
    """A command-line value that the data does not know, or an output that cannot be written."""


def _parser() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The whole command line, and the `map` command's own parser (for its one-line errors)."""
    parser = argparse.ArgumentParser(prog="python -m kpmap", description="Check and use kpmap's data.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_OneLineParser)
    validate = commands.add_parser("validate", help="check a data directory and report every problem")
    validate.add_argument("data_dir", nargs="?", type=Path, default=BUNDLED_DATA_DIR, help="default: the bundled data/")
    validate.add_argument("--max-age-days", type=_days, default=MAX_AGE_DAYS, metavar="N",
                          help=f"warn when the data was last checked against its sources more than N days ago "
                               f"(default {MAX_AGE_DAYS})")  # fmt: skip
    picture = commands.add_parser("map", help="draw the map as a picture (PNG, SVG or PDF)")
    picture.add_argument("-o", "--output", type=Path, required=True, help="FILE.png, FILE.svg or FILE.pdf")
    picture.add_argument("--data", type=Path, default=BUNDLED_DATA_DIR, help="default: the bundled data/")
    picture.add_argument("--lang", choices=LANGS, default="fi")
    picture.add_argument("--programme", action="extend", nargs="+", default=[], metavar="ID",
                         help="programme ids to show (default: all)")  # fmt: skip
    picture.add_argument("--region", metavar="NAME", help="one region (maakunta), by its Finnish name")
    picture.add_argument("--city", metavar="NUM", help="the city to mark and name, by kuntanumero, e.g. 091")
    picture.add_argument("--show", choices=SHOW_MODES, default="areas")
    _add_export_site(commands)
    _add_check_sources(commands)
    compare = commands.add_parser("diff", help="list what changed between two data directories")
    compare.add_argument("old", type=Path, help="the earlier data directory")
    compare.add_argument("new", type=Path, help="the later data directory")
    return parser, picture


def _load(data_dir: Path) -> Dataset | None:
    """The dataset, or None after printing every problem (stdout) and their count (stderr)."""
    try:
        return load_dataset(data_dir)
    except DataError as error:
        for problem in error.problems:
            print(problem)
        print(f"{len(error.problems)} problem(s) in {data_dir}", file=sys.stderr)
        return None


def validate(data_dir: Path, max_age_days: int = MAX_AGE_DAYS) -> int:
    dataset = _load(data_dir)
    if dataset is None:
        return 1
    print(
        f"{data_dir}: valid: {len(dataset.programmes)} programmes, "
        f"{len(dataset.cities)} cities, {len(dataset.memberships)} memberships, "
        f"{len(dataset.areas.municipalities)} municipality areas, {len(dataset.areas.regions)} regions"
    )
    age = (datetime.date.today() - datetime.date.fromisoformat(dataset.checked)).days
    if age > max_age_days:  # a warning, not a failure: the data is still valid
        print(
            f"warning: the data was last checked against its sources on {dataset.checked}, {age} days ago "
            f"(more than {max_age_days}): run `python -m kpmap check-sources`, deal with what it finds, "
            f"then set checked in sources.toml to that day",
            file=sys.stderr,
        )
    return 0


def _days(value: str) -> int:
    """A whole number of days, 0 or more, for --max-age-days."""
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number of days, got {value!r}")
    return int(value)


def picture_format(output: Path) -> Format:
    """The picture's format, from the file's suffix."""
    suffix = output.suffix.lower().lstrip(".")
    for fmt in FORMATS:
        if suffix == fmt:
            return fmt
    raise UsageError(f"{output}: the file name must end in {', '.join('.' + f for f in FORMATS)}")


def map_view(args: argparse.Namespace, dataset: Dataset) -> View:
    """The command's options read as the address is read, so that both accept the same values."""
    params = {"lang": [args.lang], "show": [args.show], "programme": args.programme}
    params |= {name: [value] for name in ("region", "city") if (value := getattr(args, name)) is not None}
    view = parse_query(params, dataset)
    for ignored in view.ignored:
        raise UsageError(f"unknown --{ignored.param} {ignored.value!r}; {_known(ignored.param, dataset)}")
    return view


def _known(param: str, dataset: Dataset) -> str:
    if param == "programme":
        return "known: " + ", ".join(dataset.by_id)
    if param == "region":
        return "known: " + ", ".join(regions(dataset))
    return f"give the kuntanumero of a city in the data, e.g. {dataset.cities.index[0]}"


def write_atomically(output: Path, content: bytes) -> None:
    """Write to a temporary file beside the target and rename it: the target is whole or untouched."""
    temporary = output.with_name(f".{output.name}.{os.getpid()}.part")
    try:
        with temporary.open("xb") as file:
            file.write(content)
        os.replace(temporary, output)
    except OSError as error:
        with contextlib.suppress(OSError):  # nothing was created where nothing can be
            temporary.unlink(missing_ok=True)
        raise UsageError(f"cannot write {output}: {error.strerror}") from error


def draw_map(args: argparse.Namespace) -> int:
    try:
        fmt = picture_format(args.output)
        if args.output.is_dir():
            raise UsageError(f"{args.output} is a directory")
        dataset = _load(args.data)
        if dataset is None:
            return 1
        view = map_view(args, dataset)
        write_atomically(args.output, render(dataset, view.selection, view.lang, view.show, fmt))
    except UsageError as error:
        print(f"python -m kpmap map: error: {error}", file=sys.stderr)
        return 2
    print(f"{args.output}: written ({fmt.upper()})")
    return 0


def _add_export_site(commands: argparse._SubParsersAction[_OneLineParser]) -> None:
    export = commands.add_parser("export-site", help="write the map as a static site into OUT")
    export.add_argument("out", type=Path, help="the site's directory: created, or replaced if an earlier export")
    export.add_argument("--data", type=Path, default=BUNDLED_DATA_DIR, help="default: the bundled data/")
    export.add_argument("--tiles", help="XYZ tile URL template, or 'none' for no basemap; default: the app's basemap")
    export.add_argument("--tiles-attribution", help="the credit shown for --tiles")


def export_site(args: argparse.Namespace) -> int:
    from kpmap.site.build import OutputError, build_site, sizes  # only this command needs it

    tiles = tiles_from_setting(args.tiles, args.tiles_attribution)
    if tiles.url is not None and not (tiles.url.startswith("https://") and "{z}" in tiles.url):
        print(f"--tiles: expected an https:// URL template with {{z}}, {{x}} and {{y}}, or 'none': {tiles.url}")
        return 2
    dataset = _load(args.data)
    if dataset is None:
        return 1
    try:
        files = build_site(dataset, args.out, tiles)
    except OutputError as error:
        print(error, file=sys.stderr)
        return 2
    raw, zipped = sizes(files)
    print(f"{args.out}: {len(files)} files, {raw:,} bytes ({zipped:,} gzipped); open {args.out / 'index.html'}")
    return 0


def _seconds(value: str) -> float:
    """A positive number of seconds, for --timeout."""
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds <= 600:
        raise argparse.ArgumentTypeError(f"expected seconds between 0 and 600, got {value!r}")
    return seconds


def _add_check_sources(commands: argparse._SubParsersAction[_OneLineParser]) -> None:
    check = commands.add_parser("check-sources", help="compare the data with the pages it cites")
    check.add_argument("--data", type=Path, default=BUNDLED_DATA_DIR, help="default: the bundled data/")
    check.add_argument("--page", metavar="FILE|URL",
                       help="read the members page from this saved copy or address; nothing else is read")  # fmt: skip
    check.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="S",
                       help=f"seconds to wait for each address (default {DEFAULT_TIMEOUT:g})")  # fmt: skip
    check.add_argument("--fingerprints", action="store_true",
                       help="also print each page's fingerprint as a [[source]] entry for sources.toml "
                            "(not with --page)")  # fmt: skip


def check_sources(args: argparse.Namespace) -> int:
    dataset = _load(args.data)
    if dataset is None:
        return 2
    source = args.page or dataset.members_page.url

    def read(address: str) -> Page:
        return read_page(address, args.timeout)

    try:
        page = read(source)
        lines = members_differences(dataset, page)
    except PageError as error:
        print(f"cannot read the page {source}: {error}")
        return 2
    except PageUnusable as error:
        print(f"the page {source} {error}")
        return 2
    checks: list[SourceCheck] = []
    if args.page is None:  # the members page as the data names it: every other address is read too
        others = [url for url in dataset.cited_urls() if url != source]
        checks = source_checks(dataset, [source], lambda _: page) + source_checks(dataset, others, read)
    lines += [check.difference for check in checks if check.difference]
    # One line per difference and nothing else, so that the answer can be mailed or diffed as it is.
    for line in lines:
        print(line)
    if not lines:
        print(f"agrees: the page names the same cities as the data for {', '.join(dataset.members_page.programme_ids)}")
        if checks:
            print(sources_summary(checks))
    if args.fingerprints:
        _print_fingerprints(checks)
    return 1 if lines else 0


def _print_fingerprints(checks: list[SourceCheck]) -> None:
    """The [[source]] entries that record what each page that answered says today."""
    today = datetime.date.today().isoformat()
    for check in checks:
        if check.fingerprint is not None:
            print(f'\n[[source]]\nurl = "{check.url}"\nfingerprint = "{check.fingerprint}"\ntaken = "{today}"')


def diff(old_dir: Path, new_dir: Path) -> int:
    old, new = _load(old_dir), _load(new_dir)
    if old is None or new is None:
        return 2
    lines = differences(old, new)
    for line in lines:
        print(line)
    if not lines:
        print(f"no differences between {old_dir} and {new_dir}")
    return 1 if lines else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser, map_parser = _parser()
    args, extra = parser.parse_known_args(argv)  # exits with 2 on a usage error
    if extra:  # reported by the command they were given to, so that `map` keeps its one-line errors
        (map_parser if args.command == "map" else parser).error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command == "map":
        return draw_map(args)
    if args.command == "export-site":
        return export_site(args)
    if args.command == "check-sources":
        return check_sources(args)
    if args.command == "diff":
        return diff(args.old, args.new)
    return validate(args.data_dir, args.max_age_days)
