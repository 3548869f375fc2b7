"""Visible text of an HTML page, flattened fast enough to run on every page.

Regexes over the raw markup, not a DOM walk: scripts, styles and comments are dropped, inline
tags vanish without a space (so ``info<span>@</span>acme.de`` reads as one address), links,
block tags and line breaks become separators, and entities are decoded last (so ``&lt;`` cannot
open a tag). Every pattern is linear in the page size.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

__all__ = ["flatten_html", "line_spans"]

_DROPPED = re.compile(
    r"<!--.*?-->|<(script|style|svg|template|head|object|iframe)\b[^>]*>.*?</\1\s*>",
    re.DOTALL | re.IGNORECASE,
)
# Inline elements that sites use to split an address across tags; removed without a gap.
_INLINE = re.compile(
    r"</?(?:span|b|strong|i|em|font|small|u|sup|sub|bdi|bdo|wbr|mark|abbr|code|cite|q|s|"
    r"del|ins|kbd|samp|var|data)\b[^>]*>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(r"<[^>]{0,2000}>")
_BLOCK_TAG = re.compile(
    r"<(?:br|/?p|/?div|/?li|/?ul|/?ol|/?tr|/?td|/?th|/?h[1-6]|/?section|/?article|/?footer|"
    r"/?header|/?nav|/?address|/?table|/?dd|/?dt|/?dl|/?blockquote|/?pre|/?main|/?aside|"
    r"/?form|/?button|/?option)\b[^>]*>",
    re.IGNORECASE,
)


def flatten_html(markup: str) -> str:
    """The page's visible text: one line per block, runs of spaces collapsed, entities decoded."""
    text = _DROPPED.sub(" ", markup)
    text = _INLINE.sub("", text)
    text = _BLOCK_TAG.sub("\n", text)
    text = _ANY_TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    if "\u200b" in text:
        text = text.replace("\u200b", "")
    if "\u00ad" in text:
        text = text.replace("\u00ad", "")
    # str.split() collapses every kind of Unicode space (NBSP, thin and ideographic spaces …)
    # several times faster than a regex, which tests a character class at every position.
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join([line for line in lines if line])


def line_spans(text: str, positions: Iterable[int]) -> Iterator[tuple[int, int, int]]:
    """Each line of ``text`` that holds one of the ascending ``positions``, once.

    Yields ``(first position on the line, line start, line end)``. No contact spans a line
    (a line is a block of the page), so the costly patterns need run only on these lines.
    """
    line_end = -1
    for position in positions:
        if position < line_end:
            continue
        line_start = text.rfind("\n", 0, position) + 1
        line_end = text.find("\n", position)
        if line_end < 0:
            line_end = len(text)
        yield position, line_start, line_end
