"""Visible text flattened from markup."""

from __future__ import annotations

from spidernest.services.site.extract.text import flatten_html


def test_scripts_styles_and_comments_are_dropped() -> None:
    markup = (
        "<head><title>T</title></head><body><script>var a='x@y.com'</script>"
        "<style>p{}</style><!-- hidden@acme.de --><p>Hello&nbsp;<b>World</b></p></body>"
    )
    assert flatten_html(markup) == "Hello World"


def test_blocks_become_lines_and_inline_tags_join() -> None:
    markup = "<div>Call</div><div>us</div><p>in<span>fo</span>@acme.de<br>Berlin</p>"
    assert flatten_html(markup) == "Call\nus\ninfo@acme.de\nBerlin"


def test_entities_are_decoded_after_tags_are_gone() -> None:
    assert flatten_html("<p>&lt;b&gt;not a tag&lt;/b&gt; &#64;</p>") == "<b>not a tag</b> @"
