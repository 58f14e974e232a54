"""Text from the data shown through Markdown stays text."""

from __future__ import annotations

import pytest

from kpmap.ui.markup import plain_markdown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("![x](https://t.invalid/p.png)", "\\!\\[x\\](https\\://t.invalid/p.png)"),
        ("[link](javascript:alert(1))", "\\[link\\](javascript\\:alert(1))"),
        ("**bold** _it_ `code`", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\`"),
        (":red[alarm] :material/home:", "\\:red\\[alarm\\] \\:material/home\\:"),
        ("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)\\>"),
        ("Kuuden suurimman kaupungin (C6), 40 000–100 000", "Kuuden suurimman kaupungin (C6), 40 000–100 000"),
    ],
)
def test_plain_markdown_escapes_what_markdown_would_act_on(text, shown):
    """Links, images, emphasis, code, Streamlit colours and icons, and markup are escaped; plain text is kept."""
    assert plain_markdown(text) == shown
