"""The spiderMaps job type: a Google Maps business search run by a worker."""

from __future__ import annotations

from spidernest.jobs.registry import JobContext, JobType
from spidernest.services.maps import MapsRequest, MapsResult, search_maps

__all__ = ["JOB_TYPE", "run", "timeout"]

# Budget per listing, in seconds: the fast path needs well under one, but the browser fallback
# opens a place page per listing (2-5 s) and pacing plus refusal back-off add more.
_SECONDS_PER_RESULT = 6.0
# Fixed part of the budget: browser start-up, consent page, first page and back-off rounds.
_BASE_SECONDS = 120.0


async def run(payload: MapsRequest, ctx: JobContext) -> MapsResult:
    """Search Google Maps for ``payload`` with the worker's shared fetcher and browser."""
    return await search_maps(
        payload,
        settings=ctx.settings.maps,
        fetcher=ctx.fetcher,
        browser=ctx.browser,
        progress=ctx.progress,
    )


def timeout(payload: MapsRequest) -> float:
    """Seconds the job may run: grows with ``max_results`` (120 s + 6 s per listing)."""
    return _BASE_SECONDS + _SECONDS_PER_RESULT * payload.max_results


def summary(payload: MapsRequest) -> str | None:
    """The query, or the Maps URL, shown in job lists."""
    return payload.search_query or payload.url


JOB_TYPE = JobType(
    name="spiderMaps",
    queue="spider_maps",
    payload_model=MapsRequest,
    run=run,
    timeout=timeout,
    summary=summary,
)
