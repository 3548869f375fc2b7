"""Sitemap discovery over the fixture web: robots.txt lines, the /sitemap.xml guess, indexes."""

from __future__ import annotations

from spidernest.net import Fetcher
from spidernest.services.site.discovery import discover_sitemap_urls
from spidernest.services.site.domains import site_key
from tests.services.site.fixture_web import FixtureWeb


async def test_robots_listed_index_with_gzip_child(web: FixtureWeb, fetcher: Fetcher) -> None:
    site = web["es_clinica"]
    pages = await discover_sitemap_urls(
        fetcher, site.url, sites={site_key(site.url)}, page_timeout=10
    )
    urls = [url for url, _ in pages]
    assert site.base + "/contacto" in urls
    assert site.base + "/blog" in urls
    assert site.log.index("/page-sitemap.xml.gz") < site.log.index("/post-sitemap.xml")


async def test_guessed_sitemap_and_none(web: FixtureWeb, fetcher: Fetcher) -> None:
    home = web["de_handwerk"]
    found = await discover_sitemap_urls(
        fetcher, home.url, sites={site_key(home.url)}, page_timeout=10
    )
    assert (home.base + "/impressum", 0.3) in found
    bare = web["it_studio"]
    assert (
        await discover_sitemap_urls(fetcher, bare.url, sites={site_key(bare.url)}, page_timeout=10)
        == []
    )
    assert bare.fetched("/sitemap") == ["/sitemap.xml"]  # one guess, no more
