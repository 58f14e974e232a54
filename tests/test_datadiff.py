"""`python -m kpmap diff OLD NEW`: one line per change between two data directories, exit 1; 0 when equal."""

from __future__ import annotations

from kpmap import BUNDLED_DATA_DIR
from kpmap.cli import main

DATA = str(BUNDLED_DATA_DIR)
JOINED = "2026-12-01,growth,joined,444,Lohja liittyy,Lojo ansluter sig,Lohja joins,https://tem.fi/kaupunkipolitiikka-temaattiset-kumppanuudet,the page names Lohja\n"
LEFT = "2026-12-01,growth,left,205,Kajaani eroaa,Kajana lämnar,Kajaani leaves,https://tem.fi/kaupunkipolitiikka-temaattiset-kumppanuudet,the page no longer names Kajaani\n"


def lohja_for_kajaani(data_copy) -> None:
    """The copy as the data would be after Kajaani left the growth cities and Lohja joined them."""
    data_copy.edit_memberships(
        lambda rows: [
            r.update(kuntanumero="444") for r in rows if r["programme_id"] == "growth" and r["kuntanumero"] == "205"
        ]
    )
    data_copy.edit_cities(
        lambda doc: doc.update(features=[f for f in doc["features"] if f["properties"]["kuntanumero"] != "205"])
    )
    data_copy.edit_cities(
        lambda doc: [
            f["properties"].update(population=700000)
            for f in doc["features"]
            if f["properties"]["kuntanumero"] == "091"
        ]
    )
    with (data_copy.path / "history.csv").open("a", encoding="utf-8") as file:
        file.write(JOINED + LEFT)
    data_copy.replace_in("sources.toml", 'checked = "2026-11-29"', 'checked = "2026-12-01"')


def test_diff_names_each_change(data_copy, capsys):
    """Lohja in for Kajaani, Helsinki's population, two events, the checked date: a line each, exit 1."""
    lohja_for_kajaani(data_copy)
    assert main(["diff", DATA, str(data_copy.path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "growth: Lohja (444) joined",
        "growth: Kajaani (205) left",
        "Helsinki (091): population 694,392 (2025-12-31) -> 700,000 (2025-12-31)",
        "history: added 2026-12-01 growth joined Lohja (444): Lohja joins [https://tem.fi/kaupunkipolitiikka-temaattiset-kumppanuudet]",
        "history: added 2026-12-01 growth left Kajaani (205): Kajaani leaves [https://tem.fi/kaupunkipolitiikka-temaattiset-kumppanuudet]",
        "checked: 2026-11-29 -> 2026-12-01",
    ]


def test_diff_the_other_way_round_reverses_each_change(data_copy, capsys):
    """From the changed copy back to data: joined becomes left, added becomes removed."""
    lohja_for_kajaani(data_copy)
    assert main(["diff", str(data_copy.path), DATA]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["growth: Kajaani (205) joined", "growth: Lohja (444) left"]
    assert sum(line.startswith("history: removed 2026-12-01 growth") for line in lines) == 2


def test_sources_and_fingerprints_are_compared(data_copy, capsys):
    """A membership's new source and a fingerprint recorded: one line each."""
    data_copy.edit_memberships(lambda rows: rows[0].update(source_url="https://example.org/c6", source_date="2026"))
    with (data_copy.path / "sources.toml").open("a", encoding="utf-8") as file:
        file.write(
            '[[source]]\nurl = "https://example.org/c6"\nfingerprint = "sha256:'
            + "a" * 64
            + '"\ntaken = "2026-12-02"\n'
        )
    assert main(["diff", DATA, str(data_copy.path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "c6: Helsinki (091): source_url https://tem.fi/kaupunkipolitiikka-temaattiset-kumppanuudet -> https://example.org/c6",
        "c6: Helsinki (091): source_date (empty) -> 2026",
        "fingerprint: recorded for https://example.org/c6 (2026-12-02)",
    ]


def test_the_same_data_has_no_differences(data_copy, capsys):
    """Two copies of the same data: one line saying so, exit 0."""
    assert main(["diff", DATA, str(data_copy.path)]) == 0
    assert capsys.readouterr().out == f"no differences between {DATA} and {data_copy.path}\n"


def test_invalid_data_is_listed_and_exits_2(data_copy, capsys):
    """A directory that does not validate: its problems, exit 2."""
    data_copy.replace_in("history.csv", "2024,c6,started", "2024,c6,begun")
    assert main(["diff", DATA, str(data_copy.path)]) == 2
    assert capsys.readouterr().out.startswith("history.csv:4: event: must be one of")
