"""One benchmark visit of a target in a fresh browser context: time to map, messages on pan and zoom,
and the filter change (timed, in place or not). Times are in the browser's own clock."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from benchmarks.answers import FOREIGN, LocalAnswers
from benchmarks.targets import Target
from devtools.devserver import MAP_FRAME

WAIT_MS = 60_000
SETTLE_MS = 1_500
VIEW_JS = "() => { const c = window.map.getCenter(); return [c.lat, c.lng, window.map.getZoom()]; }"

# Runs in the top window before the page's scripts. It watches the documents of the page and of
# every same-origin frame (found again on each animation frame, since a frame's document is replaced
# when it loads) and notes, in absolute milliseconds (timeOrigin + now), every change of the total
# number of Leaflet vector markers; it also notes every pointerdown (the start of a click on a filter).
INIT_SCRIPT = """
(() => {
  if (window !== window.top) { return; }
  const now = () => performance.timeOrigin + performance.now();
  const kp = window.__kp = {hist: [], downs: [], first: {}, idle: []};
  document.addEventListener('pointerdown', () => kp.downs.push(now()), true);
  // Streamlit marks its app element with the run's state; "notRunning" follows the end of each run.
  new MutationObserver((changes) => {
    for (const c of changes) {
      if (c.target.getAttribute(c.attributeName) === 'notRunning') { kp.idle.push(now()); }
    }
  }).observe(document, {attributes: true, attributeFilter: ['data-test-script-state'], subtree: true});
  const observed = new WeakSet();
  let last = -1;
  const documents = (win, out) => {
    try { out.push(win.document); } catch (e) { return out; }
    for (let i = 0; i < win.frames.length; i++) { documents(win.frames[i], out); }
    return out;
  };
  const check = () => {
    let n = 0;
    for (const doc of documents(window, [])) {
      if (!observed.has(doc)) {
        observed.add(doc);
        new MutationObserver(check).observe(doc, {childList: true, subtree: true});
      }
      n += doc.querySelectorAll('path.leaflet-interactive').length;
    }
    if (n === last) { return; }
    last = n;
    const t = now();
    kp.hist.push([t, n]);
    if (!(n in kp.first)) { kp.first[n] = t; }
  };
  const tick = () => { check(); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})();
"""


@dataclass
class Visit:
    """One visit's figures; None where a figure could not be taken."""

    map_ms: float | None = None
    filter_ms: float | None = None
    settled_ms: float | None = None
    same_document: bool | None = None
    view_kept: bool | None = None
    pan_msgs: int | None = None
    zoom_msgs: int | None = None
    ws_bytes: int | None = None
    iframe_ms: float | None = None
    load_msgs: int | None = None
    foreign: int = 0
    tiles: int = 0
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Socket:
    """Websocket payload sizes the page received and sent."""

    received: list[int] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)

    def watch(self, ws: Any) -> None:
        ws.on("framereceived", lambda p: self.received.append(len(p.encode() if isinstance(p, str) else p)))
        ws.on("framesent", lambda p: self.sent.append(len(p.encode() if isinstance(p, str) else p)))


def map_frame(page: Any, target: Target) -> Any:
    if not target.streamlit:
        return page.main_frame
    frame = page.locator(MAP_FRAME).element_handle(timeout=WAIT_MS).content_frame()
    if frame is None:
        raise RuntimeError("the map iframe has no document")
    return frame


def map_box(page: Any, target: Target) -> dict[str, float]:
    box = page.locator(MAP_FRAME if target.streamlit else "#map").bounding_box(timeout=WAIT_MS)
    if box is None:
        raise RuntimeError("the map is not on screen")
    return dict(box)


def sent_during(page: Any, sent: list[int], action: Callable[[], None]) -> int:
    before = len(sent)
    action()
    page.wait_for_timeout(SETTLE_MS)
    return len(sent) - before


def time_to_map(page: Any, target: Target, socket: Socket, result: Visit) -> None:
    """First moment all markers are in the DOM, from the navigation's start."""
    page.goto(target.url, wait_until="commit")
    page.wait_for_function(
        "n => window.__kp && (n in window.__kp.first)", arg=target.markers, polling="raf", timeout=WAIT_MS
    )
    result.ws_bytes = sum(socket.received) if target.streamlit else None
    drawn, origin = page.evaluate(f"() => [window.__kp.first[{target.markers}], performance.timeOrigin]")
    result.map_ms = drawn - origin
    if target.streamlit:  # when the map's iframe document started (after the page and script got to it)
        result.iframe_ms = map_frame(page, target).evaluate("() => performance.timeOrigin") - origin


def pan_and_zoom(page: Any, target: Target, socket: Socket, result: Visit) -> None:
    """One drag, then one wheel zoom, on the map: the messages they send to the server."""
    page.wait_for_timeout(SETTLE_MS)
    result.load_msgs = len(socket.sent) if target.streamlit else None
    box = map_box(page, target)
    start = (box["x"] + 60, box["y"] + 120)

    def pan() -> None:
        page.mouse.move(*start)
        page.mouse.down()
        page.mouse.move(start[0] + 150, start[1] + 100, steps=10)
        page.mouse.up()

    def zoom() -> None:
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, -240)

    result.pan_msgs = sent_during(page, socket.sent, pan)
    result.zoom_msgs = sent_during(page, socket.sent, zoom)
    if not target.streamlit:
        result.pan_msgs = result.zoom_msgs = None  # no server to send to


def filter_change(page: Any, target: Target, result: Visit) -> None:
    """Untick the growth programme: time until the remaining markers are drawn, whether the map's
    document and view survived, and when the run it started ended."""
    frame = map_frame(page, target)
    frame.evaluate("() => { window.__kpProbe = 'same document'; }")
    view_before = frame.evaluate(VIEW_JS)
    mark = page.evaluate("() => window.__kp.hist.length")
    target.click_filter(page)
    page.wait_for_function(
        "([i, n]) => window.__kp.hist.slice(i).some((h) => h[1] === n)",
        arg=[mark, target.filtered],
        polling="raf",
        timeout=WAIT_MS,
    )
    done, downs = page.evaluate(
        f"() => [window.__kp.hist.slice({mark}).find((h) => h[1] === {target.filtered})[0], window.__kp.downs]"
    )
    clicked = max(d for d in downs if d <= done)
    result.filter_ms = done - clicked
    page.wait_for_timeout(SETTLE_MS)  # anything that happens after the first draw (reloads) counts
    if target.streamlit:
        ended = [t - clicked for t in page.evaluate("() => window.__kp.idle") if t > clicked]
        result.settled_ms = min(ended) if ended else None
    frame = map_frame(page, target)
    result.same_document = frame.evaluate("() => window.__kpProbe === 'same document'")
    view_after = frame.evaluate(VIEW_JS)
    result.view_kept = all(abs(a - b) < 1e-9 for a, b in zip(view_before, view_after, strict=True))
    final = len(page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive").all()) if target.streamlit else 0
    if target.streamlit and final != target.filtered:
        result.extra["final_markers"] = final


def visit(browser: Any, target: Target, answers: LocalAnswers) -> Visit:
    """One visit in a fresh context; an error is recorded in the result, and the other visits go on."""
    result = Visit()
    counts: Counter[str] = Counter()
    socket = Socket()
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        context.add_init_script(INIT_SCRIPT)
        context.route(FOREIGN, lambda route: answers.handle(route, counts))
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)
        page.on("websocket", socket.watch)
        time_to_map(page, target, socket, result)
        pan_and_zoom(page, target, socket, result)
        filter_change(page, target, result)
    except Exception as error:  # one failed visit is reported, the others go on
        result.error = f"{type(error).__name__}: {str(error).splitlines()[0][:160]}"
    finally:
        result.foreign, result.tiles = counts["foreign"], counts["tile"]
        context.close()
    return result
