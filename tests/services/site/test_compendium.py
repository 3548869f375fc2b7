"""Compendium building: levels, duplicate blocks, order, size."""

from __future__ import annotations

from spidernest.services.site.compendium import (
    CompendiumPage,
    build_compendium,
    estimate_tokens,
    page_markdown,
)
from spidernest.services.site.extract.text import flatten_html

ARTICLE = (
    "<html><head><title>About</title></head><body><nav><a href='/'>Home</a> <a href='/x'>X</a>"
    "</nav><main><h1>About us</h1>"
    + "".join(
        f"<p>Paragraph {n} tells the long story of our company. See <a href='/p{n}'>details</a>"
        " for more. It goes on.</p>"
        for n in range(8)
    )
    + "</main><footer>Footer text</footer></body></html>"
)


def _markdown(level: str) -> str:
    return page_markdown(
        ARTICLE,
        "https://acme.de/about",
        text=flatten_html(ARTICLE),
        level=level,
        priority_sections=["main"],
    )


def test_levels() -> None:
    raw, fit, cited, minimal = (
        _markdown(level) for level in ("raw", "fit", "citations", "minimal")
    )
    assert "Home" in raw
    assert "Footer text" in raw
    assert "Footer text" not in fit
    assert "Paragraph 7" in fit
    assert "](" not in fit
    assert "[1]" in cited
    assert "[1]: https://acme.de/p0" in cited
    assert len(minimal) < len(fit)
    assert "It goes on." not in minimal


def test_duplicates_order_separator_and_cut() -> None:
    pages = [
        CompendiumPage("https://acme.de/", "Home", "# Welcome\n\nShared footer block\n\nHome text"),
        CompendiumPage("https://acme.de/kontakt", "Kontakt", "Shared footer block\n\nCall us"),
        CompendiumPage("https://acme.de/x", "X", "Shared footer block"),
    ]
    document = build_compendium(
        pages, separator="\n---\n", max_chars=10_000, remove_duplicates=True
    )
    assert document.count("Shared footer block") == 1
    assert document.index("Home text") < document.index("Call us")
    assert "https://acme.de/x" not in document  # nothing new on that page
    assert document.count("\n---\n") == 1
    kept = build_compendium(pages, separator="\n---\n", max_chars=10_000, remove_duplicates=False)
    assert kept.count("Shared footer block") == 3
    short = build_compendium(pages, separator="\n---\n", max_chars=60, remove_duplicates=True)
    assert len(short) <= 60
    assert estimate_tokens("x" * 10) == 3
