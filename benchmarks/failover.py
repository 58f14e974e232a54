"""A replica killed in the middle of a load run: kill it, then send a new visitor every half second
for ten seconds, to see how soon the load balancer routes new visitors away from it."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from dataclasses import dataclass, field

from benchmarks import map_page
from benchmarks.ws_visitor import Tally, Visitor
from kpmap.model import Dataset

PROBE_EVERY_S = 0.5
PROBE_FOR_S = 10.0


@dataclass
class Failover:
    """When the replica was killed, and each new visitor after it: (s after the kill, served?, ms)."""

    killed_at: float = 0.0
    probes: list[tuple[float, bool, float]] = field(default_factory=list)


async def probe(number: int, url: str, data: Dataset, seed: int, timeout: float) -> tuple[bool, float]:
    """A new visitor with no cookies (so the balancer chooses afresh): is the map page's first run served,
    with the right map, and how many ms did it take?"""
    visitor = Visitor(number, url, data, Tally(), seed, timeout)
    started = time.monotonic()
    try:
        await visitor.session.connect()
        run = await visitor.session.run()
        served = not map_page.check_map(run, data, visitor.selection)
    except Exception:  # any failure to open counts as not served
        served = False
    finally:
        await visitor.session.close()
    return served, (time.monotonic() - started) * 1000


async def kill_then_probe(pid: int, after: float, url: str, data: Dataset, seed: int, timeout: float) -> Failover:
    """SIGKILL pid `after` seconds from now (no goodbye, as a crash), then a new visitor every
    PROBE_EVERY_S for PROBE_FOR_S, each on its own (they overlap), opening the map page through url."""
    result = Failover()
    await asyncio.sleep(after)
    os.kill(pid, signal.SIGKILL)
    result.killed_at = time.monotonic()

    async def one(number: int) -> None:
        await asyncio.sleep(number * PROBE_EVERY_S)
        sent = time.monotonic() - result.killed_at
        served, ms = await probe(100_000 + number, url, data, seed, timeout)
        result.probes.append((sent, served, ms))

    await asyncio.gather(*map(one, range(int(PROBE_FOR_S / PROBE_EVERY_S))))
    result.probes.sort()
    return result


def print_failover(result: Failover, tally: Tally) -> None:
    failed = [when for when, served, _ in result.probes if not served]
    served = [when for when, ok, _ in result.probes if ok]
    slowest = max((ms for _, _, ms in result.probes), default=0.0)
    print(f"\n  replica killed; {len(result.probes)} new visitors in the {PROBE_FOR_S:g} s after it:")
    print(f"    their first run (the map) took {slowest:,.0f} ms at most")
    print(f"    not served: {len(failed)}" + (f", the last at {max(failed):.2f} s after the kill" if failed else ""))
    print("    first served at " + (f"{min(served):.2f} s after the kill" if served else "never"))
    lost = [wait for when, wait in tally.reconnects if when >= result.killed_at - 1]
    most = max(lost, default=0.0)
    print(f"    visitors whose connection was lost: {len(lost)}, each served again within {most:.1f} s")
