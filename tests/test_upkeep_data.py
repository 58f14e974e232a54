"""The data's own upkeep: its history of dated events, the day it was last checked, and the warning
`validate` gives when that day is long past."""

from __future__ import annotations

import datetime

import pytest

from kpmap import load_dataset
from kpmap.cli import main
from kpmap.model import EVENT_KINDS, HistoryEvent, Localized


def test_the_history_is_typed_and_sorted_oldest_first(dataset):
    """Every event is a HistoryEvent with texts in three languages and a source, sorted by date then programme."""
    assert dataset.history and all(isinstance(event, HistoryEvent) for event in dataset.history)
    order = {p.id: p.order for p in dataset.programmes}
    keys = [(e.date, order[e.programme_id], EVENT_KINDS.index(e.kind), e.city or "") for e in dataset.history]
    assert keys == sorted(keys)
    for event in dataset.history:
        assert isinstance(event.text, Localized) and all(event.text[lang] for lang in ("fi", "sv", "en"))
        assert event.source_url.startswith(("http://", "https://")) and event.source_note


def test_each_programme_starts_once_in_the_history_where_a_start_is_known(dataset):
    """c6, growth and regional have a start date; no programme starts twice."""
    started = [event.programme_id for event in dataset.history if event.kind == "started"]
    assert sorted(started) == ["c6", "growth", "regional"]


def test_programme_dates_are_the_programme_wide_events_of_the_history(dataset):
    """Programme.dates, which the pages show, is drawn from the history: its events without a city."""
    for programme in dataset.programmes:
        events = [(e.date, e.text) for e in dataset.history if e.programme_id == programme.id and e.city is None]
        assert [(d.date, d.text) for d in programme.dates] == events
    assert [d.date for d in dataset.by_id["c6"].dates] == ["2023-01-31", "2023-09-01", "2024"]


def test_a_city_that_joined_is_in_the_history_with_its_number(data_copy):
    """A joined event names the city by kuntanumero; it is kept, in its place by date."""
    row = {"programme_id": "growth", "kuntanumero": "444", "source_url": "https://tem.fi/", "source_date": "2026-12-01"}
    data_copy.edit_memberships(lambda rows: rows.append({**row, "source_note": "the page names Lohja"}))
    with (data_copy.path / "history.csv").open("a", encoding="utf-8") as file:
        file.write("2026-12-01,growth,joined,444,Lohja liittyy,Lojo ansluter sig,Lohja joins,https://tem.fi/,x\n")
    last = load_dataset(data_copy.path).history[-1]
    assert (last.date, last.programme_id, last.kind, last.city, last.text.sv) == (
        "2026-12-01",
        "growth",
        "joined",
        "444",
        "Lojo ansluter sig",
    )


def test_a_city_may_leave_and_join_again(data_copy):
    """Helsinki left c6 and joined again later: the latest event agrees with partnerships.csv, so it is valid."""
    with (data_copy.path / "history.csv").open("a", encoding="utf-8") as file:
        file.write("2025-01,c6,left,091,a,b,c,https://tem.fi/,x\n2025-06,c6,joined,091,a,b,c,https://tem.fi/,x\n")
    assert [e.kind for e in load_dataset(data_copy.path).history if e.city == "091"] == ["left", "joined"]


def test_the_data_says_when_it_was_last_checked_and_which_page_lists_members(dataset):
    """checked is a date; the members page is TEM's, for the four programmes it lists."""
    assert datetime.date.fromisoformat(dataset.checked) <= datetime.date.today()
    assert dataset.members_page.url == "https://tem.fi/kaupunkipolitiikka-temaattiset-kumppanuudet"
    assert dataset.members_page.programme_ids == ("c6", "vitality", "growth", "east")


def test_validate_warns_when_the_last_check_is_old_but_still_exits_0(data_copy, capsys):
    """checked in 2020: the summary line, a warning on stderr naming the day and the limit, exit 0."""
    data_copy.replace_in("sources.toml", 'checked = "2026-11-29"', 'checked = "2020-01-01"')
    assert main(["validate", str(data_copy.path)]) == 0
    out, err = capsys.readouterr()
    days = (datetime.date.today() - datetime.date(2020, 1, 1)).days
    assert out.startswith(f"{data_copy.path}: valid:")
    assert err.startswith(f"warning: the data was last checked against its sources on 2020-01-01, {days} days ago")
    assert "(more than 180)" in err and "check-sources" in err


@pytest.mark.parametrize(
    ("age", "limit", "warned"), [(0, "180", False), (181, "180", True), (30, "29", True), (30, "30", False)]
)
def test_max_age_days_sets_the_limit(data_copy, capsys, age, limit, warned):
    """Older than --max-age-days warns; that age or younger does not."""
    day = (datetime.date.today() - datetime.timedelta(days=age)).isoformat()
    data_copy.replace_in("sources.toml", 'checked = "2026-11-29"', f'checked = "{day}"')
    assert main(["validate", str(data_copy.path), "--max-age-days", limit]) == 0
    assert ("warning:" in capsys.readouterr().err) is warned


@pytest.mark.parametrize("value", ["-1", "half a year", "1.5"])
def test_a_bad_max_age_is_a_usage_error(value, capsys):
    """--max-age-days takes a whole number of days: anything else exits 2."""
    with pytest.raises(SystemExit) as exit_:
        main(["validate", "--max-age-days", value])
    assert exit_.value.code == 2
    assert "expected a whole number of days" in capsys.readouterr().err
