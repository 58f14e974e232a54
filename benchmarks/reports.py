"""The performance benchmark's report: one column per target, then the goals, each PASS or FAIL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from benchmarks.stats import fmt, median, present, ratio
from benchmarks.targets import Target
from benchmarks.visits import Visit

Cell = Callable[[str], str]
FIGURES = ("map_ms", "filter_ms", "ws_bytes")


def spread(values: list[Any]) -> str:
    found = present(values)
    if not found:
        return "n/a"
    return f"{median(found):,.0f} ({min(found):,.0f}-{max(found):,.0f})"


def all_true(values: list[bool | None]) -> str:
    found = [v for v in values if v is not None]
    if not found:
        return "n/a"
    return "yes" if all(found) else f"no ({found.count(False)}/{len(found)})"


@dataclass
class Results:
    """Every visit of every target, and the in-process server times."""

    targets: list[Target]
    visits: dict[str, list[Visit]]
    server_ms: dict[str, dict[str, Any]]

    def ok(self, name: str) -> list[Visit]:
        return [x for x in self.visits[name] if x.error is None]

    def med(self, name: str, key: str) -> float | None:
        return median([getattr(x, key) for x in self.ok(name)])

    def figure(self, key: str, unit: float = 1.0, everyone: bool = False) -> Cell:
        def cell(n: str) -> str:
            chosen = self.visits[n] if everyone else self.ok(n)
            return spread([None if getattr(x, key) is None else getattr(x, key) / unit for x in chosen])

        return cell

    def most(self, key: str) -> Cell:
        return lambda n: fmt(max((getattr(x, key) for x in self.ok(n) if getattr(x, key) is not None), default=None))

    def versus(self, key: str, base: str, only: str | None = None) -> Cell:
        return lambda n: "" if only and n != only else fmt(ratio(self.med(n, key), self.med(base, key)), 2)

    def server(self, n: str) -> str:
        found = self.server_ms.get(n, {})
        if "median_ms" not in found:
            return str(found.get("error", "n/a"))[:20]
        return f"{found['median_ms']:.1f} ({found['min_ms']:.0f}-{found['max_ms']:.0f})"

    def server_cpu(self, n: str) -> str:
        return fmt(self.server_ms.get(n, {}).get("cpu_ms"), 1)

    def server_10x(self, n: str) -> str:
        runs = (self.server_ms.get(n, {}).get("median_ms"), self.server_ms.get("kpmap", {}).get("median_ms"))
        return fmt(ratio(*runs), 2) if n == "kpmap-10x" else ""


def rows(r: Results) -> list[tuple[str, Cell]]:
    by_name = {t.name: t for t in r.targets}
    return [
        ("", lambda n: n),
        ("markers (all / after filter)", lambda n: f"{by_name[n].markers} / {by_name[n].filtered}"),
        ("visits ok / runs", lambda n: f"{len(r.ok(n))} / {len(r.visits[n])}"),
        ("time to map, ms: median (min-max)", r.figure("map_ms")),
        ("  ratio to floor", r.versus("map_ms", "floor")),
        ("  ratio to naive", r.versus("map_ms", "naive")),
        ("  of which until map iframe started", r.figure("iframe_ms")),
        ("filter change, ms", r.figure("filter_ms")),
        ("  ratio to naive", r.versus("filter_ms", "naive")),
        ("  all of Finland / fitted to cities", r.versus("filter_ms", "kpmap-cities", "kpmap")),
        ("  same map document after filter", lambda n: all_true([x.same_document for x in r.ok(n)])),
        ("  map view kept after filter", lambda n: all_true([x.view_kept for x in r.ok(n)])),
        ("  whole page updated (run ended), ms", r.figure("settled_ms")),
        ("messages sent during load (max)", r.most("load_msgs")),
        ("messages sent on one pan (max)", r.most("pan_msgs")),
        ("messages sent on one zoom (max)", r.most("zoom_msgs")),
        ("requests to other hosts, non-tile", r.figure("foreign", everyone=True)),
        ("  tile requests (answered locally)", r.figure("tiles", everyone=True)),
        ("ws KB received until map drawn", r.figure("ws_bytes", unit=1000)),
        ("server: script run on filter, ms", r.server),
        ("  of which CPU (the process), ms", r.server_cpu),
        ("10x / 1x: time to map", r.versus("map_ms", "kpmap", "kpmap-10x")),
        ("10x / 1x: filter change", r.versus("filter_ms", "kpmap", "kpmap-10x")),
        ("10x / 1x: server script run", r.server_10x),
    ]


def print_table(r: Results) -> None:
    names = [t.name for t in r.targets]
    print()
    for label, cell in rows(r):
        print(f"{label:<36}" + "".join(f"{cell(n):>20}" for n in names))
    for n in names:
        for x in r.visits[n]:
            if x.error:
                print(f"  visit error, {n}: {x.error}")
        for x in r.ok(n):
            if x.extra:
                print(f"  note, {n}: {x.extra}")


def _le(a: float | None, b: float) -> bool | None:
    return None if a is None else a <= b


def _times(r: Results, key: str, a: str, b: str) -> tuple[float | None, str]:
    x, y = r.med(a, key), r.med(b, key)
    q = ratio(x, y)
    return q, f"{fmt(x)} ms / {fmt(y)} ms = {fmt(q, 2)}x"


def goals(r: Results) -> list[tuple[str, bool | None, str]]:
    """Each goal: what must hold, whether it did (None: not measured), and the figures."""
    kp_ok = r.ok("kpmap")
    to_floor, to_floor_text = _times(r, "map_ms", "kpmap", "floor")
    to_naive, to_naive_text = _times(r, "map_ms", "kpmap", "naive")
    filtered, filtered_text = _times(r, "filter_ms", "kpmap", "naive")
    big, big_text = _times(r, "map_ms", "kpmap-10x", "kpmap")
    in_place = [bool(x.same_document and x.view_kept) for x in kp_ok]
    msgs = [m for x in kp_ok for m in (x.pan_msgs, x.zoom_msgs) if m is not None]
    foreign = [x.foreign for x in r.visits["kpmap"] + r.visits["kpmap-10x"]]
    run = r.server_ms.get("kpmap", {}).get("median_ms")
    return [
        ("time to map <= 1.15x floor", _le(to_floor, 1.15), to_floor_text),
        ("time to map below naive", None if to_naive is None else to_naive < 1, to_naive_text),
        ("filter change <= 0.4x naive", _le(filtered, 0.4), filtered_text),
        (
            "map updated in place (same iframe document, view kept)",
            bool(in_place) and all(in_place),
            f"{sum(in_place)}/{len(in_place)} visits",
        ),
        ("0 messages to the server on pan or zoom", bool(msgs) and max(msgs) == 0, f"max {max(msgs, default=None)}"),
        (
            "0 requests to other hosts except tiles",
            bool(foreign) and max(foreign) == 0,
            f"max {max(foreign, default=None)} per visit",
        ),
        ("one script run on a filter change <= 50 ms median", _le(run, 50.0), f"{fmt(run, 1)} ms"),
        ("at 10x the cities, time to map <= 1.5x that at 1x", _le(big, 1.5), big_text),
    ]


def report(r: Results) -> bool:
    """Print the table and the goals; whether every goal was met."""
    print_table(r)
    print("\nGoals (ratios of medians measured in this run; absolute times are for reference only)")
    checked = goals(r)
    for text, passed, figures in checked:
        print(f"  {'PASS' if passed else ('FAIL' if passed is False else 'N/A ')}  {text}: {figures}")
    return all(passed is True for _, passed, _ in checked)
