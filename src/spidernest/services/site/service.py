"""``crawl_site``: the SpiderSite service from a request to its ``data``."""

from __future__ import annotations

import asyncio
import functools
from concurrent.futures import Executor
from typing import Literal
from urllib.parse import urlsplit

from spidernest.config import SiteSettings
from spidernest.net import Fetcher
from spidernest.net.browser import BrowserPool
from spidernest.services.site.assemble import assemble_contacts
from spidernest.services.site.compendium import (
    CompendiumPage,
    build_compendium,
    estimate_tokens,
    pages_markdown,
)
from spidernest.services.site.crawler import (
    CrawledPage,
    CrawlOutcome,
    PageCallback,
    ProgressCallback,
    crawl_pages,
)
from spidernest.services.site.request import CompendiumOptions, CrawlPlan, SiteRequest, plan_crawl
from spidernest.services.site.result import CompendiumInfo, SiteMetadata, SiteResult

__all__ = ["crawl_site"]


# Pages sent to the executor together while the crawl goes on: each submission to a process
# pool costs the event loop a pickling and a wake-up of the pool's threads, so one per page
# (2,000 on the benchmark) took more of the crawl's core than the chunks' tails cost in waiting.
_CHUNK_PAGES = 5


class _MarkdownJobs:
    """Each page's markdown, started in the executor while the crawl goes on.

    trafilatura is the costliest step of a compendium crawl; started in chunks of pages as the
    crawl keeps them it runs on another core in parallel, instead of after the crawl. Only done
    when every crawled page can enter the compendium (its ``max_pages`` does not cut the
    crawl) and the level needs trafilatura (``raw`` does not).
    """

    def __init__(self, options: CompendiumOptions, executor: Executor | None) -> None:
        self.options = options
        self.executor = executor
        self.waiting: list[CrawledPage] = []
        # page order → (the markup it was started with, its chunk's future, index in chunk)
        self.started: dict[int, tuple[str, asyncio.Future[list[str]], int]] = {}

    def _submit(self, pages: list[CrawledPage]) -> asyncio.Future[list[str]]:
        # ``raw`` reads the crawler's text; the other levels only fall back to it, and the
        # worker flattens the markup again rather than receive a second copy of the page.
        level = self.options.cleanup_level
        work = [
            (page.markup, page.facts.url, page.facts.text if level == "raw" else None)
            for page in pages
        ]
        sections = self.options.priority_sections
        batch = functools.partial(pages_markdown, work, level, sections)
        return asyncio.get_running_loop().run_in_executor(self.executor, batch)

    def on_page(self, crawl_max_pages: int) -> PageCallback | None:
        """``start``, for a crawl of ``crawl_max_pages``, when its pages may start early."""
        max_pages = self.options.max_pages
        is_cut = max_pages is not None and max_pages < crawl_max_pages
        return None if self.options.cleanup_level == "raw" or is_cut else self.start

    def start(self, page: CrawledPage) -> None:
        self.waiting.append(page)
        if len(self.waiting) < _CHUNK_PAGES:
            return
        chunk, self.waiting = self.waiting, []
        future = self._submit(chunk)
        for index, kept in enumerate(chunk):
            self.started[kept.order] = (kept.markup, future, index)

    async def markdowns(self, pages: list[CrawledPage]) -> list[str]:
        """The markdown of each page: awaited when started, else made now in one batch."""
        late = [
            page
            for page in pages
            if page.order not in self.started or self.started[page.order][0] is not page.markup
        ]
        made: dict[int, str] = {}
        if late:
            texts = await self._submit(late)
            made = {page.order: text for page, text in zip(late, texts, strict=True)}
        markdowns: list[str] = []
        for page in pages:
            if page.order in made:
                markdowns.append(made[page.order])
            else:
                _, future, index = self.started[page.order]
                markdowns.append((await future)[index])
        return markdowns

    def cancel(self) -> None:
        for _, future, _ in self.started.values():
            future.cancel()


async def _compendium_text(pages: list[CrawledPage], jobs: _MarkdownJobs) -> str:
    options = jobs.options
    # Home page first, then the most promising pages (contact, about, team…), then crawl order.
    ordered = sorted(pages, key=lambda p: (p.order != 0, -p.score, p.order))
    ordered = ordered[: options.max_pages or len(ordered)]
    markdowns = await jobs.markdowns(ordered)
    parts = [
        CompendiumPage(url=page.facts.url, title=page.facts.title, markdown=markdown)
        for page, markdown in zip(ordered, markdowns, strict=True)
    ]
    return build_compendium(
        parts,
        separator=options.separator,
        max_chars=options.max_chars,
        remove_duplicates=options.remove_duplicates,
    )


def _status(outcome: CrawlOutcome) -> Literal["success", "partial", "failed"]:
    if not outcome.pages:
        return "failed"
    return "partial" if outcome.failures or outcome.out_of_time else "success"


async def _build_result(
    plan: CrawlPlan, outcome: CrawlOutcome, jobs: _MarkdownJobs | None
) -> SiteResult:
    host = urlsplit(outcome.host or plan.url).hostname or ""
    contacts = assemble_contacts([p.facts for p in outcome.pages], site_url=plan.url, host=host)
    markdown: str | None = None
    info = CompendiumInfo()
    if jobs is not None and outcome.pages:
        markdown = await _compendium_text(outcome.pages, jobs)
        info = CompendiumInfo(
            available=bool(markdown),
            chars=len(markdown),
            cleanup_level=jobs.options.cleanup_level,
            storage_location="inline" if markdown else None,
            size_bytes=len(markdown.encode()),
            estimated_tokens=estimate_tokens(markdown),
        )
    phones = contacts.phones if plan.extract_phones else []
    socials = contacts.socials if plan.extract_social else {}
    emails = contacts.emails if plan.extract_emails else []
    return SiteResult(
        url=plan.url,
        pages_crawled=len(outcome.pages),
        crawl_status=_status(outcome),
        emails=emails,
        phones=[p.international or p.raw for p in phones],
        addresses=contacts.addresses,
        **socials,
        markdown_compendium=markdown,
        compendium=info,
        team_members=contacts.team if plan.extract_team else [],
        metadata=SiteMetadata(
            spa_enabled=plan.enable_spa,
            sitemap_used=outcome.sitemap_used,
            browser_rendering_available=outcome.rendered > 0,
            crawl_strategy="sitemap" if outcome.sitemap_used else plan.strategy,
            total_emails_found=contacts.total_emails_found if plan.extract_emails else 0,
            total_phones_found=len(phones),
            pages_rendered=outcome.rendered,
            pages_failed=outcome.failures,
        ),
        phone_details=phones,
        faxes=[f.international or f.raw for f in contacts.faxes] if plan.extract_phones else [],
    )


async def crawl_site(
    request: SiteRequest,
    *,
    fetcher: Fetcher,
    browser: BrowserPool | None = None,
    settings: SiteSettings | None = None,
    progress: ProgressCallback | None = None,
    executor: Executor | None = None,
) -> SiteResult:
    """Crawl a company website and extract its contacts, profiles and compendium.

    Network: every page goes through ``fetcher`` (SSRF guard, robots.txt, politeness); pages
    that look client-rendered go through ``browser`` when ``enable_spa`` and one is available.
    Nothing is written: the compendium comes back inline (``storage_location`` ``inline``);
    the job runner stores it.

    Args:
        request: the job payload.
        fetcher: the process's HTTP pipeline.
        browser: the process's headless browser pool, if any.
        settings: the ``site`` settings slice (concurrency); defaults apply when omitted.
        progress: awaited with (fraction of the page budget done, URL) after each page.
        executor: where the compendium's main-content extraction runs (a process pool puts
            it on another core); a thread when omitted.

    Returns:
        The SpiderSite ``data``; a site that cannot be reached gives ``crawl_status`` "failed".

    Raises:
        TargetRefused: the URL points at an address SpiderNest may not contact.
    """
    plan = plan_crawl(request)
    settings = settings or SiteSettings()
    jobs = _MarkdownJobs(plan.compendium, executor) if plan.compendium is not None else None
    try:
        outcome = await crawl_pages(
            plan,
            fetcher=fetcher,
            browser=browser if plan.enable_spa else None,
            concurrency=settings.max_concurrency,
            progress=progress,
            on_page=jobs.on_page(plan.max_pages) if jobs is not None else None,
        )
        return await _build_result(plan, outcome, jobs)
    finally:
        if jobs is not None:
            jobs.cancel()  # no-op for finished jobs; stops queued ones after a failure
