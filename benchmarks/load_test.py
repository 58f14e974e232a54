"""Many visitors: kpmap under concurrent browser sessions. Prints a table; exits 1 on any error.

    .venv/bin/python -m benchmarks.load_test [--sessions 10] [--seconds 60] [--single-seconds 20]
                                          [--session-ttl 120] [--seed 1]

Starts `streamlit run app.py` on a free 127.0.0.1 port (KPMAP_TILES=none, so there is no basemap) and
drives it from one headless Chromium (Debian's /usr/bin/chromium), one browser context per visitor:

  1. one visitor alone for --single-seconds (the reference);
  2. --sessions visitors at once for --seconds;
  3. all of them gone: the server's memory is sampled until Streamlit may drop their sessions
     (--session-ttl, passed to the server as server.disconnectedSessionTTL), then one short visit
     makes it do so (its session store is only pruned when a session connects), and it is sampled again.

Each visitor opens the map, waits for every city, then until the time is up repeats, with a short pause:
untick or tick a programme, choose a region in "Maakunta", select a city by clicking its circle or
through "Hae kaupunkia", or reset the view. Every filter change is chosen so that the number of circles
changes; its time is measured in the browser, from the pointerdown that starts the click to the moment
the map's iframe holds the expected number of circles (the numbers come from kpmap.filters on the
same data). A city selection is timed to the details panel showing the city.

Errors (must be 0): page errors (uncaught exceptions in the browser), crashed pages, a Streamlit
exception box, a map with the wrong number of circles or a panel that never shows the city (within
--timeout), and any request to a host other than 127.0.0.1 (all are blocked).
Memory: VmRSS of the server process from /proc/PID/status. The visitor is benchmarks/browser_visitor.py,
the phases benchmarks/load_phases.py, the report benchmarks/load_report.py.

The browsers run on the same machine as the server: on a small machine the times include their own
contention for the CPU. The table gives the server's CPU share to tell the two apart. The window is
1400 x 1000, so the bottom of the map is just below the fold, as on most laptop screens.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

from benchmarks.load_phases import one_short_visit, run_phase, sample_for
from benchmarks.load_report import Memory, report
from benchmarks.process import active_sessions, machine_load
from devtools.devserver import CHROMIUM, running_app
from kpmap import load_dataset

MAX_SESSIONS = 40
MAX_SECONDS = 900


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10, help="visitors at once (default 10)")
    parser.add_argument("--seconds", type=float, default=60, help="how long they stay (default 60)")
    parser.add_argument("--single-seconds", type=float, default=20, help="the lone visitor's time (default 20)")
    parser.add_argument(
        "--session-ttl", type=int, default=120, help="server.disconnectedSessionTTL (default 120, as Streamlit's)"
    )
    parser.add_argument("--timeout", type=int, default=30, help="seconds one step may take before it is an error")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", help="KPMAP_DATA_DIR for the server (default: the bundled data)")
    args = parser.parse_args()
    if not 1 <= args.sessions <= MAX_SESSIONS or not 1 <= args.seconds <= MAX_SECONDS:
        parser.error(f"--sessions must be 1..{MAX_SESSIONS} and --seconds 1..{MAX_SECONDS}")
    if not Path(CHROMIUM).exists():
        parser.error(f"{CHROMIUM} not found (apt-get install chromium)")
    return args


def main() -> int:
    args = arguments()
    print(f"machine: {machine_load()}")
    data = load_dataset(args.data_dir) if args.data_dir else load_dataset()
    env = {"KPMAP_TILES": "none", **({"KPMAP_DATA_DIR": args.data_dir} if args.data_dir else {})}
    options = ["--server.disconnectedSessionTTL", str(args.session_ttl)]
    log_path = Path(tempfile.mkdtemp(prefix="kpmap-load-")) / "server.log"
    with log_path.open("wb") as log, running_app(env=env, options=options, log=log) as (url, server):
        idle = sample_for(server.pid, 2)[-1]
        print(
            f"server {url} (pid {server.pid}): 1 visitor for {args.single_seconds:g} s, "
            f"then {args.sessions} for {args.seconds:g} s"
        )
        single = asyncio.run(run_phase("1 visitor", url, server.pid, data, 1, args.single_seconds, args))
        before = sample_for(server.pid, 2)[-1]
        name = f"{args.sessions} visitors"
        many = asyncio.run(run_phase(name, url, server.pid, data, args.sessions, args.seconds, args))
        left = sample_for(server.pid, 2)[-1]
        ttl_over = sample_for(server.pid, args.session_ttl + 5)[-1]
        last = asyncio.run(one_short_visit(url, data, args))
        pruned = sample_for(server.pid, 5)[-1]
        memory = Memory(idle, before, max(many.rss), sum(many.rss) / len(many.rss), left, ttl_over, pruned)
        status = report(single, many, memory, args.session_ttl, active_sessions(url), last)
    tracebacks = log_path.read_text(errors="replace").count("Traceback")
    print(f"Server log: {log_path} ({tracebacks} traceback(s)); machine: {machine_load()}")
    return 1 if tracebacks else status


if __name__ == "__main__":
    sys.exit(main())
