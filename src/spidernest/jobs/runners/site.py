"""The spiderSite job type: crawl a company website in a worker and store its compendium."""

from __future__ import annotations

from spidernest.jobs.registry import JobContext, JobType
from spidernest.services.site import SiteRequest, SiteResult, crawl_site

__all__ = ["JOB_TYPE", "run", "summary", "timeout"]

# Beyond the crawl's own budget: the last in-flight page and its rendering, plus the
# compendium (trafilatura, about 10 ms a page) and writing it.
_MARGIN_SECONDS = 60.0


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
        executor=ctx.cpu_pool,
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
