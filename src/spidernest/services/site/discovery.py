"""Sitemap discovery: robots.txt ``Sitemap:`` lines, else ``/sitemap.xml`` and friends.

Sitemap indexes are followed one level deep, preferring child sitemaps of pages over those of
posts, products and taxonomies (which hold no contact details), within a small fetch budget.
"""

from __future__ import annotations

from urllib.parse import urljoin

from spidernest.errors import FetchError, TargetRefused
from spidernest.net import Fetcher, FetchLimits
from spidernest.net.robots import robots_for
from spidernest.services.site.domains import site_key
from spidernest.services.site.sitemaps import MAX_SITEMAP_BYTES, parse_sitemap

__all__ = ["discover_sitemap_urls"]

# Where sitemaps are when robots.txt does not list them. WordPress and Yoast list theirs in
# robots.txt, so one guess covers the rest without spending requests on every site.
_GUESSES = ("/sitemap.xml",)
_MAX_FETCHES = 6
_MAX_URLS = 5_000
_LATE_WORDS = ("post", "product", "tag", "categor", "author", "image", "video", "news", "blog")


def _child_rank(url: str) -> int:
    lowered = url.lower()
    if "page" in lowered:
        return 0
    return 2 if any(word in lowered for word in _LATE_WORDS) else 1


async def _fetch_sitemap(fetcher: Fetcher, url: str, limits: FetchLimits) -> bytes | None:
    try:
        response = await fetcher.fetch(url, limits=limits, retries=0)
    except (FetchError, TargetRefused):
        return None
    if response.status != 200 or not response.content:
        return None
    head = response.content[:200].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return None  # a soft 404: the site's home page served for any path
    return response.content


async def discover_sitemap_urls(
    fetcher: Fetcher, home: str, *, sites: set[str], page_timeout: float
) -> list[tuple[str, float]]:
    """Page URLs (with sitemap priority) of the site at ``home``; empty when it has none.

    Raises:
        TargetRefused: the site's address is not allowed (SSRF guard).
    """
    robots = await robots_for(fetcher, home)
    listed = [url for url in robots.sitemaps if site_key(url) in sites]
    queue = list(listed) or [urljoin(home, guess) for guess in _GUESSES]
    limits = FetchLimits(
        connect_timeout=min(10.0, page_timeout),
        read_timeout=page_timeout,
        total_timeout=page_timeout * 2,
        max_bytes=MAX_SITEMAP_BYTES,
    )
    pages: list[tuple[str, float]] = []
    fetches = 0
    seen: set[str] = set()
    while queue and fetches < _MAX_FETCHES and len(pages) < _MAX_URLS:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        fetches += 1
        content = await _fetch_sitemap(fetcher, url, limits)
        if content is None:
            continue
        sitemap = parse_sitemap(content)
        pages.extend(
            (page, priority) for page, priority in sitemap.pages if site_key(page) in sites
        )
        children = sorted(
            (child for child in sitemap.children if site_key(child) in sites), key=_child_rank
        )
        if children:
            queue = children + queue
        elif pages and not listed:
            break  # one guessed sitemap that works is enough
    return pages[:_MAX_URLS]
