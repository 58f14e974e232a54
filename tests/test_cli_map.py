"""`python -m kpmap map`: writes PNG, SVG or PDF by the file's suffix; bad arguments exit 2 with one line
and no file; bad data exits 1 with every problem."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from kpmap.cli import main
from kpmap.i18n import t


def run(*args):
    """main() in this process, with argparse's own exits turned into their code."""
    try:
        return main(["map", *map(str, args)])
    except SystemExit as stop:
        return stop.code


def test_writes_an_svg_with_the_chosen_view(dataset, tmp_path, capsys):
    """Language, programmes, region and city reach the picture; the output names the file."""
    city = dataset.cities.iloc[0]
    out = tmp_path / "map.svg"
    code = run("--lang", "en", "--programme", *city["programmes"], "--region", city["maakunta"],
               "--city", city.name, "--show", "circles", "-o", out)  # fmt: skip
    assert code == 0, capsys.readouterr().err
    text = " ".join("".join(e.itertext()) for e in ET.fromstring(out.read_bytes()).iter())
    assert t("legend", "en") in text and city["name_fi"] in text and city["maakunta"] in text
    assert str(out) in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]  # no temporary file left behind


@pytest.mark.parametrize(("suffix", "magic"), [(".png", b"\x89PNG"), (".PDF", b"%PDF")])
def test_format_follows_the_suffix(tmp_path, suffix, magic):
    """.png gives a PNG and .PDF (any case) a PDF."""
    out = tmp_path / f"map{suffix}"
    assert run("-o", out) == 0
    assert out.read_bytes().startswith(magic)


BAD_ARGUMENTS = [
    (["--programme", "nope"], "--programme"),
    (["--programme", "c6", "--programme", "nope"], "--programme"),
    (["--region", "Atlantis"], "--region"),
    (["--city", "999"], "--city"),
    (["--city", "91"], "--city"),
    (["--lang", "de"], "--lang"),
    (["--show", "dots"], "--show"),
    (["--output-missing"], "unrecognized"),
]


@pytest.mark.parametrize(("args", "named"), BAD_ARGUMENTS)
def test_bad_arguments_exit_2_with_one_line_and_no_file(tmp_path, capsys, args, named):
    """Unknown programme, region, city, language or mode: exit 2, one line naming it, nothing written."""
    out = tmp_path / "map.png"
    assert run(*args, "-o", out) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and named in err, err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["map.gif", "map", "map.png.txt"])
def test_unknown_suffix_exits_2(tmp_path, capsys, name):
    """A file name that does not end in .png, .svg or .pdf: exit 2, no file."""
    assert run("-o", tmp_path / name) == 2
    assert ".png, .svg, .pdf" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_missing_output_exits_2(capsys):
    """Without -o there is nowhere to write: exit 2 and one line saying -o is required."""
    assert run("--lang", "en") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "-o/--output" in err


def test_unwritable_place_exits_2(tmp_path, capsys):
    """A missing directory, a file in place of a directory, or a directory as the target: exit 2, one line."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for out in (tmp_path / "missing" / "map.png", blocker / "map.png", tmp_path):
        target = out if out != tmp_path else tmp_path / "dir.png"
        if out == tmp_path:
            target.mkdir()
        assert run("-o", target) == 2, target
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and str(target) in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir.png", "file"]
    assert list((tmp_path / "dir.png").iterdir()) == []


def test_bad_data_exits_1_with_every_problem(data_copy, tmp_path, capsys):
    """Broken data: the validate lines on stdout, exit 1, no file."""
    data_copy.replace_in("programmes.toml", '"#D55E00"', '"orange"')
    out = tmp_path / "out" / "map.png"
    out.parent.mkdir()
    assert run("--data", data_copy.path, "-o", out) == 1
    assert "programmes.toml:programme 2: colour: must be a colour as #RRGGBB, got 'orange'" in capsys.readouterr().out
    assert not out.exists()


def test_existing_file_is_replaced_whole(tmp_path):
    """Writing over an earlier picture replaces it (through a temporary file beside it)."""
    out = tmp_path / "map.svg"
    out.write_text("old")
    assert run("-o", out) == 0
    ET.fromstring(out.read_bytes())
