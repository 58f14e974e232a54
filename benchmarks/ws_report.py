"""The websocket load generator's report: per action p50/p95/p99, actions per second, errors,
reconnects, and each server process's CPU and memory."""

from __future__ import annotations

from dataclasses import dataclass, field

from benchmarks.stats import fmt, percentile
from benchmarks.ws_visitor import Tally

ORDER = ("open: first run", "open: second run", "filter", "city")


@dataclass
class ServerUse:
    """One server process over the load: CPU seconds used and memory samples (s since start, MiB)."""

    pid: int
    cpu_s: float = 0.0
    rss: list[tuple[float, float]] = field(default_factory=list)


def _row(label: str, values: list[float]) -> str:
    cells = [fmt(percentile(values, q)) for q in (0.5, 0.95, 0.99)]
    return f"  {label:<18}{len(values):>8}" + "".join(f"{c:>9}" for c in cells)


def print_latencies(tally: Tally, seconds: float) -> None:
    print(f"\n  {'action':<18}{'count':>8}{'p50':>9}{'p95':>9}{'p99':>9}   (ms, or KB where said)")
    for what, table in (("to the map", tally.map_ms), ("whole run", tally.run_ms)):
        print(f"  -- request -> {what}")
        for action in (a for a in ORDER if a in table):
            print(_row(action, table[action]))
    print("  -- the answer's messages, KB (before the websocket's compression)")
    for action in (a for a in ORDER if a in tally.received_kb):
        print(_row(action, tally.received_kb[action]))
    done = sum(tally.actions.values())
    print(f"\n  answers checked: {done}, {done / seconds:.1f} per s (runs per s, the two of each opening included)")


def print_servers(servers: list[ServerUse], seconds: float, runs: int) -> None:
    """Each server's CPU share and memory; with one server, its CPU time per script run."""
    for server in servers:
        if not server.rss:
            continue
        mib = [m for _, m in server.rss]
        print(
            f"  server pid {server.pid}: CPU {100 * server.cpu_s / seconds:.0f} % of one core; RSS MiB "
            f"start {mib[0]:.1f}, peak {max(mib):.1f}, end {mib[-1]:.1f}"
        )
    if len(servers) == 1 and runs:
        print(f"  server CPU per script run: {1000 * servers[0].cpu_s / runs:.1f} ms")


def print_memory_timeline(servers: list[ServerUse], every: float) -> None:
    """RSS over time, one line per `every` seconds: memory that levels off, or grows."""
    for server in servers:
        print(f"\n  RSS of pid {server.pid} over time (s: MiB)")
        shown, next_at = [], 0.0
        for at, mib in server.rss:
            if at >= next_at:
                shown.append(f"{at:.0f}: {mib:.1f}")
                next_at = at + every
        for i in range(0, len(shown), 8):
            print("    " + "  ".join(shown[i : i + 8]))


def print_errors(tally: Tally) -> None:
    print(f"\n  errors: {len(tally.errors)}")
    for error in tally.errors[:20]:
        print(f"    {error}")
    if tally.reconnects:
        waits = [w for _, w in tally.reconnects]
        print(f"  reconnected after a lost connection: {len(waits)}, served again in {fmt(max(waits), 1)} s at most")
