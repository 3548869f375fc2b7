"""The process's collaborators that running jobs share, reachable from engine workflows.

DBOS workflows are module-level functions whose arguments must be serializable, so the
non-serializable collaborators (HTTP client, browser pool, database) live in one object that
the engine installs at start-up and removes at shutdown.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spidernest.config import Settings
from spidernest.jobs.registry import JobType
from spidernest.media.store import MediaStore
from spidernest.net.client import Fetcher
from spidernest.store.jobs import JobStore

if TYPE_CHECKING:
    from spidernest.net.browser import BrowserPool

__all__ = ["Runtime", "current_runtime", "install_runtime"]


@dataclass(slots=True)
class Runtime:
    """What a worker process needs to run any job."""

    settings: Settings
    jobs: JobStore
    job_types: Mapping[str, JobType]
    fetcher: Fetcher
    media: MediaStore
    executor_id: str
    browser: BrowserPool | None = None
    cpu_pool: Executor | None = None


_current: Runtime | None = None


def install_runtime(runtime: Runtime | None) -> None:
    """Make ``runtime`` the one the workflows of this process use (``None`` to remove it)."""
    global _current
    _current = runtime


def current_runtime() -> Runtime:
    """The installed runtime.

    Raises:
        RuntimeError: the engine has not been started in this process.
    """
    if _current is None:
        raise RuntimeError("the SpiderNest engine is not started in this process")
    return _current
