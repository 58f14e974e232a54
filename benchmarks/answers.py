"""Requests to other hosts never leave the machine: the benchmark's browser gets them answered here,
and counted (tiles apart from the rest)."""

from __future__ import annotations

import re
import struct
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

FOREIGN = re.compile(r"^(https?|wss?)://(?!(127\.0\.0\.1|localhost)(:\d+)?/)")
TILE = re.compile(r"/\d+/\d+/\d+(@2x)?\.(png|jpg|jpeg|webp)(\?.*)?$")
JQUERY_COPIES = [Path("/usr/share/javascript/jquery/jquery.min.js")]
# Enough of jQuery for folium's popups, `$(html)[0]`, if no copy of jQuery is installed.
JQUERY_SHIM = (
    "window.jQuery = window.$ = function (html) { const t = document.createElement('template');"
    " t.innerHTML = String(html).trim(); return Array.from(t.content.childNodes); };"
)


def blank_png(size: int = 256) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x00" * (size * 4) for _ in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


class LocalAnswers:
    """Answers every request to another host from this machine, and counts them."""

    def __init__(self) -> None:
        import xstatic.pkg.leaflet as xstatic_leaflet

        self.leaflet = Path(xstatic_leaflet.BASE_DIR)
        self.jquery = next((p for p in JQUERY_COPIES if p.is_file()), None)
        self.png = blank_png()

    def handle(self, route: Any, counts: Counter[str]) -> None:
        path = route.request.url.split("?", 1)[0]
        if TILE.search(path):
            counts["tile"] += 1
            route.fulfill(status=200, body=self.png, content_type="image/png")
            return
        counts["foreign"] += 1
        self._fulfil_foreign(route, path)

    def _fulfil_foreign(self, route: Any, path: str) -> None:
        name = path.rsplit("/", 1)[-1]
        if "leaflet" in path and name in ("leaflet.js", "leaflet.css"):
            route.fulfill(path=str(self.leaflet / name))
        elif "jquery" in name and name.endswith(".js"):
            if self.jquery is not None:
                route.fulfill(path=str(self.jquery), content_type="application/javascript")
            else:
                route.fulfill(status=200, body=JQUERY_SHIM, content_type="application/javascript")
        elif name.endswith(".js"):
            route.fulfill(status=200, body="", content_type="application/javascript")
        elif name.endswith(".css"):
            route.fulfill(status=200, body="", content_type="text/css")
        else:
            route.fulfill(status=204, body="")
