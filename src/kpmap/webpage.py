"""Read a web page or a saved copy of one, within a time limit and a size cap, and see what it says.

Only the standard library: `http.client` fetches, every read waiting only for the time that is left;
redirects are reported, not followed (a source that moved should be updated in the data). `html.parser`
reads the visible text and the headings. The fingerprint of a page is a sha256 of its visible text with
whitespace normalised, so a change of markup alone does not count as a change of the page.
"""

from __future__ import annotations

import hashlib
import http.client
import re
import ssl
import time
import urllib.parse
from dataclasses import dataclass
from email.message import Message
from html.parser import HTMLParser
from pathlib import Path

MAX_BYTES = 5 * 1024 * 1024
_CHUNK = 64 * 1024
_HIDDEN = {"script", "style", "noscript", "template", "head", "title", "svg"}
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_READABLE = ("text/html", "application/xhtml+xml", "text/plain")
_USER_AGENT = "kpmap-check-sources (checks that kpmap's sources still say the same)"


class PageError(Exception):
    """The page could not be had; the message says why, in a few words."""


@dataclass(frozen=True)
class Block:
    """A run of the page's visible text: a heading (level 1-6) or the text between headings (level 0)."""

    level: int
    text: str


def normalise(text: str) -> str:
    """Whitespace collapsed to single spaces, trimmed."""
    return " ".join(text.split())


class _TextParser(HTMLParser):
    """Collects the visible text, split into blocks at each heading."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._hidden = 0
        self._heading = 0
        self._parts: list[str] = []

    def _flush(self, level: int) -> None:
        text = normalise(" ".join(self._parts))
        self._parts = []
        if text or level:
            self.blocks.append(Block(level, text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in _HEADINGS and not self._hidden:
            self._flush(0)
            self._heading = int(tag[1])

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _HEADINGS and self._heading:
            self._flush(self._heading)
            self._heading = 0

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._parts.append(data)

    def close(self) -> None:
        super().close()
        self._flush(self._heading)


def blocks(html: str) -> list[Block]:
    """The page's visible text as headings and the text between them, in order."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return parser.blocks


def visible_text(html: str) -> str:
    """All the text a reader sees, whitespace normalised."""
    return normalise(" ".join(block.text for block in blocks(html)))


def fingerprint(text: str) -> str:
    """'sha256:<hex>' of the text with whitespace normalised."""
    return "sha256:" + hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Page:
    """What an address or a file gave: its text (HTML or plain), and whether it is HTML."""

    source: str
    text: str
    is_html: bool

    @property
    def visible(self) -> str:
        return visible_text(self.text) if self.is_html else normalise(self.text)


def is_address(source: str) -> bool:
    return re.match(r"https?://", source, re.IGNORECASE) is not None


def read_page(source: str, timeout: float, limit: int = MAX_BYTES) -> Page:
    """The page at an http(s) address or in a file; PageError says why it cannot be had."""
    if is_address(source):
        return fetch(source, timeout, limit)
    path = Path(source)
    try:
        with path.open("rb") as file:
            content = file.read(limit + 1)
    except OSError as error:
        raise PageError(f"cannot read the file: {error.strerror or error}") from error
    if len(content) > limit:
        raise PageError(f"larger than {limit // (1024 * 1024)} MB, not read")
    is_html = path.suffix.lower() in (".html", ".htm") or b"<" in content[:4096]
    return Page(source, content.decode("utf-8", errors="replace"), is_html)


def fetch(url: str, timeout: float, limit: int = MAX_BYTES) -> Page:
    """GET the address: within `timeout` seconds in all, at most `limit` bytes, no redirects followed."""
    deadline = time.monotonic() + timeout
    try:
        parts = urllib.parse.urlsplit(url)
        connection = _connection(parts, timeout)
    except ValueError as error:
        raise PageError(f"cannot be reached: {error}") from error
    try:
        target = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
        connection.request("GET", target, headers={"User-Agent": _USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
        answer = connection.getresponse()
        content_type = _usable(answer, url)
        content = _read_capped(answer, connection, deadline, limit, timeout)
        return Page(url, content.decode(_charset(answer.headers), errors="replace"), content_type != "text/plain")
    except TimeoutError as error:
        raise PageError(f"no answer within {timeout:g} s") from error
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise PageError(_network_problem(error)) from error
    finally:
        connection.close()


def _connection(parts: urllib.parse.SplitResult, timeout: float) -> http.client.HTTPConnection:
    """An unopened connection to the address's host; ValueError for an address without one."""
    if not parts.hostname:
        raise ValueError("no host given")
    port = parts.port  # ValueError when out of range
    if parts.scheme.lower() == "https":
        return http.client.HTTPSConnection(parts.hostname, port, timeout=timeout, context=ssl.create_default_context())
    return http.client.HTTPConnection(parts.hostname, port, timeout=timeout)


def _usable(answer: http.client.HTTPResponse, url: str) -> str:
    """The answer's content type, if it is a page to read; PageError for a redirect, an error or a file."""
    if 300 <= answer.status < 400:
        location = answer.headers.get("Location", "")
        target = urllib.parse.urljoin(url, location) if location else "an address it does not name"
        raise PageError(f"moved: redirects ({answer.status}) to {target}")
    if answer.status >= 400:
        raise PageError(f"answers {answer.status} {answer.reason}")
    content_type = answer.headers.get_content_type()
    if content_type not in _READABLE:
        raise PageError(f"answers with {content_type}, not a web page")
    return content_type


def _read_capped(
    answer: http.client.HTTPResponse,
    connection: http.client.HTTPConnection,
    deadline: float,
    limit: int,
    timeout: float,
) -> bytes:
    """The body, read in chunks until it ends, passes `limit` bytes or the deadline passes: each read
    waits only for the time that is left."""
    declared = answer.headers.get("Content-Length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise PageError(f"is {int(declared):,} bytes, larger than the {limit // (1024 * 1024)} MB read")
    chunks: list[bytes] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise PageError(f"not read in full within {timeout:g} s")
        if connection.sock is not None:
            connection.sock.settimeout(left)
        chunk = answer.read1(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise PageError(f"is larger than the {limit // (1024 * 1024)} MB read")
        chunks.append(chunk)


def _charset(headers: Message) -> str:
    charset = headers.get_content_charset() or "utf-8"
    try:
        "".encode(charset)
    except LookupError:
        return "utf-8"
    return charset


def _network_problem(reason: Exception) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return f"cannot be reached: {reason.strerror}"
    return f"cannot be reached: {reason or type(reason).__name__}"
