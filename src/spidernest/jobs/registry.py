"""The plug-in point for a job type: what a service hands the job platform.

A service plugs in by writing ``jobs/runners/<service>.py`` with one ``JOB_TYPE = JobType(...)``
and adding it to ``jobs/catalog.py``. The platform then validates payloads with
``payload_model``, queues jobs on ``queue``, runs ``run`` in a worker under ``timeout`` seconds and
stores the returned model as the job's ``data``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from spidernest.config import Settings
from spidernest.media.store import MediaStore
from spidernest.net.client import Fetcher

if TYPE_CHECKING:
    from spidernest.net.browser import BrowserPool

__all__ = ["JobContext", "JobType", "ProgressCallback"]

ProgressCallback = Callable[[float, str], Awaitable[None]]


async def _no_progress(fraction: float, message: str) -> None:
    return None


@dataclass(frozen=True, slots=True)
class JobContext:
    """Everything a running job may use: its identity and the process's shared collaborators.

    ``cpu_pool`` runs CPU-heavy work (compendium extraction) on another core; ``None`` means
    "use a thread".
    """

    job_id: str
    client_id: str
    settings: Settings
    fetcher: Fetcher
    media: MediaStore
    browser: BrowserPool | None = None
    cpu_pool: Executor | None = None
    progress: ProgressCallback = _no_progress


@dataclass(frozen=True, slots=True)
class JobType:
    """One kind of job (``spiderSite`` ...) as the platform sees it.

    Attributes:
        name: the API name, used in ``/api/v1/jobs/{name}/submit`` and in ``type``.
        queue: the engine queue it runs on (``spider_site`` ...), also the queue-stats key.
        payload_model: validates ``payload``; its ``model_dump(mode="json")`` is what is stored.
        run: does the work and returns the result model that becomes ``data``.
        timeout: seconds the whole run may take, computed from the payload.
        summary: a short description of the payload for job lists (a URL, a query).
    """

    name: str
    queue: str
    payload_model: type[BaseModel]
    run: Callable[[Any, JobContext], Awaitable[BaseModel]]
    timeout: Callable[[Any], float]
    summary: Callable[[Any], str | None]
