"""Server time of one script run on a filter change, in process with streamlit.testing AppTest (the
whole script with the page it runs, st_folium's rendering of the map to HTML/JS and the protobuf
messages; no network, no browser, and none of the real server's work around a run: its forced garbage
collection among it, see benchmarks/README.md). Each app is timed in a child process of its own."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.targets import GROWTH
from devtools.devserver import ROOT

SCRIPTS = {
    "kpmap": ROOT / "navigation.py",
    "naive": ROOT / "benchmarks" / "apps" / "naive.py",
    "floor": ROOT / "benchmarks" / "apps" / "floor.py",
}
WARM_UP_RUNS = 2


def _toggle(at: Any, name: str, off: bool) -> None:
    """Untick (off) or tick the growth programme the way each app offers it."""
    if name == "kpmap":
        box = at.checkbox(key="w_programme_growth")
        box.uncheck() if off else box.check()
    elif name == "floor":
        box = at.checkbox[0]
        box.uncheck() if off else box.check()
    else:
        select = at.multiselect[0]
        select.unselect(GROWTH) if off else select.select(GROWTH)


def apptest_timing(name: str, runs: int, data_dir: str | None) -> dict[str, Any]:
    """Median milliseconds (wall and CPU) of one script run after a growth-programme toggle."""
    if data_dir:
        os.environ["KPMAP_DATA_DIR"] = data_dir
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(SCRIPTS[name]), default_timeout=60)
    at.run().run()  # kpmap's first run of a session draws only the map; the filters come with the second
    if at.exception:
        raise RuntimeError(f"{name}: {at.exception[0].message}")
    times, cpu = [], []
    for i in range(runs + WARM_UP_RUNS):
        _toggle(at, name, off=i % 2 == 0)
        started, cpu_started = time.perf_counter(), time.process_time()
        at.run()
        elapsed, cpu_used = (time.perf_counter() - started) * 1000, (time.process_time() - cpu_started) * 1000
        if at.exception:
            raise RuntimeError(f"{name}: {at.exception[0].message}")
        if i >= WARM_UP_RUNS:
            times.append(elapsed)
            cpu.append(cpu_used)
    return {
        "median_ms": statistics.median(times),
        "min_ms": min(times),
        "max_ms": max(times),
        "cpu_ms": statistics.median(cpu),
        "runs": len(times),
    }


def apptest_in_subprocess(name: str, runs: int, data_dir: Path | None, timeout: float) -> dict[str, Any]:
    """apptest_timing in a fresh `python -m benchmarks.run --apptest NAME` process; an error as a dict."""
    command = [sys.executable, "-m", "benchmarks.run", "--apptest", name, "--apptest-runs", str(runs)]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout} s"}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1][:160]}
    result: dict[str, Any] = json.loads(lines[-1])
    return result
