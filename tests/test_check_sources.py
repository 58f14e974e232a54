"""`python -m kpmap check-sources`: the members page against the data, and every cited address, over a real
local HTTP server (127.0.0.1 only): exact lines, exit codes, time limits and the size cap."""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kpmap import load_dataset
from kpmap.cli import main
from kpmap.webpage import fingerprint, visible_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_PAGE = FIXTURES / "tem_temaattiset_kumppanuudet.html"
SEED_HTML = SEED_PAGE.read_text(encoding="utf-8")
AGREES = "agrees: the page names the same cities as the data for c6, vitality, growth, east\n"
HUGE = 10 * 1024 * 1024
OK_PAGE = "<html><body><h1>Page {}</h1><p>It says what the data says.</p></body></html>"
STALLS = {"/slow": 3, "/slower": 6}  # seconds before the answer


class Handler(BaseHTTPRequestHandler):
    """/tem the seed page; /ok/NAME a small page; /missing 404; /moved a redirect; /slow waits 3 s, /slower 6;
    /trickle sends a little every 0.2 s for 5 s;
    /huge 10 MB declared, /huge-undeclared 10 MB without a length; /pdf a PDF."""

    def do_GET(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client stops reading /huge
            self._answer()

    def _answer(self) -> None:
        path = self.path
        if path in STALLS:
            time.sleep(STALLS[path])
        if path == "/missing":
            return self.send_error(404, "Not Found")
        if path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/tem")
            self.end_headers()
            return None
        if path == "/trickle":
            return self._trickle()
        if path.startswith("/huge"):
            return self._huge(declared=path == "/huge")
        body = SEED_HTML if path in ("/tem", *STALLS) else OK_PAGE.format(path)
        kind = "application/pdf" if path == "/pdf" else "text/html; charset=utf-8"
        self._send(body.encode("utf-8"), kind)
        return None

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _trickle(self) -> None:
        """A page that arrives a few bytes at a time, over 5 s: each read gets something, the whole never."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        for _ in range(25):
            self.wfile.write(b"<p>x</p>\n")
            self.wfile.flush()
            time.sleep(0.2)

    def _huge(self, declared: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if declared:
            self.send_header("Content-Length", str(HUGE))
        self.end_headers()
        block = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
        for _ in range(HUGE // len(block)):
            self.wfile.write(block)

    def log_message(self, format: str, *args: object) -> None:
        pass


class Server(ThreadingHTTPServer):
    request_queue_size = 64  # check-sources opens several connections at once
    daemon_threads = True


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A local server on a free port of 127.0.0.1; its base address."""
    httpd = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def run(capsys, *args: str) -> tuple[int, list[str], str]:
    code = main(["check-sources", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_the_seed_page_agrees_with_the_data(capsys):
    """The seed text, as a page, names exactly the members the data has: one line, exit 0."""
    code, lines, _ = run(capsys, "--page", str(SEED_PAGE))
    assert (code, lines) == (0, [AGREES.strip()])


def test_one_growth_city_removed_and_one_added_gives_exactly_those_two_lines(tmp_path, capsys):
    """Kajaani dropped and Lohja named in its place: two lines, exit 1."""
    altered = tmp_path / "altered.html"
    altered.write_text(SEED_HTML.replace("Hyvinkää ja Kajaani", "Hyvinkää ja Lohja"), encoding="utf-8")
    code, lines, err = run(capsys, "--page", str(altered))
    assert code == 1
    assert lines == [
        "growth: the page names Lohja, the data does not",
        "growth: the data has Kajaani, the page does not",
    ]
    assert err == ""


def test_cities_named_in_the_genitive_are_compared_too(tmp_path, capsys):
    """The vitality list is in the genitive: Lahden replaced by Kemin is Kemi in and Lahti out."""
    altered = tmp_path / "altered.html"
    altered.write_text(SEED_HTML.replace("Kuopion ja Lahden", "Kuopion ja Kemin"), encoding="utf-8")
    code, lines, _ = run(capsys, "--page", str(altered))
    assert (code, lines) == (
        1,
        ["vitality: the page names Kemi, the data does not", "vitality: the data has Lahti, the page does not"],
    )


def test_a_missing_heading_is_named_and_exits_2(tmp_path, capsys):
    """A page without the growth heading cannot be compared: one line naming the heading, exit 2."""
    altered = tmp_path / "altered.html"
    altered.write_text(SEED_HTML.replace("Keskisuurten kasvukaupunkien", "Kasvukaupunkien"), encoding="utf-8")
    code, lines, _ = run(capsys, "--page", str(altered))
    assert code == 2
    assert lines == [f'the page {altered} has no heading "Keskisuurten kasvukaupunkien kumppanuus" (growth)']


def test_a_heading_in_text_that_is_not_a_heading_does_not_count(tmp_path, capsys):
    """The programmes' names as plain paragraphs are no headings: exit 2, every heading named."""
    flat = tmp_path / "flat.html"
    flat.write_text(re.sub(r"<(/?)h[12]>", r"<\1p>", SEED_HTML), encoding="utf-8")
    code, lines, _ = run(capsys, "--page", str(flat))
    assert code == 2 and len(lines) == 1
    assert all(f"({pid})" in lines[0] for pid in ("c6", "vitality", "growth", "east"))


def test_a_page_file_that_is_not_there_exits_2(tmp_path, capsys):
    """A bad --page path: one line saying the file cannot be read, exit 2, no traceback."""
    code, lines, _ = run(capsys, "--page", str(tmp_path / "nowhere.html"))
    assert (code, lines) == (
        2,
        [f"cannot read the page {tmp_path / 'nowhere.html'}: cannot read the file: No such file or directory"],
    )


def test_the_page_over_http_agrees(server, capsys):
    """The same page from the local server: agrees, exit 0."""
    assert run(capsys, "--page", f"{server}/tem")[:2] == (0, [AGREES.strip()])


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/missing", "answers 404 Not Found"),
        ("/moved", "moved: redirects (301) to {server}/tem"),
        ("/huge", "is 10,485,760 bytes, larger than the 5 MB read"),
        ("/huge-undeclared", "is larger than the 5 MB read"),
        ("/pdf", "answers with application/pdf, not a web page"),
    ],
)
def test_a_members_page_that_cannot_be_used_exits_2_with_one_line(server, capsys, path, expected):
    """404, a redirect, 10 MB, a PDF: one line saying which, exit 2."""
    code, lines, _ = run(capsys, "--page", f"{server}{path}")
    assert (code, lines) == (2, [f"cannot read the page {server}{path}: {expected.format(server=server)}"])


def timed(capsys, *args: str) -> tuple[float, tuple[int, list[str], str]]:
    """How long the command took beyond loading the data (timed by a run on the saved page), and its result."""
    started = time.monotonic()
    run(capsys, "--page", str(SEED_PAGE))
    baseline, started = time.monotonic() - started, time.monotonic()
    result = run(capsys, *args)
    return time.monotonic() - started - baseline, result


def test_a_slow_page_gives_up_after_the_timeout(server, capsys):
    """A server that stalls 3 s, with --timeout 1: exit 2 'no answer within 1 s', after about 1 s."""
    took, (code, lines, _) = timed(capsys, "--page", f"{server}/slow", "--timeout", "1")
    assert took < 2.0
    assert (code, lines) == (2, [f"cannot read the page {server}/slow: no answer within 1 s"])


def test_a_page_that_trickles_in_is_cut_off_at_the_timeout(server, capsys):
    """A body that keeps coming slowly for 5 s, with --timeout 1: exit 2 'not read in full within 1 s', after about 1 s."""
    took, (code, lines, _) = timed(capsys, "--page", f"{server}/trickle", "--timeout", "1")
    assert took < 2.0
    assert (code, lines) == (2, [f"cannot read the page {server}/trickle: not read in full within 1 s"])


def test_an_address_where_nothing_listens_exits_2(capsys):
    """Nothing on the port: 'cannot be reached', exit 2."""
    code, lines, _ = run(capsys, "--page", "http://127.0.0.1:9/page", "--timeout", "2")
    assert code == 2 and lines[0].startswith("cannot read the page http://127.0.0.1:9/page: cannot be reached")


@pytest.mark.parametrize("address", ["http://[::1", "https://", "http://127.0.0.1:99999/"])
def test_a_malformed_address_is_one_line_and_exit_2_in_a_process(address):
    """As a process: an address that cannot even be parsed or dialled gives one line, exit 2, no traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "kpmap", "check-sources", "--page", address, "--timeout", "2"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert result.stdout.startswith(f"cannot read the page {address}: ") and result.stdout.count("\n") == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("value", ["0", "-1", "soon", "601"])
def test_a_bad_timeout_is_a_usage_error(value, capsys):
    """--timeout takes seconds above 0, up to 600; anything else exits 2 with one line."""
    with pytest.raises(SystemExit) as exit_:
        main(["check-sources", "--timeout", value])
    assert exit_.value.code == 2
    assert "--timeout: expected seconds" in capsys.readouterr().err


def localise(data_copy, server: str, paths: dict[str, str]) -> dict[str, str]:
    """Point every address in the copy's files at the local server: those in `paths` at the path given,
    the rest at /ok/N. Returns the new address of each original."""
    texts = {name: (data_copy.path / name).read_text(encoding="utf-8") for name in ("partnerships.csv",
             "programmes.toml", "history.csv", "sources.toml")}  # fmt: skip
    urls = sorted({url for text in texts.values() for url in re.findall(r"https?://[^\s,\"'\])]+", text)})
    new = {url: server + paths.get(url, f"/ok/{number}") for number, url in enumerate(urls)}
    pattern = re.compile("|".join(re.escape(url) for url in sorted(urls, key=len, reverse=True)))
    for name, text in texts.items():
        (data_copy.path / name).write_text(pattern.sub(lambda m: new[m.group(0)], text), encoding="utf-8")
    return new


def test_every_cited_address_is_read_and_each_problem_is_one_line(data_copy, server, capsys):
    """Without --page: the members page and every other address; 404, redirect, stall, PDF, a changed and an
    unchanged fingerprint; each difference one line, exit 1, all within about the timeout."""
    tem = "https://tem.fi/kaupunkipolitiikka-temaattiset-kumppanuudet"
    new = localise(data_copy, server, {
        tem: "/tem",
        "https://tem.fi/en/-/minister-ikonen-government-to-launch-a-new-partnership-with-cities": "/missing",
        "https://eurocities.eu/stories/finlands-strategic-city-government-alliance-is-driving-national-growth/": "/slower",
        "https://www.lohja.fi/ajankohtaiset/seutukaupunkien-vetovoimatutkimus-2022/": "/pdf",
        "https://www.kuntaliitto.fi/kuntaliitto/palvelut/verkostot-ja-tapahtumat/kuntaliiton-keskeisimmat-verkostot": "/moved",
        "https://loviisa.fi/ajankohtaista/seutukaupungit-entista-tunnetumpia-ja-houkuttelevampia-suurten-kaupunkien-asukkaille": "/ok/same",
        "https://www.forssa.fi/uutiset/?newsid=2706&newstitle=Forssa+mukana+vetovoimatutkimuksessa": "/ok/changed",
    })  # fmt: skip
    same = fingerprint(visible_text(OK_PAGE.format("/ok/same")))
    now = fingerprint(visible_text(OK_PAGE.format("/ok/changed")))
    with (data_copy.path / "sources.toml").open("a", encoding="utf-8") as file:
        file.write(f'[[source]]\nurl = "{server}/ok/same"\nfingerprint = "{same}"\ntaken = "2026-11-01"\n')
        file.write(
            f'[[source]]\nurl = "{server}/ok/changed"\nfingerprint = "sha256:{"0" * 64}"\ntaken = "2026-11-02"\n'
        )
        file.write(
            f'[[source]]\nurl = "{new[tem]}"\nfingerprint = "{fingerprint(visible_text(SEED_HTML))}"\ntaken = "2026-11-03"\n'
        )
    took, (code, lines, _) = timed(capsys, "--data", str(data_copy.path), "--timeout", "2")
    assert took < 4.5  # the 6 s stall is cut off at 2 s
    assert code == 1
    assert sorted(lines) == sorted([
        f"{server}/missing: answers 404 Not Found",
        f"{server}/moved: moved: redirects (301) to {server}/tem",
        f"{server}/ok/changed: the text changed since 2026-11-02; it is now {now}",
        f"{server}/pdf: answers with application/pdf, not a web page",
        f"{server}/slower: no answer within 2 s",
    ])  # fmt: skip


def test_when_every_address_answers_the_summary_counts_them(data_copy, server, capsys):
    """All addresses answer, one with a matching fingerprint: the agree line and a summary, exit 0."""
    new = localise(data_copy, server, {"https://tem.fi/kaupunkipolitiikka-temaattiset-kumppanuudet": "/tem"})
    same = fingerprint(visible_text(SEED_HTML))
    with (data_copy.path / "sources.toml").open("a", encoding="utf-8") as file:
        file.write(f'[[source]]\nurl = "{server}/tem"\nfingerprint = "{same}"\ntaken = "2026-11-01"\n')
    code, lines, _ = run(capsys, "--data", str(data_copy.path), "--timeout", "5", "--fingerprints")
    cited = len(load_dataset(data_copy.path).cited_urls())
    assert cited == len(set(new.values())) > 30
    assert code == 0
    assert lines[:2] == [
        AGREES.strip(),
        f"sources: all {cited} addresses the data cites answer; 1 with a recorded fingerprint unchanged",
    ]
    assert lines.count("[[source]]") == cited and f'fingerprint = "{same}"' in lines


def test_the_fingerprint_ignores_markup_and_hidden_text():
    """Same words in other markup, or with a script added, give the same fingerprint; other words do not."""
    plain = fingerprint(visible_text("<p>Pori,  Kouvola\n ja Vaasa</p>"))
    assert fingerprint(visible_text("<div><b>Pori,</b> Kouvola ja <i>Vaasa</i></div><script>x()</script>")) == plain
    assert fingerprint(visible_text("<p>Pori, Kouvola ja Kotka</p>")) != plain
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", plain)


def test_invalid_data_is_listed_and_exits_2(data_copy, capsys):
    """Data that does not validate cannot be compared: its problems, exit 2."""
    data_copy.replace_in("sources.toml", 'checked = "2026-11-29"', 'checked = "soon"')
    code, lines, _ = run(capsys, "--data", str(data_copy.path), "--page", str(SEED_PAGE))
    assert (code, lines) == (2, ["sources.toml: checked: must be a date as YYYY-MM-DD, got 'soon'"])
