"""Time to draw the map as a picture, per format and drawing mode: the median of N runs.

    .venv/bin/python -m benchmarks.picture [--runs 11] [--data DIR]

The first drawing of a process also projects the areas and loads fonts; it is timed apart ("first")
and left out of the median, as the app and the command draw many pictures per process or one.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from kpmap import BUNDLED_DATA_DIR, load_dataset
from kpmap.filters import Selection
from kpmap.picture import render

GOAL_SECONDS = 1.0


def timed(draw) -> tuple[float, float, int]:
    """Wall-clock seconds, CPU seconds of this process, and bytes drawn. On a busy machine the CPU
    time is the steadier figure."""
    start, start_cpu = time.perf_counter(), time.process_time()
    size = len(draw())
    return time.perf_counter() - start, time.process_time() - start_cpu, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--data", type=Path, default=BUNDLED_DATA_DIR)
    args = parser.parse_args()
    dataset = load_dataset(args.data)
    selection = Selection(frozenset(dataset.by_id), city=str(dataset.cities.index[0]))
    first, _, _ = timed(lambda: render(dataset, selection, "fi", "areas", "png"))
    areas = len(dataset.areas.municipalities)
    print(f"{len(dataset.cities)} cities, {areas} areas; first drawing {first * 1000:.0f} ms; {args.runs} runs each")
    print(f"{'format':<7}{'mode':<9}{'median ms':>10}{'min ms':>8}{'max ms':>8}{'CPU ms':>8}{'KB':>6}  goal < 1 s")
    for fmt in ("svg", "png", "pdf"):
        for show in ("areas", "circles"):
            runs = [timed(lambda f=fmt, s=show: render(dataset, selection, "fi", s, f)) for _ in range(args.runs)]
            seconds = [wall for wall, _, _ in runs]
            median, cpu = statistics.median(seconds), statistics.median(c for _, c, _ in runs)
            verdict = ("met" if median < GOAL_SECONDS else "missed") if fmt != "pdf" else "(no goal)"
            print(
                f"{fmt:<7}{show:<9}{median * 1000:>10.0f}{min(seconds) * 1000:>8.0f}{max(seconds) * 1000:>8.0f}"
                f"{cpu * 1000:>8.0f}{runs[0][2] / 1024:>6.0f}  {verdict}"
            )


if __name__ == "__main__":
    main()
