"""Scripts for the map's own folium elements, added to the page as they are.

branca's MacroElement compiles each piece of text it renders (header, html, script) as a new Jinja
template before using it as plain text; for the map, rebuilt on every script run of every visitor,
those compilations were the largest part of a run's CPU time (benchmarks/README.md, "One process").
kpmap's own elements (`ScriptElement`) and its Map add their texts as they are (`render_as_text`).
"""

from __future__ import annotations

import json
from typing import Any

from branca.element import Element, Figure, MacroElement


def to_json(value: Any) -> str:
    """Compact JSON that is safe inside a <script> element: no "</script>" or "<!--" can appear,
    and the escapes keep the same meaning. (str.replace: on a tooltip's properties, 0.4 µs against
    str.translate's 6 µs.)"""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")


class ReadyText(Element):
    """Text that goes into the page as it is. branca's Element compiles the text it is given as a
    Jinja template, which for a layer's ~100 KB of shapes costs more than building the layer."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


def render_as_text(element: MacroElement, **kwargs: Any) -> None:
    """What MacroElement.render does, without compiling the texts its macros make: each of the
    element's header, html and script goes into the page as ready text; then its children render."""
    figure = element.get_root()
    assert isinstance(figure, Figure), "a map element is rendered inside a folium Figure"
    macros = element._template.module.__dict__
    for part in ("header", "html", "script"):
        if part in macros:
            getattr(figure, part).add_child(ReadyText(macros[part](element, kwargs)), name=element.get_name())
    for child in element._children.values():
        # A child with MacroElement's own render (folium's ElementAddToElement, for one) is made the same way.
        if isinstance(child, MacroElement) and type(child).render is MacroElement.render:
            render_as_text(child, **kwargs)
        else:
            child.render(**kwargs)


class ScriptElement(MacroElement):
    """A MacroElement of kpmap's own, added to the page without compiling its texts."""

    # branca's hints give Element.render's str to MacroElement.render too, which returns nothing.
    def render(self, **kwargs: Any) -> None:  # type: ignore[override]
        render_as_text(self, **kwargs)
