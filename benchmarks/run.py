"""kpmap's performance benchmark: prints a table of medians and ratios, and whether each goal holds.

    .venv/bin/python -m benchmarks.run [--runs 5] [--apptest-runs 20] [--deadline 1200]

Six targets (benchmarks/targets.py), each served on its own free port on 127.0.0.1 and visited in
turn, run by run (A B C D E A B C D E ...), each visit in a fresh browser context of one headless
Chromium:

  kpmap      `streamlit run app.py` on the bundled data
  kpmap-cities  the same with the map opening fitted to the member cities instead of all of Finland
                (apps/cities_view.py), to compare the two views' filter change in one run
  kpmap-10x  the same on 10x the cities, written by make_big_dataset.py into a temporary directory
  naive      apps/naive.py: a tutorial-style folium + st_folium page of the same cities
  floor      apps/floor_app.py: the least a Streamlit + st_folium page can do with them
  static     a plain HTML page with Leaflet and the same markers (python -m http.server)

Requests to other hosts never leave the machine (benchmarks/answers.py): tiles get a blank PNG, the
naive page's CDN files are answered from local copies. All of them are counted.

Figures per visit (benchmarks/visits.py; times in the browser's own clock):
  map       navigation start -> all cities' `path.leaflet-interactive` in the DOM (MutationObserver)
  filter    pointerdown on the growth-programme control -> the map shows the remaining cities
  settled   the same pointerdown -> the Streamlit run it started has ended (the whole page is updated)
  in place  the map's document survived the filter change and its view (centre, zoom) was kept
  pan/zoom  websocket messages the browser sends during one drag / one wheel zoom and 1.5 s after
  ws bytes  websocket payload received from navigation until the map is drawn
  foreign   requests to hosts other than 127.0.0.1, tiles counted apart
Server time: one script run on a filter change in AppTest (benchmarks/apptest.py), wall and CPU.
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from benchmarks.answers import LocalAnswers
from benchmarks.apptest import apptest_in_subprocess, apptest_timing
from benchmarks.make_big_dataset import make_big_dataset
from benchmarks.process import machine_load
from benchmarks.reports import Results, report
from benchmarks.stats import fmt
from benchmarks.targets import Target, start_targets, static_page
from benchmarks.visits import Visit, visit
from devtools.devserver import CHROMIUM, CHROMIUM_ARGS, ROOT


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="kpmap's performance benchmark (see the module docstring).")
    parser.add_argument("--runs", type=int, default=5, help="browser visits per target (default 5)")
    parser.add_argument("--apptest-runs", type=int, default=20, help="in-process script runs per app (default 20)")
    parser.add_argument("--deadline", type=float, default=1200, help="stop starting new runs after this many s")
    parser.add_argument("--skip-apptest", action="store_true", help="leave out the in-process server times")
    parser.add_argument("--apptest", choices=["kpmap", "naive", "floor"], help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    return parser.parse_args()


def prepare(work: Path) -> tuple[Path, Path] | None:
    """The 10x dataset (checked with kpmap validate) and the static page; None if the data is bad."""
    big = make_big_dataset(work / "data-10x")
    check = subprocess.run(
        [sys.executable, "-m", "kpmap", "validate", str(big)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    print(f"10x dataset: {check.stdout.strip() or check.stderr.strip()}")
    if check.returncode != 0:
        return None
    static_dir = work / "static"
    static_dir.mkdir()
    static_page(ROOT / "data", static_dir)
    return big, static_dir


def visit_all(browser: Any, targets: list[Target], runs: int, deadline: float) -> dict[str, list[Visit]]:
    """One uncounted warm-up visit per target, then `runs` rounds of one visit each, in turn."""
    answers = LocalAnswers()
    visits: dict[str, list[Visit]] = {t.name: [] for t in targets}
    print("warm-up visit per target (not counted) ...", flush=True)
    for target in targets:
        warm = visit(browser, target, answers)
        if warm.error:
            print(f"  warm-up {target.name}: {warm.error}")
    for run in range(runs):
        if time.monotonic() > deadline:
            print(f"deadline reached after {run} runs")
            break
        for target in targets:
            visits[target.name].append(visit(browser, target, answers))
        last = {t.name: visits[t.name][-1] for t in targets}
        line = "  ".join(f"{n} {fmt(x.map_ms)}/{fmt(x.filter_ms)}" for n, x in last.items())
        print(f"run {run + 1}/{runs} (map/filter ms): {line}", flush=True)
    return visits


def server_times(runs: int, big: Path) -> dict[str, dict[str, Any]]:
    print("in-process script runs (AppTest) ...", flush=True)
    times: dict[str, dict[str, Any]] = {}
    for name, data_dir in (("kpmap", None), ("kpmap-10x", big), ("naive", None), ("floor", None)):
        app = "kpmap" if name.startswith("kpmap") else name
        times[name] = apptest_in_subprocess(app, runs, data_dir, timeout=300)
    return times


def main() -> int:
    args = arguments()
    if args.apptest:  # child process: one AppTest timing, printed as JSON
        print(json.dumps(apptest_timing(args.apptest, args.apptest_runs, args.data_dir)))
        return 0
    started = time.monotonic()
    print(f"machine: {machine_load()}")
    # A SIGTERM unwinds like Ctrl-C, so that every server is terminated on the way out.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    from playwright.sync_api import sync_playwright

    with ExitStack() as stack:
        prepared = prepare(Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kpmap-bench-"))))
        if prepared is None:
            return 1
        big, static_dir = prepared
        print("starting servers ...", flush=True)
        targets = start_targets(stack, big, static_dir)
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        stack.callback(lambda: browser.close() if browser.is_connected() else None)
        visits = visit_all(browser, targets, args.runs, started + args.deadline)
        browser.close()
        server_ms = {} if args.skip_apptest else server_times(args.apptest_runs, big)
        passed = report(Results(targets, visits, server_ms))
    print(f"machine: {machine_load()}")
    print(f"\n{'all goals met' if passed else 'some goals not met'}; {time.monotonic() - started:.0f} s in all")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
