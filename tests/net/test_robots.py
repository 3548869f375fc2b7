"""The robots.txt layer against a real local server (RFC 9309 rules)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from spidernest.config import NetSettings
from spidernest.errors import TargetRefused
from spidernest.net import Fetcher
from spidernest.net.robots import RobotsFile, robots_for
from tests.net.local_http import LocalHTTP, html, serve, text

ROBOTS = """User-agent: *
Disallow: /private/
Crawl-delay: 0.2

User-agent: SpiderNest
Disallow: /no-spidernest
Allow: /

Sitemap: /sitemap.xml
"""


@pytest.fixture
def peer() -> Iterator[LocalHTTP]:
    with serve(
        LocalHTTP(
            routes={
                "/robots.txt": text(200, ROBOTS),
                "/": html(),
                "/no-spidernest": html(),
                "/private/x": html(),
            }
        )
    ) as running:
        yield running


def _settings(**changes: object) -> NetSettings:
    return NetSettings(allow_private_networks=True, retry_backoff=0.0, **changes)


async def test_disallowed_paths_are_refused_and_robots_is_read_once(peer: LocalHTTP) -> None:
    async with Fetcher(_settings()) as fetcher:
        assert (await fetcher.fetch(peer.base + "/")).status == 200
        with pytest.raises(TargetRefused, match=r"robots\.txt"):
            await fetcher.fetch(peer.base + "/no-spidernest")
        # The SpiderNest group replaces the * group: /private/ is allowed for us.
        assert (await fetcher.fetch(peer.base + "/private/x")).status == 200
    assert peer.hits("/robots.txt") == 1
    assert peer.hits("/no-spidernest") == 0


async def test_per_request_and_operator_opt_out(peer: LocalHTTP) -> None:
    async with Fetcher(_settings()) as fetcher:
        response = await fetcher.fetch(peer.base + "/no-spidernest", respect_robots=False)
        assert response.status == 200
    async with Fetcher(_settings(respect_robots=False)) as fetcher:
        assert (await fetcher.fetch(peer.base + "/no-spidernest")).status == 200
    assert peer.hits("/robots.txt") == 0


async def test_robots_for_exposes_sitemaps_and_crawl_delay(peer: LocalHTTP) -> None:
    async with Fetcher(_settings()) as fetcher:
        robots = await robots_for(fetcher, peer.base + "/anything")
    assert robots.sitemaps == [peer.base + "/sitemap.xml"]
    assert robots.can_fetch(peer.base + "/")
    assert not robots.can_fetch(peer.base + "/no-spidernest")


@pytest.mark.parametrize(
    ("status", "allowed"), [(404, True), (403, True), (500, False), (503, False)]
)
async def test_missing_robots_allows_and_broken_robots_disallows(
    status: int, allowed: bool
) -> None:
    routes = {"/robots.txt": text(status, "nope"), "/": html()}
    with serve(LocalHTTP(routes=routes)) as peer:
        async with Fetcher(_settings(retries=0)) as fetcher:
            if allowed:
                assert (await fetcher.fetch(peer.base + "/")).status == 200
            else:
                with pytest.raises(TargetRefused):
                    await fetcher.fetch(peer.base + "/")


async def test_robots_redirect_is_followed() -> None:
    routes = {
        "/robots.txt": lambda hit: (301, {"Location": "/real-robots.txt"}, b""),
        "/real-robots.txt": text(200, "User-agent: *\nDisallow: /\n"),
        "/": html(),
    }
    with serve(LocalHTTP(routes=routes)) as peer:
        async with Fetcher(_settings()) as fetcher:
            with pytest.raises(TargetRefused):
                await fetcher.fetch(peer.base + "/")


def test_robots_file_rules_without_a_parser() -> None:
    assert RobotsFile("http://a", None, allow_all=True).can_fetch("http://a/x")
    assert not RobotsFile("http://a", None, disallow_all=True).can_fetch("http://a/x")
    assert RobotsFile("http://a", None).sitemaps == []
