"""Compare the data with its sources: the members page's member lists, and every other address it cites.

`members_differences` reads the page that lists members (sources.toml's members_page), finds each
programme's section by its heading (the programme's Finnish name), and compares the cities named there
with the memberships. `source_differences` reads every other address the data cites: does it answer,
and where a fingerprint of its text is recorded, is the text still the same. Each difference is one line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from kpmap.inflection import names_in
from kpmap.model import Dataset, Fingerprint
from kpmap.webpage import Block, Page, PageError, blocks, fingerprint, normalise

WORKERS = 8


class PageUnusable(Exception):
    """The members page cannot be compared: unreadable, or without a heading it should have."""


def sections(page_blocks: list[Block], headings: dict[str, str]) -> dict[str, str]:
    """Each key's section: its heading (matched as written, ignoring case and spacing) and the text under
    it up to the next heading of the same or a higher level. PageUnusable names the headings not found."""
    wanted = {normalise(heading).casefold(): key for key, heading in headings.items()}
    found: dict[str, str] = {}
    for index, block in enumerate(page_blocks):
        key = wanted.get(block.text.casefold()) if block.level else None
        if key is None or key in found:
            continue
        body = [block.text]
        for following in page_blocks[index + 1 :]:
            if following.level and following.level <= block.level:
                break
            body.append(following.text)
        found[key] = " ".join(body)
    missing = [f'"{heading}" ({key})' for key, heading in headings.items() if key not in found]
    if missing:
        raise PageUnusable(f"has no heading {', '.join(missing)}")
    return found


def members_differences(dataset: Dataset, page: Page) -> list[str]:
    """One line per city that the page names and the data does not, or the other way round."""
    if not page.is_html:
        raise PageUnusable("is not an HTML page, so it has no headings to find the programmes by")
    ids = dataset.members_page.programme_ids
    found = sections(blocks(page.text), {pid: dataset.by_id[pid].name.fi for pid in ids})
    municipalities = dict(dataset.areas.municipalities["name_fi"].items())
    lines = []
    for pid in ids:
        on_page = names_in(found[pid], municipalities)
        in_data = set(dataset.memberships.loc[dataset.memberships["programme_id"] == pid, "kuntanumero"])
        lines += [f"{pid}: the page names {name}, the data does not" for name in _names(on_page - in_data, dataset)]
        lines += [f"{pid}: the data has {name}, the page does not" for name in _names(in_data - on_page, dataset)]
    return lines


def _names(kuntanumerot: Iterable[str], dataset: Dataset) -> list[str]:
    """Finnish names of the municipalities, sorted."""
    return sorted(str(dataset.areas.municipalities.loc[k, "name_fi"]) for k in kuntanumerot)


@dataclass(frozen=True)
class SourceCheck:
    """What reading one address showed: a difference line, or None; and whether a fingerprint matched."""

    url: str
    difference: str | None
    unchanged: bool
    fingerprint: str | None


Reader = Callable[[str], Page]


def check_source(url: str, read: Reader, recorded: Fingerprint | None) -> SourceCheck:
    """Read one address and compare its text with its recorded fingerprint, if there is one."""
    try:
        page = read(url)
    except PageError as error:
        return SourceCheck(url, f"{url}: {error}", False, None)
    now = fingerprint(page.visible)
    if recorded is None:
        return SourceCheck(url, None, False, now)
    if recorded.fingerprint == now:
        return SourceCheck(url, None, True, now)
    return SourceCheck(url, f"{url}: the text changed since {recorded.taken}; it is now {now}", False, now)


def source_checks(dataset: Dataset, urls: Iterable[str], read: Reader) -> list[SourceCheck]:
    """Every address checked, several at a time, in the order given."""
    recorded = {entry.url: entry for entry in dataset.fingerprints}
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(lambda url: check_source(url, read, recorded.get(url)), urls))


def sources_summary(checks: list[SourceCheck]) -> str:
    """'sources: all 35 addresses the data cites answer; 2 with a recorded fingerprint unchanged'."""
    unchanged = sum(check.unchanged for check in checks)
    tail = f"; {unchanged} with a recorded fingerprint unchanged" if unchanged else "; no fingerprints recorded"
    return f"sources: all {len(checks)} addresses the data cites answer{tail}"
