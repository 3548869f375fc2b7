"""Whether a fetched page is rendered by JavaScript in the browser (and so needs Chromium).

A page is client-rendered when its visible text is almost empty and something says a script
will fill it: an empty mount point (``#root``, ``#app``, ``#__next``, ``<app-root>``), a
framework marker (React, Vue, Angular, Next, Nuxt, Svelte, Gatsby, Ember, Wix, Squarespace,
Shopify, Webflow), a "please enable JavaScript" notice, or simply script bundles and no text.
"""

from __future__ import annotations

import re

__all__ = ["looks_client_rendered"]

_MOUNT_POINTS = re.compile(
    r"<(?:div|main|section|body)\b[^>]*\bid=[\"']?(?:root|app|__next|__nuxt|___gatsby|svelte|"
    r"q-app|main-app|application|ember-application)[\"'\s>]|<app-root\b|\bng-version=|"
    r"\bdata-reactroot\b|\bdata-server-rendered\b|\bdata-v-app\b",
    re.IGNORECASE,
)
_FRAMEWORKS = re.compile(
    r"__NEXT_DATA__|__NUXT__|window\.__INITIAL_STATE__|/_next/static/|/_nuxt/|react-dom|"
    r"vue(?:\.runtime)?(?:\.min)?\.js|angular|svelte|gatsby|ember|static\.wixstatic\.com|"
    r"squarespace|cdn\.shopify\.com|webflow|vite/client|type=[\"']module[\"']",
    re.IGNORECASE,
)
_ENABLE_JS = re.compile(
    r"enable javascript|javascript (?:is )?(?:required|disabled)|activate javascript|"
    r"javascript aktivieren|activer javascript|habilita javascript|abilita javascript",
    re.IGNORECASE,
)
_SCRIPT_SRC = re.compile(r"<script\b[^>]*\bsrc=", re.IGNORECASE)
# Below this many characters of visible text a page says nothing a person could read; a
# server-rendered page of even a tiny company has a menu, a heading and a footer above it.
_ALMOST_EMPTY = 200


def looks_client_rendered(markup: str, visible_text: str) -> bool:
    """Whether ``markup`` (with ``visible_text`` already extracted) needs a browser to render."""
    text_length = len(visible_text)
    if text_length >= 1_000:
        return False
    if _ENABLE_JS.search(visible_text) and text_length < 600:
        return True
    if text_length >= _ALMOST_EMPTY:
        return False
    return bool(
        _MOUNT_POINTS.search(markup) or _FRAMEWORKS.search(markup) or _SCRIPT_SRC.search(markup)
    )
