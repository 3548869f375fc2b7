"""The crawl frontier: which URL to fetch next under bestfirst, bfs or dfs, and which never.

Keeps a crawl inside its site and out of traps: URLs are normalized and de-duplicated, files
that are never HTML are skipped before fetching, calendars and self-nesting paths are refused,
and each path template (``/events/N/N``) and each path's query variants are capped so that an
endless space cannot eat the page budget.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from spidernest.services.site.domains import site_key
from spidernest.services.site.links import (
    has_skipped_extension,
    is_trap,
    normalize_url,
    path_template,
)

__all__ = ["Frontier", "QueuedURL"]

# Pages sharing one numbered template (/calendar/N/N, /product?id=N) worth fetching in a
# 50-page crawl; more only repeats the same layout with other data.
_MAX_PER_TEMPLATE = 5
_MAX_QUERY_VARIANTS = 3


@dataclass(frozen=True, slots=True)
class QueuedURL:
    """A URL waiting in the frontier."""

    url: str
    score: float
    depth: int
    anchor: str = ""


class Frontier:
    """A priority queue of same-site URLs, ordered by the crawl strategy.

    Args:
        strategy: ``bestfirst`` (highest score first), ``bfs`` (shallowest first) or ``dfs``
            (deepest first, then document order).
        sites: the site keys (``domains.site_key``) that belong to this crawl.
    """

    def __init__(self, strategy: str, sites: set[str]) -> None:
        self.strategy = strategy
        self.sites = sites
        self._heap: list[tuple[tuple[float, float, int], QueuedURL]] = []
        self._seen: set[str] = set()
        self._templates: Counter[str] = Counter()
        self._queries: Counter[str] = Counter()
        self._sequence = 0

    def __len__(self) -> int:
        return len(self._heap)

    def mark_seen(self, url: str) -> bool:
        """Record ``url`` as fetched; ``False`` if it (normalized) was already seen."""
        normalized = normalize_url(url)
        if normalized is None or normalized in self._seen:
            return False
        self._seen.add(normalized)
        return True

    def is_seen(self, url: str) -> bool:
        """Whether ``url`` (normalized) was queued or fetched already: cheaper than scoring it."""
        return normalize_url(url) in self._seen

    def is_on_site(self, url: str) -> bool:
        """Whether ``url`` belongs to this crawl's site."""
        return site_key(url) in self.sites

    def _admit(self, normalized: str) -> bool:
        if normalized in self._seen or not self.is_on_site(normalized):
            return False
        if has_skipped_extension(normalized) or is_trap(normalized):
            return False
        template = path_template(normalized)
        if self._templates[template] >= _MAX_PER_TEMPLATE and template != urlsplit(normalized).path:
            return False
        parts = urlsplit(normalized)
        if parts.query:
            if self._queries[parts.path] >= _MAX_QUERY_VARIANTS:
                return False
            self._queries[parts.path] += 1
        self._templates[template] += 1
        return True

    def push(self, url: str, score: float, depth: int, anchor: str = "") -> bool:
        """Queue ``url`` unless it was seen, is off-site, is not HTML or looks like a trap."""
        normalized = normalize_url(url)
        if normalized is None or not self._admit(normalized):
            return False
        self._seen.add(normalized)
        self._sequence += 1
        if self.strategy == "bfs":
            key = (float(depth), 0.0, self._sequence)
        elif self.strategy == "dfs":
            key = (float(-depth), 0.0, self._sequence)
        else:
            key = (-score, float(depth), self._sequence)
        heapq.heappush(self._heap, (key, QueuedURL(normalized, score, depth, anchor)))
        return True

    def pop(self) -> QueuedURL | None:
        """The next URL to fetch, or ``None`` when the frontier is empty."""
        if not self._heap:
            return None
        return heapq.heappop(self._heap)[1]
