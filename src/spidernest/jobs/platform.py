"""Assembly of one SpiderNest process: database, engine, HTTP client, browser pool, media.

``serve`` (API and workers), ``serve --no-workers`` (API only) and ``worker`` (workers only) all
start a ``Platform``; they differ only in ``run_workers`` and whether an API is mounted on it.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from types import TracebackType

from spidernest.config import Settings
from spidernest.jobs.engine import Engine
from spidernest.jobs.lifecycle import JobService
from spidernest.jobs.registry import JobType
from spidernest.jobs.runtime import Runtime, install_runtime
from spidernest.media.store import MediaStore
from spidernest.net.browser import BrowserPool
from spidernest.net.client import Fetcher
from spidernest.store.clients import ClientStore
from spidernest.store.database import Database

__all__ = ["Platform"]

log = logging.getLogger(__name__)


class Platform:
    """Everything one process runs, started and stopped together.

    Args:
        settings: the settings tree (built at the entry point).
        job_types: the job types this process queues and runs.
        name: the process name that forms the executor id (``main``, ``worker-1`` ...).
        run_workers: whether this process runs jobs as well as queueing them.
        public_url: the base URL download links point at.
    """

    def __init__(
        self,
        settings: Settings,
        job_types: Mapping[str, JobType],
        *,
        name: str = "main",
        run_workers: bool = True,
        public_url: str = "http://127.0.0.1:8000",
    ) -> None:
        self.settings = settings
        self.job_types = job_types
        self.database = Database(settings.resolved_database_url)
        self.clients = ClientStore(self.database)
        self.engine = Engine(settings, self.database, job_types, name=name, run_workers=run_workers)
        self.jobs = JobService(
            self.engine.jobs, self.engine, job_types, dedup_hours=settings.jobs.dedup_hours
        )
        self.media = MediaStore(
            settings.data_dir.resolve() / "media", settings.api.public_url or public_url
        )
        self.fetcher: Fetcher | None = None
        self.browser: BrowserPool | None = None
        self.cpu_pool: ProcessPoolExecutor | None = None

    async def start(self) -> None:
        """Migrate the database, open the shared clients, launch the engine."""
        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        await asyncio.to_thread(self.database.migrate)
        self.fetcher = Fetcher(self.settings.net)
        if self.engine.run_workers:
            self.browser = BrowserPool(self.settings.net)
            if self.settings.site.compendium_processes:
                # forkserver: forking a process that already runs threads is unsafe. The
                # workers start on first use.
                context = multiprocessing.get_context("forkserver")
                # The server imports trafilatura once; every worker forked from it starts warm.
                context.set_forkserver_preload(["spidernest.services.site.compendium"])
                self.cpu_pool = ProcessPoolExecutor(
                    max_workers=self.settings.site.compendium_processes, mp_context=context
                )
        install_runtime(
            Runtime(
                settings=self.settings,
                jobs=self.engine.jobs,
                job_types=self.job_types,
                fetcher=self.fetcher,
                media=self.media,
                executor_id=self.engine.executor_id,
                browser=self.browser,
                cpu_pool=self.cpu_pool,
            )
        )
        await self.engine.start()

    async def stop(self) -> None:
        """Stop the engine and close every shared client."""
        await self.engine.stop()
        install_runtime(None)
        if self.browser is not None:
            await self.browser.aclose()
        if self.cpu_pool is not None:
            # Not in a thread: after DBOS shuts down, the loop's default executor is gone.
            self.cpu_pool.shutdown(wait=False, cancel_futures=True)
        if self.fetcher is not None:
            await self.fetcher.aclose()
        await self.database.aclose()

    async def __aenter__(self) -> Platform:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()
