"""What changed between two versions of the data, one line per change, for `python -m kpmap diff OLD NEW`.

Programmes, memberships (cities that joined or left, and their sources), populations, the programmes'
pages and sources, the history's events, when the data was checked, and the recorded fingerprints.
"""

from __future__ import annotations

from collections.abc import Iterable

from kpmap.model import Dataset, HistoryEvent


def differences(old: Dataset, new: Dataset) -> list[str]:
    """Every change from old to new, grouped by kind, in a fixed order."""
    return [
        *_programme_changes(old, new),
        *_membership_changes(old, new),
        *_population_changes(old, new),
        *_history_changes(old, new),
        *_upkeep_changes(old, new),
    ]


def _city(dataset: Dataset, kuntanumero: str) -> str:
    """'Lohja (444)': the municipality's Finnish name and number."""
    names = dataset.areas.municipalities["name_fi"]
    return f"{names.get(kuntanumero, '?')} ({kuntanumero})"


def _added_removed(label: str, old: Iterable[str], new: Iterable[str]) -> list[str]:
    before, after = set(old), set(new)
    return [f"{label}: added {item}" for item in sorted(after - before)] + [
        f"{label}: removed {item}" for item in sorted(before - after)
    ]


def _programme_changes(old: Dataset, new: Dataset) -> list[str]:
    lines = _added_removed("programmes", old.by_id, new.by_id)
    for pid, programme in new.by_id.items():
        before = old.by_id.get(pid)
        if before is None:
            continue
        if before.official_url != programme.official_url:
            lines.append(f"{pid}: official page {before.official_url} -> {programme.official_url}")
        lines += _added_removed(f"{pid}: sources", before.sources, programme.sources)
        if before.name.fi != programme.name.fi:
            lines.append(f"{pid}: Finnish name {before.name.fi!r} -> {programme.name.fi!r}")
    return lines


def _members(dataset: Dataset) -> dict[tuple[str, str], dict[str, str]]:
    """(programme_id, kuntanumero) -> the membership's source_url, source_date and source_note."""
    return {(row["programme_id"], row["kuntanumero"]): row for row in dataset.memberships.to_dict("records")}


def _membership_changes(old: Dataset, new: Dataset) -> list[str]:
    """Joined and left per programme, in the new data's programme order; then changed sources."""
    before, after = _members(old), _members(new)
    order = [*new.by_id, *(pid for pid in old.by_id if pid not in new.by_id)]
    lines = []
    for pid in order:
        lines += [f"{pid}: {_city(new, k)} joined" for p, k in sorted(after.keys() - before.keys()) if p == pid]
        lines += [f"{pid}: {_city(old, k)} left" for p, k in sorted(before.keys() - after.keys()) if p == pid]
    for key in sorted(after.keys() & before.keys(), key=lambda key: (order.index(key[0]), key[1])):
        pid, kuntanumero = key
        for field in ("source_url", "source_date", "source_note"):
            was, now = before[key][field], after[key][field]
            if was != now:
                lines.append(f"{pid}: {_city(new, kuntanumero)}: {field} {was or '(empty)'} -> {now or '(empty)'}")
    return lines


def _population_changes(old: Dataset, new: Dataset) -> list[str]:
    lines = []
    for kuntanumero, city in new.records.items():
        was = old.records.get(kuntanumero)
        if was is None:
            continue
        if (was["population"], was["population_date"]) != (city["population"], city["population_date"]):
            lines.append(
                f"{_city(new, kuntanumero)}: population {was['population']:,} ({was['population_date']}) -> "
                f"{city['population']:,} ({city['population_date']})"
            )
        if was["population_source"] != city["population_source"]:
            lines.append(f"{_city(new, kuntanumero)}: population source changed")
    if old.finland != new.finland:
        lines.append(
            f"Finland: population {old.finland.population:,} ({old.finland.date}) -> "
            f"{new.finland.population:,} ({new.finland.date})"
        )
    return lines


def _event(dataset: Dataset, event: HistoryEvent) -> str:
    city = f" {_city(dataset, event.city)}" if event.city else ""
    return f"{event.date} {event.programme_id} {event.kind}{city}: {event.text.en} [{event.source_url}]"


def _history_changes(old: Dataset, new: Dataset) -> list[str]:
    before, after = set(old.history), set(new.history)
    return [f"history: added {_event(new, e)}" for e in new.history if e not in before] + [
        f"history: removed {_event(old, e)}" for e in old.history if e not in after
    ]


def _upkeep_changes(old: Dataset, new: Dataset) -> list[str]:
    lines = [f"checked: {old.checked} -> {new.checked}"] if old.checked != new.checked else []
    if old.members_page != new.members_page:
        lines.append(
            f"members page: {old.members_page.url} ({', '.join(old.members_page.programme_ids)}) -> "
            f"{new.members_page.url} ({', '.join(new.members_page.programme_ids)})"
        )
    before = {entry.url: entry for entry in old.fingerprints}
    for entry in new.fingerprints:
        was = before.pop(entry.url, None)
        if was is None:
            lines.append(f"fingerprint: recorded for {entry.url} ({entry.taken})")
        elif was != entry:
            change = "the same text" if was.fingerprint == entry.fingerprint else "the text changed"
            lines.append(f"fingerprint: {entry.url}: {was.taken} -> {entry.taken}, {change}")
    lines += [f"fingerprint: removed for {url}" for url in sorted(before)]
    return lines
