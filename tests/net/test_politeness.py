"""The politeness layer: per-host concurrency and spacing, against a slow local server."""

from __future__ import annotations

import asyncio
import itertools

from spidernest.config import NetSettings
from spidernest.net import Fetcher
from spidernest.net.politeness import host_key
from tests.net.local_http import LocalHTTP, html, serve, text


async def test_concurrency_per_host_is_bounded() -> None:
    routes = {f"/{n}": html() for n in range(8)}
    routes["/robots.txt"] = text(404, "")
    with serve(LocalHTTP(routes=routes, delay=0.1)) as peer:
        settings = NetSettings(allow_private_networks=True, per_host_concurrency=2)
        async with Fetcher(settings) as fetcher:
            await asyncio.gather(*(fetcher.fetch(f"{peer.base}/{n}") for n in range(8)))
    assert peer.max_active == 2


async def test_request_starts_are_spaced_by_the_delay() -> None:
    routes = {f"/{n}": html() for n in range(4)}
    routes["/robots.txt"] = text(404, "")
    with serve(LocalHTTP(routes=routes)) as peer:
        settings = NetSettings(
            allow_private_networks=True, per_host_concurrency=4, per_host_delay=0.15
        )
        async with Fetcher(settings) as fetcher:
            await asyncio.gather(*(fetcher.fetch(f"{peer.base}/{n}") for n in range(4)))
    starts = sorted(t for path, t in peer.log if path != "/robots.txt")
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= 0.12


async def test_robots_crawl_delay_is_honoured() -> None:
    routes = {f"/{n}": html() for n in range(3)}
    routes["/robots.txt"] = text(200, "User-agent: *\nCrawl-delay: 0.2\n")
    with serve(LocalHTTP(routes=routes)) as peer:
        async with Fetcher(NetSettings(allow_private_networks=True)) as fetcher:
            for n in range(3):
                await fetcher.fetch(f"{peer.base}/{n}")
    starts = [t for path, t in peer.log if path != "/robots.txt"]
    assert starts[2] - starts[0] >= 0.35


def test_host_key_includes_the_default_port() -> None:
    assert host_key("https://Example.com/a") == "example.com:443"
    assert host_key("http://example.com:8080/") == "example.com:8080"
