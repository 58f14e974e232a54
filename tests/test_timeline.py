"""The partnerships' timeline and the list of what changed, both made from the data's history."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from kpmap.i18n import date, t
from kpmap.model import LANGS, HistoryEvent, Localized
from kpmap.timeline import changes, timeline_svg

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("lang", LANGS)
def test_what_changed_lists_every_event_newest_first(dataset, lang):
    """Every event of history.csv is one line, newest first, with its date in the language and its source."""
    listed = changes(dataset, lang)
    assert len(listed) == len(dataset.history) > 0
    assert [change.number for change in listed] == list(range(len(listed), 0, -1))
    assert sorted(change.source_url for change in listed) == sorted(e.source_url for e in dataset.history)
    first = max(dataset.history, key=lambda event: event.date.ljust(10, "9"))
    assert listed[0].when == date(first.date, lang) and listed[0].what == first.text[lang]
    assert listed[-1].when == date(min(e.date for e in dataset.history), lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_timeline_has_a_row_per_programme_and_a_dot_per_event(dataset, lang):
    """One group per programme, labelled in the language, and one dot per event titled with its date and text."""
    svg = ET.fromstring(timeline_svg(dataset, lang))
    rows = svg.findall(f"{SVG}g")
    assert [row.find(f"{SVG}text").text for row in rows] == [p.short_name[lang] for p in dataset.programmes]
    titles = [title.text for title in svg.iter(f"{SVG}title")]
    assert len(titles) == len(dataset.history)
    for change in changes(dataset, lang):
        assert f"{change.number}. {change.when}: {change.what}" in titles
    numbers = sorted(int(text.text) for text in svg.iter(f"{SVG}text") if text.get("font-weight") == "700")
    assert numbers == list(range(1, len(dataset.history) + 1))
    assert svg.get("aria-label") == t("timeline_heading", lang)


def test_a_started_programme_has_a_band_from_its_start(dataset):
    """A programme with a `started` event gets a band from that event on; one without gets none."""
    svg = ET.fromstring(timeline_svg(dataset, "en"))
    started = {e.programme_id for e in dataset.history if e.kind == "started"}
    assert started, "the test needs a started programme"
    for programme, row in zip(dataset.programmes, svg.findall(f"{SVG}g"), strict=True):
        bands = row.findall(f"{SVG}rect")
        assert len(bands) == (1 if programme.id in started else 0), programme.id


def test_a_city_joining_is_named_and_data_text_stays_text(dataset):
    """A joined or left event names the city (from its municipality's area when it is not on the map); a
    hostile text is escaped in the chart and kept as written in the list."""
    hostile = "<script>alert(1)</script> & co"
    text = Localized(hostile, hostile, hostile)
    known = HistoryEvent("2026-06-01", "growth", "joined", "734", text, "https://example.org", "")
    gone = HistoryEvent("2026-05-01", "growth", "left", "009", text, "https://example.org", "")
    changed = replace(dataset, history=(*dataset.history, known, gone))
    markup = timeline_svg(changed, "fi")
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    newest, second = changes(changed, "fi")[:2]
    assert newest.what == f"Salo: {t('event_joined', 'fi')}. {hostile}"
    assert "009" not in dataset.records, "the test needs a municipality that is not on the map"
    assert second.what == f"Alavieska: {t('event_left', 'fi')}. {hostile}"
