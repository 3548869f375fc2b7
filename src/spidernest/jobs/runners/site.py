"""The spiderSite job type: crawl a company website in a worker and store its compendium."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from spidernest.config import SiteSettings
from spidernest.jobs.registry import JobContext, JobType
from spidernest.services.site import SiteRequest, SiteResult, crawl_site

__all__ = ["JOB_TYPE", "run", "summary", "timeout"]

# Beyond the crawl's own budget: the last in-flight page and its rendering, plus the
# compendium (trafilatura, about 10 ms a page) and writing it.
_MARGIN_SECONDS = 60.0


_pool: ProcessPoolExecutor | None = None


def _compendium_pool(settings: SiteSettings) -> ProcessPoolExecutor | None:
    """The worker process's compendium pool, started on first use (``None``: use a thread).

    One per process, like the fetcher: trafilatura then runs on another core while the event
    loop keeps crawling. ``forkserver`` because forking a threaded process is unsafe.
    """
    global _pool
    if settings.compendium_processes == 0:
        return None
    if _pool is None:
        _pool = ProcessPoolExecutor(
            max_workers=settings.compendium_processes,
            mp_context=multiprocessing.get_context("forkserver"),
        )
    return _pool


async def run(payload: SiteRequest, ctx: JobContext) -> SiteResult:
    """Crawl ``payload.url`` with the worker's fetcher and browser; write the compendium file.

    The compendium is written to ``compendiums/<job_id>.md`` in the client's media folder and
    described by ``compendium`` (``storage_location`` "local", ``download_url`` from the media
    store); ``markdown_compendium`` keeps the text only when ``include_in_response``.
    """
    result = await crawl_site(
        payload,
        fetcher=ctx.fetcher,
        browser=ctx.browser,
        settings=ctx.settings.site,
        progress=ctx.progress,
        executor=_compendium_pool(ctx.settings.site),
    )
    markdown = result.markdown_compendium
    if not markdown:
        return result
    stored = ctx.media.write(ctx.client_id, f"compendiums/{ctx.job_id}.md", markdown.encode())
    compendium = result.compendium.model_copy(
        update={
            "storage_location": "local",
            "download_url": stored.download_url,
            "filename": stored.filename,
            "size_bytes": stored.size_bytes,
            "content_hash": stored.content_hash,
        }
    )
    include = payload.compendium is None or payload.compendium.include_in_response
    return result.model_copy(
        update={"compendium": compendium, "markdown_compendium": markdown if include else None}
    )


def timeout(payload: SiteRequest) -> float:
    """Seconds the job may run: the crawl's budget plus one page, its rendering and a margin."""
    return payload.budget_seconds + payload.timeout + payload.spa_timeout + _MARGIN_SECONDS


def summary(payload: SiteRequest) -> str | None:
    """The site's URL, shown in job lists."""
    return payload.url


JOB_TYPE = JobType(
    name="spiderSite",
    queue="spider_site",
    payload_model=SiteRequest,
    run=run,
    timeout=timeout,
    summary=summary,
)
