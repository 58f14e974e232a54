"""A visitor without a browser: speaks Streamlit's own websocket protocol with its protobuf classes.

GET /_stcore/health sets the XSRF cookie; the websocket /_stcore/stream is opened with the
subprotocols `streamlit` and the cookie's token, as Streamlit's frontend does. A run is one
`BackMsg.rerun_script` (the address's query string, the page's hash, every widget's state) followed by
the `ForwardMsg`s up to `script_finished`. The elements of the last run are kept by their delta path, so
a check can read the page as the browser would show it.
"""

from __future__ import annotations

import asyncio
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState, ContextInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from websockets.asyncio.client import ClientConnection, connect

XSRF_COOKIE = "_streamlit_xsrf"
FINISHED_OK = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
# The widgets whose values this client keeps and sends back; others keep their server-side value.
BOOL_WIDGETS = ("checkbox", "toggle")


class ProtocolError(Exception):
    """The server answered in a way a browser would show as broken (or not at all)."""


@dataclass
class Run:
    """One script run as the client saw it."""

    elements: dict[tuple[int, ...], Any] = field(default_factory=dict)
    started: float = 0.0
    first_element_s: dict[str, float] = field(default_factory=dict)  # element kind -> s after the request
    finished_s: float = 0.0
    received_bytes: int = 0
    exceptions: list[str] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Any]:
        """The elements of one kind (`checkbox`, `component_instance`, `markdown`, ...), in page order."""
        return [getattr(e, kind) for _, e in sorted(self.elements.items()) if e.WhichOneof("type") == kind]


def health_cookies(base_url: str, cookies: dict[str, str], timeout: float) -> dict[str, str]:
    """GET /_stcore/health with the cookies the visitor has; those it has then (the XSRF cookie, and a
    load balancer's sticky-session cookie if there is one), as the browser would store them."""
    request = urllib.request.Request(f"{base_url}/_stcore/health", headers={"Cookie": cookie_header(cookies)})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        jar = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar.load(header)
    found = {**cookies, **{name: morsel.value for name, morsel in jar.items()}}
    if XSRF_COOKIE not in found:
        raise ProtocolError("/_stcore/health set no XSRF cookie")
    return found


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


class Session:
    """One visitor's websocket session with the app at base_url (http://127.0.0.1:PORT)."""

    def __init__(self, base_url: str, timeout: float = 30.0, cookies: dict[str, str] | None = None) -> None:
        self.base_url, self.timeout = base_url, timeout
        self.cookies = dict(cookies or {})
        self.ws: ClientConnection | None = None
        self.page_hash = ""
        self.widgets: dict[str, WidgetState] = {}
        self.last = Run()

    async def connect(self) -> None:
        self.cookies = await asyncio.to_thread(health_cookies, self.base_url, self.cookies, self.timeout)
        ws_url = self.base_url.replace("http", "ws", 1) + "/_stcore/stream"
        self.ws = await connect(
            ws_url,
            subprotocols=["streamlit", self.cookies[XSRF_COOKIE]],  # type: ignore[list-item]
            additional_headers={"Cookie": cookie_header(self.cookies), "Origin": self.base_url},
            max_size=None,
            open_timeout=self.timeout,
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    async def run(self, query_string: str = "", changed: dict[str, WidgetState] | None = None) -> Run:
        """Ask for a rerun with every widget's state (and the changed ones), read until it has finished."""
        if self.ws is None:
            raise ProtocolError("not connected")
        states = {**self.widgets, **(changed or {})}
        message = BackMsg(
            rerun_script=ClientState(
                query_string=query_string,
                page_script_hash=self.page_hash,
                widget_states=WidgetStates(widgets=list(states.values())),
                context_info=ContextInfo(timezone="Europe/Helsinki", locale="fi-FI", url=self.base_url + "/"),
            )
        )
        run = Run(started=time.perf_counter())
        await self.ws.send(message.SerializeToString())
        async with asyncio.timeout(self.timeout):
            while not await self._read_one(run):
                pass
        self.widgets = {**states, **self._widget_values(run)}
        self.widgets = {k: v for k, v in self.widgets.items() if k in self._widget_ids(run)}
        self.last = run
        return run

    async def _read_one(self, run: Run) -> bool:
        """Read one ForwardMsg into the run; True when the run has finished."""
        assert self.ws is not None
        raw = await self.ws.recv()
        data = raw if isinstance(raw, bytes) else raw.encode()
        run.received_bytes += len(data)
        msg = ForwardMsg()
        msg.ParseFromString(data)
        kind = msg.WhichOneof("type")
        if kind == "navigation":
            self.page_hash = msg.navigation.page_script_hash
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._note_element(run, tuple(msg.metadata.delta_path), msg.delta.new_element)
        elif kind == "script_finished":
            run.finished_s = time.perf_counter() - run.started
            if msg.script_finished != FINISHED_OK:
                raise ProtocolError(f"the run ended with status {msg.script_finished}")
            return True
        return False

    @staticmethod
    def _note_element(run: Run, path: tuple[int, ...], element: Any) -> None:
        kind = element.WhichOneof("type")
        run.elements[path] = element
        run.first_element_s.setdefault(kind, time.perf_counter() - run.started)
        if kind == "exception":
            run.exceptions.append(f"{element.exception.type}: {element.exception.message}"[:300])

    @staticmethod
    def _widget_ids(run: Run) -> set[str]:
        ids = set()
        for element in run.elements.values():
            widget = getattr(element, element.WhichOneof("type"))
            if isinstance(getattr(widget, "id", None), str) and widget.id:
                ids.add(widget.id)
        return ids

    def _widget_values(self, run: Run) -> dict[str, WidgetState]:
        """The values the browser would now hold: what the server set, else what it had, else the default."""
        values = {}
        for kind in BOOL_WIDGETS:
            for widget in run.of_kind(kind):
                known = self.widgets.get(widget.id)
                value = widget.value if widget.set_value else (known.bool_value if known else widget.default)
                values[widget.id] = WidgetState(id=widget.id, bool_value=value)
        return values
