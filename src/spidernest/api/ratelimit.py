"""Per-client token buckets: a sustained rate per minute with a burst allowance.

The documented limit is 100 requests/minute with bursts of 20: the bucket holds 20 tokens and
refills at 100/60 per second. Buckets live in the API process; with several API processes each
enforces its own share (documented in README, "Scaling").
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

__all__ = ["RateDecision", "RateLimiter"]


@dataclass(frozen=True, slots=True)
class RateDecision:
    """The outcome of one request against a bucket, with the values of the headers."""

    allowed: bool
    limit: int
    remaining: int
    reset_at: int
    retry_after: float

    def headers(self) -> dict[str, str]:
        """``X-RateLimit-*`` headers (``Reset`` is a unix timestamp, as documented)."""
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset_at),
        }


class RateLimiter:
    """Token buckets keyed by client id (or address for anonymous calls)."""

    _MAX_KEYS = 50_000

    def __init__(self, per_minute: int, burst: int) -> None:
        self.per_minute = per_minute
        self.burst = burst
        self.rate = per_minute / 60.0
        self._buckets: dict[str, tuple[float, float]] = {}

    def hit(self, key: str) -> RateDecision:
        """Take one token from ``key``'s bucket if there is one."""
        now = time.monotonic()
        tokens, last = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        allowed = tokens >= 1.0
        if allowed:
            tokens -= 1.0
        if len(self._buckets) >= self._MAX_KEYS and key not in self._buckets:
            self._prune(now)
        self._buckets[key] = (tokens, now)
        full_in = (self.burst - tokens) / self.rate
        retry_after = 0.0 if allowed else (1.0 - tokens) / self.rate
        return RateDecision(
            allowed=allowed,
            limit=self.per_minute,
            remaining=max(0, math.floor(tokens)),
            reset_at=math.ceil(time.time() + full_in),
            retry_after=retry_after,
        )

    def _prune(self, now: float) -> None:
        full_after = self.burst / self.rate
        for key, (_, last) in list(self._buckets.items()):
            if now - last > full_after:
                del self._buckets[key]
