"""Per-mail-host politeness: how many connections at once, and a minimum gap between commands.

A bulk job must not look like a directory-harvest attack, or the host will block our IP and
every later answer becomes "unknown".
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

__all__ = ["HostLimiter"]


class HostLimiter:
    """Connection slots and pacing, keyed by mail host name.

    Args:
        concurrency: connections open at once to one host.
        delay: seconds between two paced steps (connections, RCPTs) towards one host.
    """

    def __init__(self, *, concurrency: int, delay: float) -> None:
        self._concurrency = concurrency
        self._delay = delay
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self._next_at: dict[str, float] = {}
        self.waited = 0.0

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Hold one of the host's connection slots for the duration of the block."""
        semaphore = self._slots.setdefault(host, asyncio.Semaphore(self._concurrency))
        async with semaphore:
            yield

    async def pace(self, host: str) -> None:
        """Wait until ``delay`` seconds have passed since the host's previous paced step."""
        if self._delay <= 0:
            return
        loop = asyncio.get_running_loop()
        async with self._locks.setdefault(host, asyncio.Lock()):
            wait = self._next_at.get(host, 0.0) - loop.time()
            if wait > 0:
                self.waited += wait
                await asyncio.sleep(wait)
            self._next_at[host] = loop.time() + self._delay
