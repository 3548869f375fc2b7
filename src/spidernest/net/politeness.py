"""The politeness layer: per-host concurrency and spacing of requests.

Every host (``host:port``) gets at most ``per_host_concurrency`` requests in flight, and request
starts are spaced at least ``per_host_delay`` seconds apart — or the site's robots.txt
``Crawl-delay`` when it asks for more, capped at ``MAX_CRAWL_DELAY`` so that one site cannot stall
a job. The state is kept per ``Fetcher`` (one per process), so every job in the process shares
the same per-host budget.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from spidernest.net.models import FetchRequest, FetchResponse
from spidernest.net.robots import cached_crawl_delay

if TYPE_CHECKING:
    from spidernest.net.client import Fetcher, Handler

__all__ = ["MAX_CRAWL_DELAY", "politeness_layer"]

# robots.txt Crawl-delay is honoured up to this many seconds: values of 10-30 s are common and
# would turn a 10-page job into minutes; two seconds still keeps us gentle.
MAX_CRAWL_DELAY = 2.0
# Idle host records kept before pruning; bounds memory in a long-running worker.
_PRUNE_ABOVE = 4_096


@dataclass(slots=True)
class _HostState:
    semaphore: asyncio.Semaphore
    next_start: float = 0.0
    users: int = field(default=0)


def host_key(url: str) -> str:
    """The politeness key of a URL: its lowercased ``host:port``."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    return f"{(parts.hostname or '').lower()}:{port}"


def politeness_layer(inner: Handler, fetcher: Fetcher) -> Handler:
    """Bound concurrency and space request starts per host."""
    settings = fetcher.settings
    hosts: dict[str, _HostState] = {}

    def prune(now: float) -> None:
        for key in [k for k, s in hosts.items() if s.users == 0 and s.next_start <= now]:
            del hosts[key]

    async def handle(request: FetchRequest) -> FetchResponse:
        key = host_key(request.url)
        state = hosts.get(key)
        if state is None:
            if len(hosts) > _PRUNE_ABOVE:
                prune(time.monotonic())
            state = hosts[key] = _HostState(asyncio.Semaphore(settings.per_host_concurrency))
        state.users += 1
        try:
            async with state.semaphore:
                delay = settings.per_host_delay
                robots_delay = cached_crawl_delay(fetcher, request.url)
                if robots_delay:
                    delay = max(delay, min(robots_delay, MAX_CRAWL_DELAY))
                if delay > 0:
                    now = time.monotonic()
                    start = max(now, state.next_start)
                    state.next_start = start + delay
                    if start > now:
                        await asyncio.sleep(start - now)
                return await inner(request)
        finally:
            state.users -= 1

    return handle
