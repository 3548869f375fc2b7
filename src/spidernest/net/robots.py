"""The robots.txt layer: refuse what a site's robots.txt disallows for SpiderNest (RFC 9309).

One robots.txt per origin (scheme, host, port) is fetched through the layers below this one
(politeness, retries, transport), parsed with protego and kept in a bounded per-``Fetcher``
cache. Following RFC 9309 §2.3.1: a 4xx robots.txt (or none) allows everything, a 5xx or an
unreachable one disallows everything. ``robots_for`` gives the parsed file to crawlers that
want its ``Sitemap:`` lines or ``Crawl-delay``. The operator switch is
``NetSettings.respect_robots``; a single fetch can opt out with ``respect_robots=False``
(robots.txt and sitemaps themselves are fetched that way).
"""

from __future__ import annotations

import asyncio
import weakref
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from protego import Protego

from spidernest.errors import FetchError, TargetRefused
from spidernest.net.models import FetchLimits, FetchRequest, FetchResponse
from spidernest.net.ssrf import check_url

if TYPE_CHECKING:
    from spidernest.net.client import Fetcher, Handler

__all__ = ["ROBOTS_AGENT", "RobotsFile", "cached_crawl_delay", "robots_for", "robots_layer"]

# The product token matched against ``User-agent:`` lines (RFC 9309 §2.2.1).
ROBOTS_AGENT = "SpiderNest"
# RFC 9309 §2.5: parse at least 500 KiB; anything after that may be ignored.
_MAX_ROBOTS_BYTES = 512_000
# RFC 9309 §2.3.1.2: follow at least five consecutive redirects.
_MAX_ROBOTS_REDIRECTS = 5
# Origins remembered per fetcher; a long-running worker visits many sites.
_CACHE_SIZE = 2_048
_ROBOTS_LIMITS = FetchLimits(
    connect_timeout=10.0, read_timeout=15.0, total_timeout=20.0, max_bytes=_MAX_ROBOTS_BYTES
)


@dataclass(frozen=True, slots=True)
class RobotsFile:
    """A site's robots.txt as far as SpiderNest is concerned."""

    origin: str
    parser: Protego | None
    allow_all: bool = False
    disallow_all: bool = False

    def can_fetch(self, url: str) -> bool:
        """Whether SpiderNest may fetch ``url`` under this file."""
        if self.disallow_all:
            return False
        if self.allow_all or self.parser is None:
            return True
        return bool(self.parser.can_fetch(url, ROBOTS_AGENT))

    @property
    def sitemaps(self) -> list[str]:
        """The absolute ``Sitemap:`` URLs the file lists."""
        if self.parser is None:
            return []
        return [urljoin(self.origin + "/", s) for s in self.parser.sitemaps]

    @property
    def crawl_delay(self) -> float | None:
        """The ``Crawl-delay`` for SpiderNest in seconds, if any."""
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(ROBOTS_AGENT)
        return float(delay) if delay is not None else None


class _RobotsCache:
    """Parsed robots.txt files by origin, with one in-flight download per origin."""

    def __init__(self) -> None:
        self.files: OrderedDict[str, RobotsFile] = OrderedDict()
        self.pending: dict[str, asyncio.Future[RobotsFile]] = {}

    def remember(self, robots: RobotsFile) -> None:
        self.files[robots.origin] = robots
        self.files.move_to_end(robots.origin)
        while len(self.files) > _CACHE_SIZE:
            self.files.popitem(last=False)


_CACHES: weakref.WeakKeyDictionary[Fetcher, _RobotsCache] = weakref.WeakKeyDictionary()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _parse(origin: str, response: FetchResponse) -> RobotsFile:
    if 200 <= response.status < 300:
        text = response.content[:_MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
        return RobotsFile(origin=origin, parser=Protego.parse(text))
    if 400 <= response.status < 500:
        return RobotsFile(origin=origin, parser=None, allow_all=True)
    return RobotsFile(origin=origin, parser=None, disallow_all=True)


async def _download(inner: Handler, origin: str) -> RobotsFile:
    url = f"{origin}/robots.txt"
    request = FetchRequest(url=url, limits=_ROBOTS_LIMITS, follow_redirects=False)
    try:
        for _ in range(_MAX_ROBOTS_REDIRECTS + 1):
            check_url(request.url)
            response = await inner(request)
            location = response.headers.get("location")
            if response.status in {301, 302, 303, 307, 308} and location:
                request = replace(request, url=urljoin(response.url, location.strip()))
                continue
            return _parse(origin, response)
    except TargetRefused:
        raise
    except FetchError:
        # RFC 9309 §2.3.1.4: an unreachable robots.txt means "assume complete disallow".
        return RobotsFile(origin=origin, parser=None, disallow_all=True)
    return RobotsFile(origin=origin, parser=None, allow_all=True)


async def _load(fetcher: Fetcher, inner: Handler, url: str) -> RobotsFile:
    cache = _CACHES.setdefault(fetcher, _RobotsCache())
    origin = _origin(url)
    known = cache.files.get(origin)
    if known is not None:
        return known
    pending = cache.pending.get(origin)
    if pending is not None:
        return await asyncio.shield(pending)
    future: asyncio.Future[RobotsFile] = asyncio.get_running_loop().create_future()
    cache.pending[origin] = future
    try:
        robots = await _download(inner, origin)
    except Exception as exc:
        future.set_exception(exc)
        future.exception()  # mark retrieved: waiters re-raise it themselves
        raise
    except BaseException:
        future.cancel()
        raise
    finally:
        cache.pending.pop(origin, None)
    cache.remember(robots)
    future.set_result(robots)
    return robots


def robots_layer(inner: Handler, fetcher: Fetcher) -> Handler:
    """Refuse requests that the target's robots.txt disallows (when the operator respects it)."""

    async def handle(request: FetchRequest) -> FetchResponse:
        if fetcher.settings.respect_robots and request.respect_robots:
            robots = await _load(fetcher, inner, request.url)
            if not robots.can_fetch(request.url):
                raise TargetRefused(f"robots.txt disallows {request.url}")
        return await inner(request)

    _INNER[fetcher] = inner
    return handle


_INNER: weakref.WeakKeyDictionary[Fetcher, Handler] = weakref.WeakKeyDictionary()


async def robots_for(fetcher: Fetcher, url: str) -> RobotsFile:
    """The robots.txt of ``url``'s origin, downloaded once per fetcher and shared with the layer.

    Raises:
        TargetRefused: the origin's address is not allowed (SSRF guard).
    """
    inner = _INNER.get(fetcher)
    if inner is None:
        # A fetcher built without the robots layer: fetch through its full pipeline instead.
        async def through_fetcher(request: FetchRequest) -> FetchResponse:
            return await fetcher.fetch(
                request.url,
                limits=request.limits,
                follow_redirects=False,
                respect_robots=False,
            )

        inner = through_fetcher
    return await _load(fetcher, inner, url)


def cached_crawl_delay(fetcher: Fetcher, url: str) -> float | None:
    """The ``Crawl-delay`` of ``url``'s origin if its robots.txt is already known, else ``None``."""
    cache = _CACHES.get(fetcher)
    if cache is None:
        return None
    robots = cache.files.get(_origin(url))
    return robots.crawl_delay if robots is not None else None
