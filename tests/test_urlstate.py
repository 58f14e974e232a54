"""The address as state: good links restore the view, hostile ones are ignored and never raise."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

import pytest

from kpmap.filters import Selection
from kpmap.urlstate import NO_PROGRAMMES, Ignored, View, parse_query, plain, to_query

ALL = frozenset({"c6", "vitality", "growth", "east", "regional"})


def parse(query: str, dataset) -> View:
    """Parse a query string the way a browser hands it over (percent-decoded, repeated keys kept)."""
    return parse_query(parse_qs(query, keep_blank_values=True, errors="replace"), dataset)


GOOD = [
    ("", View("fi", Selection(ALL))),
    ("lang=sv", View("sv", Selection(ALL))),
    ("lang=en&city=091", View("en", Selection(ALL, city="091"))),
    ("programme=c6", View("fi", Selection(frozenset({"c6"})))),
    ("programme=c6&programme=east", View("fi", Selection(frozenset({"c6", "east"})))),
    ("programme=none", View("fi", Selection(frozenset()))),
    ("region=Uusimaa", View("fi", Selection(ALL, region="Uusimaa"))),
    ("region=P%C3%A4ij%C3%A4t-H%C3%A4me", View("fi", Selection(ALL, region="Päijät-Häme"))),
    (
        "lang=sv&programme=growth&region=Kymenlaakso&city=285",
        View("sv", Selection(frozenset({"growth"}), "Kymenlaakso", "285")),
    ),
    ("utm_source=newsletter&fbclid=abc", View("fi", Selection(ALL))),
    ("show=circles", View("fi", Selection(ALL), show="circles")),
    ("show=areas&lang=en", View("en", Selection(ALL), show="areas")),
]


@pytest.mark.parametrize(("query", "expected"), GOOD, ids=[q or "empty" for q, _ in GOOD])
def test_good_links_restore_the_view(dataset, query, expected):
    """Each parameter sets its part of the view; unrelated parameters are left alone."""
    assert parse(query, dataset) == expected


# (query string, parameters that must be reported as ignored)
HOSTILE = [
    ("lang=de", ["lang"]),
    ("lang=", ["lang"]),
    ("lang=FI", ["lang"]),
    ("programme=c7", ["programme"]),
    ("programme=C6", ["programme"]),
    ("programme=c6&programme=nope", ["programme"]),
    ("programme=", ["programme"]),
    ("region=Atlantis", ["region"]),
    ("region=uusimaa", ["region"]),
    ("city=91", ["city"]),
    ("city=999", ["city"]),
    ("city=091%00", ["city"]),
    ("city=<script>alert(1)</script>", ["city"]),
    ("region=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", ["region"]),
    ("lang=%22%3E%3Csvg%20onload%3Dalert(1)%3E", ["lang"]),
    ("programme=" + "x" * 100_000, ["programme"]),
    ("city=" + "9" * 5000, ["city"]),
    ("city=%FF%FE%FD", ["city"]),
    ("region=%C3%28", ["region"]),
    ("lang=sv&lang=en", ["lang"]),
    ("city=091&city=092", ["city"]),
    ("programme=c6&programme=c6", []),
    ("city=[object Object]&region=__proto__", ["city", "region"]),
    ("lang=javascript:alert(1)", ["lang"]),
    ("%00=%00&lang=%0A", ["lang"]),
    ("region=Uusimaa%0D%0ASet-Cookie:%20x=1", ["region"]),
    ("&&&=&==&lang", ["lang"]),
    ("show=points", ["show"]),
    ("show=Circles", ["show"]),
    ("show=circles&show=areas", ["show"]),
]


@pytest.mark.parametrize(("query", "ignored"), HOSTILE, ids=[q[:40] for q, _ in HOSTILE])
def test_hostile_links_are_ignored_with_a_notice_and_never_raise(dataset, query, ignored):
    """Unknown, malformed, huge or repeated values give a working view and a notice per bad value."""
    view = parse(query, dataset)
    assert view.lang in ("fi", "sv", "en")
    assert view.selection.programmes <= ALL
    assert view.selection.city is None or view.selection.city in dataset.cities.index
    assert sorted(item.param for item in view.ignored) == sorted(ignored)
    for item in view.ignored:
        assert len(item.value) <= 41
        assert not set(item.value) & set("<>\"'`&;:/\\\x00\r\n[]()=%")


def test_first_valid_value_wins_when_a_key_repeats(dataset):
    """lang=sv&lang=en keeps Swedish and reports English as ignored."""
    view = parse("lang=sv&lang=en", dataset)
    assert view.lang == "sv"
    assert view.ignored == (Ignored("lang", "en"),)


def test_plain_cuts_and_cleans_values():
    """A value for a notice keeps letters and digits, loses markup, and is cut at 40 characters."""
    assert plain("Päijät-Häme") == "Päijät-Häme"
    assert plain("<b>x</b>") == "?b?x??b?"
    assert plain("a" * 100) == "a" * 40 + "…"


WRITE = [
    (View("fi", Selection(ALL)), {}),
    (View("sv", Selection(ALL)), {"lang": "sv"}),
    (View("fi", Selection(frozenset({"east", "c6"}))), {"programme": ["c6", "east"]}),
    (View("fi", Selection(frozenset())), {"programme": NO_PROGRAMMES}),
    (View("en", Selection(ALL, region="Uusimaa", city="091")), {"lang": "en", "region": "Uusimaa", "city": "091"}),
    (View("fi", Selection(ALL), show="circles"), {"show": "circles"}),
    (View("fi", Selection(ALL), show="areas"), {}),
]


@pytest.mark.parametrize(("view", "query"), WRITE)
def test_view_is_written_to_the_address_with_defaults_left_out(dataset, view, query):
    """The address names only what differs from the default view, programmes in display order."""
    assert to_query(view, dataset) == query


@pytest.mark.parametrize("view", [view for view, _ in WRITE])
def test_written_address_reads_back_as_the_same_view(dataset, view):
    """Writing a view to the address and reading it back gives the same view."""
    assert parse(urlencode(to_query(view, dataset), doseq=True), dataset) == view
