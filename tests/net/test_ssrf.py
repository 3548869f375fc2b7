"""The SSRF rule: which addresses a user-supplied URL may reach."""

from __future__ import annotations

import socket

import pytest

from spidernest.config import NetSettings
from spidernest.errors import TargetRefused
from spidernest.net import Fetcher
from spidernest.net.ssrf import check_url, is_public_address
from tests.net.local_http import LocalHTTP, html, serve, text


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("192.168.0.1", False),
        ("169.254.169.254", False),
        ("::1", False),
        ("::ffff:127.0.0.1", False),
        ("fe80::1", False),
        ("224.0.0.1", False),
        ("2606:4700:4700::1111", True),
    ],
)
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public_address(address) is public


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/", "http:///nohost"])
def test_only_http_urls_with_a_host(url: str) -> None:
    with pytest.raises(TargetRefused):
        check_url(url)


def _loopback_name() -> str:
    """This machine's host name when it resolves to loopback (as /etc/hosts usually says)."""
    name = socket.gethostname()
    try:
        address = socket.gethostbyname(name)
    except OSError:
        pytest.skip("the host name does not resolve")
    if not address.startswith("127."):
        pytest.skip("the host name does not resolve to loopback")
    return name


async def test_names_resolving_to_loopback_are_refused_at_connect_time() -> None:
    name = _loopback_name()
    with serve(LocalHTTP(routes={"/": html(), "/robots.txt": text(404, "")})) as peer:
        url = f"http://{name}:{peer.port}/"  # a name, not a literal: checked when resolved
        async with Fetcher(NetSettings(retries=0)) as fetcher:
            with pytest.raises(TargetRefused):
                await fetcher.fetch(url, respect_robots=False)
        async with Fetcher(NetSettings(allow_private_networks=True)) as fetcher:
            assert (await fetcher.fetch(url)).status == 200
    assert peer.hits("/") == 1
