"""The fetch pipeline end to end: layer order, redirects, retries, caps, error translation."""

from __future__ import annotations

import pytest

from spidernest.config import NetSettings
from spidernest.errors import FetchError, FetchTimeout, TargetRefused
from spidernest.net import Fetcher, FetchLimits
from spidernest.net.client import LAYERS
from tests.net.local_http import LocalHTTP, html, serve, text

SETTINGS = NetSettings(allow_private_networks=True, retry_backoff=0.01)


def test_layer_order_is_the_documented_one() -> None:
    assert [name for name, _ in LAYERS] == [
        "redirects", "guard", "robots", "politeness", "retries",
    ]  # fmt: skip


async def test_redirects_are_followed_and_recorded() -> None:
    routes = {
        "/robots.txt": text(404, ""),
        "/old": lambda hit: (301, {"Location": "/new"}, b""),
        "/new": html("<html>new</html>"),
    }
    with serve(LocalHTTP(routes=routes)) as peer:
        async with Fetcher(SETTINGS) as fetcher:
            response = await fetcher.fetch(peer.base + "/old")
    assert response.url == peer.base + "/new"
    assert response.history == (peer.base + "/old",)
    assert response.text == "<html>new</html>"


async def test_redirect_loops_end_in_an_error() -> None:
    routes = {"/robots.txt": text(404, ""), "/loop": lambda hit: (302, {"Location": "/loop"}, b"")}
    with serve(LocalHTTP(routes=routes)) as peer:
        async with Fetcher(SETTINGS) as fetcher:
            with pytest.raises(FetchError, match="too many redirects"):
                await fetcher.fetch(peer.base + "/loop")


async def test_429_and_503_are_retried_then_returned() -> None:
    routes = {
        "/robots.txt": text(404, ""),
        "/busy": lambda hit: (503, {}, b"busy") if hit < 3 else (200, {}, b"ok"),
        "/always": lambda hit: (429, {"Retry-After": "0"}, b"slow down"),
    }
    with serve(LocalHTTP(routes=routes)) as peer:
        async with Fetcher(SETTINGS) as fetcher:
            assert (await fetcher.fetch(peer.base + "/busy")).status == 200
            assert (await fetcher.fetch(peer.base + "/always")).status == 429
    assert peer.hits("/busy") == 3
    assert peer.hits("/always") == SETTINGS.retries + 1


async def test_body_is_capped_at_max_bytes() -> None:
    routes = {"/robots.txt": text(404, ""), "/big": html("x" * 100_000)}
    with serve(LocalHTTP(routes=routes)) as peer:
        async with Fetcher(SETTINGS) as fetcher:
            response = await fetcher.fetch(peer.base + "/big", limits=FetchLimits(max_bytes=1_000))
    assert response.truncated is True
    assert len(response.content) == 1_000


async def test_slow_pages_time_out() -> None:
    routes = {"/robots.txt": text(404, ""), "/slow": html()}
    with serve(LocalHTTP(routes=routes, delay=0.5)) as peer:
        async with Fetcher(SETTINGS) as fetcher:
            with pytest.raises(FetchTimeout):
                await fetcher.fetch(
                    peer.base + "/slow",
                    limits=FetchLimits(read_timeout=0.1, total_timeout=0.2),
                    respect_robots=False,
                    retries=0,
                )


async def test_connection_refused_is_a_fetch_error() -> None:
    async with Fetcher(NetSettings(allow_private_networks=True, retries=0)) as fetcher:
        with pytest.raises(FetchError):
            await fetcher.fetch("http://127.0.0.1:9/", respect_robots=False)


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:9/", "http://10.0.0.1/", "http://[::1]:9/", "http://localhost:9/"]
)
async def test_private_literals_are_refused_before_any_connection(url: str) -> None:
    async with Fetcher(NetSettings(proxy="http://127.0.0.1:9")) as fetcher:
        with pytest.raises(TargetRefused):
            await fetcher.fetch(url)
