"""Many busy visitors without browsers: kpmap under load through Streamlit's own websocket protocol.

    .venv/bin/python -m benchmarks.ws_load [--sessions 40] [--seconds 60] [--url http://127.0.0.1:PORT]

Without --url it starts `streamlit run app.py` (KPMAP_TILES=none) on a free loopback port. Each visitor
(benchmarks/ws_visitor.py) opens the map page, then every 0.5-1.5 s ticks or unticks a programme (3 in
4) or clicks a city on the map (1 in 4); every answer is checked (benchmarks/map_page.py). Arrivals are
spread over --ramp seconds. Prints p50/p95/p99 per action (request -> the map's element arrives, and
request -> the run has finished), answers per second, errors, and each server process's CPU and memory
(--pid for a server it did not start, repeatable). Loopback only; bounded in visitors and in time.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from urllib.parse import urlparse

from benchmarks.failover import kill_then_probe, print_failover
from benchmarks.process import cpu_seconds, machine_load, rss_mib
from benchmarks.ws_report import ServerUse, print_errors, print_latencies, print_memory_timeline, print_servers
from benchmarks.ws_visitor import Tally, Visitor
from devtools.devserver import running_app
from kpmap import Dataset, load_dataset

MAX_SESSIONS = 200
MAX_SECONDS = 900
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sessions", type=int, default=40, help=f"visitors at once, 1..{MAX_SESSIONS} (default 40)")
    parser.add_argument("--seconds", type=float, default=60, help=f"how long they stay, 1..{MAX_SECONDS} (default 60)")
    parser.add_argument("--ramp", type=float, default=5, help="arrivals spread over this many s (default 5)")
    parser.add_argument("--url", help="a running app on this machine (default: start one)")
    parser.add_argument("--pid", type=int, action="append", default=[], help="a server process to measure")
    parser.add_argument("--timeout", type=float, default=30, help="s one answer may take before it is an error")
    parser.add_argument("--rss-every", type=float, default=60, help="s between lines of the memory timeline")
    parser.add_argument(
        "--option", action="append", default=[], metavar="NAME=VALUE", help="for the server it starts, repeatable"
    )
    parser.add_argument("--kill-pid", type=int, help="a replica to kill in the middle of the run (with --url)")
    parser.add_argument("--kill-after", type=float, default=20, help="s from the start to kill it (default 20)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= MAX_SESSIONS or not 1 <= args.seconds <= MAX_SECONDS:
        parser.error(f"--sessions must be 1..{MAX_SESSIONS} and --seconds 1..{MAX_SECONDS}")
    if args.url and urlparse(args.url).hostname not in LOOPBACK_HOSTS:
        parser.error("--url must be on this machine (127.0.0.1)")
    if args.kill_pid and (not args.url or args.kill_pid not in args.pid or args.kill_after >= args.seconds):
        parser.error("--kill-pid needs --url, the same --pid, and --kill-after within --seconds")
    return args


@contextmanager
def server(args: argparse.Namespace) -> Iterator[tuple[str, list[int]]]:
    """The app to load: --url as given, or a fresh `streamlit run app.py` stopped on the way out."""
    if args.url:
        yield args.url.rstrip("/"), args.pid
        return
    options = [part for option in args.option for part in ("--" + option.split("=", 1)[0], option.split("=", 1)[1])]
    with running_app(env={"KPMAP_TILES": "none"}, options=options) as (url, process):
        yield url, [process.pid, *args.pid]


async def sample(servers: list[ServerUse], started: float, stop: asyncio.Event) -> None:
    while not stop.is_set():
        for use in servers:
            with suppress(OSError, RuntimeError):  # the process has gone (a replica killed on purpose)
                use.rss.append((time.monotonic() - started, rss_mib(use.pid)))
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=1.0)


def cpu_of(pids: list[int]) -> dict[int, float]:
    found = {}
    for pid in pids:
        try:
            found[pid] = cpu_seconds(pid)
        except OSError:
            found[pid] = 0.0
    return found


async def load(url: str, pids: list[int], data: Dataset, args: argparse.Namespace) -> tuple[Tally, list[ServerUse]]:
    """All visitors at once until the deadline (arrivals spread over the ramp), sampling the servers."""
    tally, servers = Tally(), [ServerUse(pid) for pid in pids]
    started, before = time.monotonic(), cpu_of(pids)
    deadline = started + args.seconds
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample(servers, started, stop))

    async def arrive(number: int) -> None:
        await asyncio.sleep(args.ramp * number / args.sessions)
        await Visitor(number, url, data, tally, args.seed, args.timeout).run(deadline)

    killing = None
    if args.kill_pid:
        killing = asyncio.create_task(kill_then_probe(args.kill_pid, args.kill_after, url, data, args.seed, 5))
    await asyncio.wait_for(asyncio.gather(*map(arrive, range(args.sessions))), args.seconds + 4 * args.timeout)
    if killing is not None:
        print_failover(await killing, tally)
    after = cpu_of(pids)
    for use in servers:
        use.cpu_s = max(0.0, after[use.pid] - before[use.pid])
    stop.set()
    await sampler
    return tally, servers


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    data = load_dataset()
    print(f"machine before: {machine_load()}")
    with server(args) as (url, pids):
        print(f"{args.sessions} visitors for {args.seconds:g} s on {url}", flush=True)
        started, own_cpu = time.monotonic(), time.process_time()
        tally, servers = asyncio.run(load(url, pids, data, args))
        seconds, own_cpu = time.monotonic() - started, time.process_time() - own_cpu
    print_latencies(tally, seconds)
    print_servers(servers, seconds, sum(tally.actions.values()))
    print(f"  this load generator: CPU {100 * own_cpu / seconds:.0f} % of one core (on the same machine)")
    if args.seconds >= 2 * args.rss_every:
        print_memory_timeline(servers, args.rss_every)
    print_errors(tally)
    print(f"\nmachine after: {machine_load()}")
    return 1 if tally.errors else 0


if __name__ == "__main__":
    sys.exit(main())
