"""Which pages need a browser."""

from __future__ import annotations

from spidernest.services.site.extract.text import flatten_html
from spidernest.services.site.spa import looks_client_rendered


def _check(markup: str) -> bool:
    return looks_client_rendered(markup, flatten_html(markup))


def test_empty_mount_points_need_rendering() -> None:
    assert _check('<html><body><div id="root"></div><script src="/app.js"></script></body></html>')
    assert _check('<html><body><div id="__next"></div></body></html>')
    assert _check("<html><body><app-root></app-root></body></html>")
    assert _check(
        "<body><noscript>You need to enable JavaScript to run this app.</noscript></body>"
    )


def test_server_rendered_pages_do_not() -> None:
    text = "<p>" + "Real content about our company and services. " * 30 + "</p>"
    assert not _check(
        f'<html><body><div id="root">{text}</div><script src="/a.js"></script></body></html>'
    )
    assert not _check(
        "<html><body><h1>Hi</h1><p>Small static page without scripts.</p></body></html>"
    )
