"""The browser load test's report: a column per phase, the server's memory, and every error."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.browser_visitor import ACTIONS, Tally
from benchmarks.load_phases import Phase
from benchmarks.stats import fmt, median, percentile


def p95(values: list[float]) -> float | None:
    return percentile(values, 0.95)


def ms(value: float | None) -> str:
    return fmt(value, 0, "–")


@dataclass
class Memory:
    idle: float
    before: float
    peak: float
    mean: float
    left: float
    ttl_over: float
    pruned: float


def phase_rows(single: Phase, many: Phase) -> list[tuple[str, str, str]]:
    rows = [("", single.name, many.name)]

    def row(label: str, cell: Callable[[Phase], str]) -> None:
        rows.append((label, cell(single), cell(many)))

    row("visitors at once", lambda p: str(p.sessions))
    row("most sessions seen by the server", lambda p: str(p.most_sessions))
    row("actions done", lambda p: str(sum(p.tally.actions.values())))
    for action in ACTIONS:
        row(f"  {action}", lambda p, action=action: str(p.tally.actions[action]))  # type: ignore[misc]
    row("filter changes timed", lambda p: str(len(p.tally.filter_ms)))
    row("filter -> map, median ms", lambda p: ms(median(p.tally.filter_ms)))
    row("filter -> map, p95 ms", lambda p: ms(p95(p.tally.filter_ms)))
    row("filter -> map, max ms", lambda p: ms(max(p.tally.filter_ms, default=None)))
    row("city -> details, median ms", lambda p: ms(median(p.tally.city_ms)))
    row("city -> details, p95 ms", lambda p: ms(p95(p.tally.city_ms)))
    row("map load, median ms", lambda p: ms(median(p.tally.load_ms)))
    row("map load, p95 ms", lambda p: ms(p95(p.tally.load_ms)))
    row("errors", lambda p: str(len(p.tally.errors)))
    row("requests blocked (not 127.0.0.1)", lambda p: str(len(p.tally.blocked)))
    row("browser console errors", lambda p: str(len(p.tally.console_errors)))
    row("server CPU, % of one core", lambda p: f"{100 * p.server_cpu:.0f}")
    row("server RSS at start, MiB", lambda p: fmt(p.rss[0] if p.rss else None, 1, "–"))
    row("server RSS peak, MiB", lambda p: fmt(max(p.rss, default=None), 1, "–"))
    return rows


def print_phases(single: Phase, many: Phase) -> None:
    rows = phase_rows(single, many)
    width = [max(len(r[i]) for r in rows) for i in range(3)]
    print()
    for r in rows:
        print(f"{r[0]:<{width[0]}}  {r[1]:>{width[1]}}  {r[2]:>{width[2]}}")
    single_p95, many_p95 = p95(single.tally.filter_ms), p95(many.tally.filter_ms)
    if single_p95 and many_p95:
        print(f"\np95 filter -> map: {many_p95:,.0f} ms with {many.sessions} visitors, "
              f"{many_p95 / single_p95:.1f} x the single visitor's {single_p95:,.0f} ms")  # fmt: skip


def print_memory(memory: Memory, sessions: int, session_ttl: int, sessions_after: int | None) -> None:
    growth = memory.peak - memory.before
    kept = memory.pruned - memory.before
    returned = "returned" if kept <= max(5.0, 0.25 * growth) else "NOT returned"
    print("\nServer memory (VmRSS, MiB)")
    for label, value in (
        ("idle, before any visitor", memory.idle),
        ("after the lone visitor (before the many)", memory.before),
        (f"peak with {sessions} visitors", memory.peak),
        (f"mean with {sessions} visitors", memory.mean),
        ("just after they left", memory.left),
        (f"{session_ttl + 5} s later (their sessions' TTL over)", memory.ttl_over),
        ("after one more visit (sessions pruned)", memory.pruned),
        ("growth per visitor at the peak", growth / sessions),
        ("still held after pruning", kept),
    ):
        print(f"  {label:<44} {value:8.1f}")
    print(f"  memory {returned}; {sessions_after} session(s) still connected")


def print_errors(tallies: list[Tally]) -> int:
    """Every error (requests to other hosts among them); returns how many there were."""
    errors = [e for tally in tallies for e in tally.errors]
    blocked = [b for tally in tallies for b in tally.blocked]
    if blocked:
        errors.append(f"{len(blocked)} request(s) to other hosts, first {blocked[0]}")
    print(f"\nErrors: {len(errors)}")
    for error in errors[:30]:
        print(f"  {error}")
    consoles = Counter(c for tally in tallies for c in tally.console_errors)
    if consoles:
        print("Browser console errors (not counted as errors):")
        for text, count in consoles.most_common(5):
            print(f"  {count} x {text[:200]}")
    return len(errors)


def report(
    single: Phase, many: Phase, memory: Memory, session_ttl: int, sessions_after: int | None, last: Tally
) -> int:
    """Print everything; 1 if there was any error, else 0."""
    print_phases(single, many)
    print_memory(memory, many.sessions, session_ttl, sessions_after)
    return 1 if print_errors([single.tally, many.tally, last]) else 0
