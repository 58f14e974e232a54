"""The browser load test's phases: many visitors at once for a while, one short visit, and the
server's memory sampled meanwhile."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import time
from dataclasses import dataclass

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import async_playwright

from benchmarks.browser_visitor import ActionFailed, Tally, Visitor, new_visitor_page
from benchmarks.process import active_sessions, cpu_seconds, rss_mib
from devtools.devserver import CHROMIUM, CHROMIUM_ARGS
from kpmap import Dataset


@dataclass
class Phase:
    name: str
    sessions: int
    tally: Tally
    rss: list[float]
    most_sessions: int | None
    server_cpu: float  # share of one core the server used during the phase


async def run_phase(
    name: str, url: str, pid: int, data: Dataset, sessions: int, seconds: float, args: argparse.Namespace
) -> Phase:
    tally, samples, most = Tally(), [], [0]
    stop = asyncio.Event()

    async def sample() -> None:
        while not stop.is_set():
            samples.append(rss_mib(pid))
            count = await asyncio.to_thread(active_sessions, url)
            most[0] = max(most[0], count or 0)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=0.5)

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        sampler = asyncio.create_task(sample())
        started, cpu_before = time.monotonic(), cpu_seconds(pid)
        deadline = started + seconds
        pages = [await new_visitor_page(browser, tally, f"visitor {i}") for i in range(sessions)]
        visitors = [
            Visitor(i, page, url, data, tally, args.timeout * 1000, args.seed) for i, (_, page) in enumerate(pages)
        ]

        async def start(visitor: Visitor, delay: float) -> None:
            await visitor.page.wait_for_timeout(delay)  # arrivals spread over a second or two, not all at once
            await visitor.run(deadline)

        await asyncio.wait_for(
            asyncio.gather(*(start(v, i * 200) for i, v in enumerate(visitors))), timeout=seconds + 4 * args.timeout
        )
        server_cpu = (cpu_seconds(pid) - cpu_before) / (time.monotonic() - started)
        for context, _ in pages:
            await context.close()
        await browser.close()
        stop.set()
        await sampler
    return Phase(name, sessions, tally, samples, most[0], server_cpu)


async def one_short_visit(url: str, data: Dataset, args: argparse.Namespace) -> Tally:
    """Open the map once and leave: makes Streamlit prune sessions whose time to live is over."""
    tally = Tally()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context, page = await new_visitor_page(browser, tally, "last visitor")
        try:
            await Visitor(99, page, url, data, tally, args.timeout * 1000, args.seed).open()
        except (ActionFailed, PlaywrightError) as error:
            tally.errors.append(f"last visitor: {str(error).splitlines()[0][:300]}")
        await context.close()
        await browser.close()
    return tally


def sample_for(pid: int, seconds: float) -> list[float]:
    samples = []
    end = time.monotonic() + seconds
    while True:
        samples.append(rss_mib(pid))
        if time.monotonic() >= end:
            return samples
        time.sleep(min(1.0, max(0.0, end - time.monotonic())))
