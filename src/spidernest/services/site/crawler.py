"""The crawl of one site: fetch pages through ``net/`` in frontier order and parse each once.

The home page is fetched first, together with the sitemap discovery; then up to
``SiteSettings.max_concurrency`` workers take URLs from the frontier until the page budget,
the frontier or the time budget runs out. Client-rendered pages are rendered in Chromium when
the job allows it and a browser is available.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from spidernest.errors import FetchError, TargetRefused, Unavailable
from spidernest.net import Fetcher, FetchLimits, FetchResponse
from spidernest.net.browser import BrowserPool
from spidernest.net.robots import robots_for
from spidernest.services.site.discovery import discover_sitemap_urls
from spidernest.services.site.domains import site_key
from spidernest.services.site.frontier import Frontier, QueuedURL
from spidernest.services.site.links import expand_targets, normalize_url, score_link
from spidernest.services.site.page import PageFacts, decode_html, parse_page
from spidernest.services.site.request import CrawlPlan

__all__ = ["CrawlOutcome", "CrawledPage", "PageCallback", "ProgressCallback", "crawl_pages"]

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[float, str], Awaitable[None]]
PageCallback = Callable[["CrawledPage"], None]

_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
# Rendered DOMs and fetched pages are parsed up to this many characters (a 5 MB page is
# almost always an inlined data blob; its contacts are in the first megabytes).
_MAX_MARKUP_CHARS = 3_000_000
# A link scoring at least this is a contact or imprint page (see links.expand_targets).
_CONTACT_SCORE = 100.0
_META_REFRESH_BONUS = 1_000.0
# Scripts that write an address: mailto, an @ (plain, entity or escaped) or char codes.
_SCRIPTED_CONTACT = re.compile(
    r"<script\b[^>]*>[^<]{0,20000}?(?:mailto|@|&#64;|\\x40|\\u0040|fromCharCode)",
    re.IGNORECASE,
)
_MAX_SCRIPT_RENDERS = 2


@dataclass(slots=True)
class CrawledPage:
    """A crawled page: its parsed facts, markup (for the compendium) and crawl priority."""

    facts: PageFacts
    markup: str
    score: float
    order: int


@dataclass(slots=True)
class CrawlOutcome:
    """Everything the crawl saw."""

    pages: list[CrawledPage] = field(default_factory=list)
    failures: int = 0
    rendered: int = 0
    sitemap_used: bool = False
    out_of_time: bool = False
    host: str = ""


def _is_html(response: FetchResponse) -> bool:
    """HTML by its type, or an untyped/``octet-stream`` body that starts like HTML."""
    if response.is_html:
        return True
    if response.content_type != "application/octet-stream":
        return False
    head = response.content[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


class _Crawl:
    def __init__(
        self,
        plan: CrawlPlan,
        fetcher: Fetcher,
        browser: BrowserPool | None,
        concurrency: int,
        progress: ProgressCallback | None,
        on_page: PageCallback | None = None,
    ) -> None:
        self.plan = plan
        self.on_page = on_page
        self.fetcher = fetcher
        self.browser = browser
        self.concurrency = max(1, min(concurrency, plan.max_pages))
        self.progress = progress
        self.targets = expand_targets(plan.target_pages)
        self.contact_targets = expand_targets(("contact", "imprint"))
        self.limits = FetchLimits(
            connect_timeout=min(10.0, plan.page_timeout),
            read_timeout=plan.page_timeout,
            total_timeout=plan.page_timeout,
            max_bytes=min(fetcher.settings.max_bytes, 10_000_000),
        )
        self.outcome = CrawlOutcome()
        self.frontier = Frontier(plan.strategy, {site_key(plan.url)})
        self.deadline = time.monotonic() + plan.budget_seconds
        self.language: str | None = None
        self.in_flight = 0
        self.wake = asyncio.Condition()

    @property
    def done(self) -> bool:
        return len(self.outcome.pages) >= self.plan.max_pages

    async def _fetch(self, url: str, *, home: bool) -> tuple[str, str] | None:
        """The final URL and decoded HTML of ``url``; ``None`` when it is not a usable page.

        Raises:
            TargetRefused: the home page (whose robots.txt was checked) points at an address
                the SSRF guard refuses.
        """
        try:
            response = await self.fetcher.fetch(
                url, limits=self.limits, headers={"Accept": _ACCEPT}
            )
        except TargetRefused:
            if home:
                raise
            return None  # robots.txt said no: not a failure of the crawl
        except FetchError as exc:
            logger.info("site crawl: %s failed: %s", url, exc)
            self.outcome.failures += 1
            return None
        if response.status >= 500 or response.status == 429:
            self.outcome.failures += 1
            return None
        if home:
            # A home page that redirects to another domain (acme.de → acme.com) moves the site.
            self.frontier.sites.add(site_key(response.url))
            self.outcome.host = response.url
        if response.status >= 300 or not _is_html(response):
            return None
        if response.url != url and not self.frontier.is_on_site(response.url):
            return None
        markup = decode_html(response.content, response.charset)
        return response.url, markup[:_MAX_MARKUP_CHARS]

    async def _render(self, url: str) -> str | None:
        if self.browser is None or not self.browser.available:
            return None
        try:
            page = await self.browser.render(url, load_timeout=self.plan.spa_timeout)
        except (FetchError, TargetRefused, Unavailable) as exc:
            logger.info("site crawl: rendering %s failed: %s", url, exc)
            return None
        self.outcome.rendered += 1
        return page.html[:_MAX_MARKUP_CHARS]

    def _is_contact(self, url: str, anchor: str) -> bool:
        return score_link(url, anchor, self.contact_targets) >= _CONTACT_SCORE

    async def _visit(self, item: QueuedURL, *, home: bool = False) -> None:
        fetched = await self._fetch(item.url, home=home)
        if fetched is None:
            return
        final_url, markup = fetched
        redirected = final_url != item.url and normalize_url(final_url) != item.url
        if redirected and not self.frontier.mark_seen(final_url):
            return  # a redirect to a page already crawled
        contact = self._is_contact(final_url, item.anchor)
        facts = parse_page(markup, final_url, contact_page=contact)
        if facts.client_rendered and self.plan.enable_spa:
            rendered = await self._render(final_url)
            if rendered is not None:
                markup = rendered
                facts = parse_page(markup, final_url, contact_page=contact)
        if self.language is None and facts.language:
            self.language = facts.language.split("-")[0]
        self._enqueue_links(facts, item.depth)
        if facts.meta_refresh and len(facts.text) < 200:
            return  # a pure redirect page: its target is queued first, it is not a page
        if not self.done:
            order = len(self.outcome.pages)
            page = CrawledPage(facts, markup, item.score, order)
            self.outcome.pages.append(page)
            if self.on_page is not None:
                self.on_page(page)
            if self.progress is not None:
                fraction = len(self.outcome.pages) / self.plan.max_pages
                await self.progress(min(fraction, 1.0), final_url)

    def _enqueue_links(self, facts: PageFacts, depth: int) -> None:
        if facts.meta_refresh:
            self.frontier.push(facts.meta_refresh, _META_REFRESH_BONUS, depth)
        for link in facts.links:
            if self.frontier.is_seen(link.url):
                continue  # the menu again, on every page
            score = score_link(link.url, link.text, self.targets, home_language=self.language)
            self.frontier.push(link.url, score, depth + 1, link.text)

    async def _worker(self) -> None:
        while True:
            async with self.wake:
                while True:
                    if self.done or time.monotonic() > self.deadline:
                        self.outcome.out_of_time |= not self.done and bool(self.frontier)
                        self.wake.notify_all()
                        return
                    # Never more pages in flight than the budget has left: the best URLs win.
                    budget_left = len(self.outcome.pages) + self.in_flight < self.plan.max_pages
                    item = self.frontier.pop() if budget_left else None
                    if item is not None:
                        break
                    if self.in_flight == 0:
                        self.wake.notify_all()
                        return
                    await self.wake.wait()
                self.in_flight += 1
            try:
                remaining = self.deadline - time.monotonic()
                async with asyncio.timeout(max(1.0, remaining + self.plan.page_timeout)):
                    await self._visit(item)
            except TimeoutError:
                self.outcome.out_of_time = True
            finally:
                async with self.wake:
                    self.in_flight -= 1
                    self.wake.notify_all()

    async def _seed_sitemap(self, home: str) -> None:
        try:
            urls = await discover_sitemap_urls(
                self.fetcher, home, sites=self.frontier.sites, page_timeout=self.plan.page_timeout
            )
        except TargetRefused:
            return
        # A sitemap that lists pages of this site seeds the crawl, even when the home page's
        # links already queued some of them first (both start at once).
        self.outcome.sitemap_used = bool(urls)
        for url, priority in urls:
            score = score_link(url, "", self.targets, home_language=self.language)
            self.frontier.push(url, score + 5.0 * priority, 1)

    async def run(self) -> CrawlOutcome:
        start = normalize_url(self.plan.url) or self.plan.url
        robots = await robots_for(self.fetcher, start)  # raises TargetRefused for SSRF targets
        self.frontier.mark_seen(start)
        home = QueuedURL(start, 0.0, 0)
        sitemap_task = asyncio.create_task(self._seed_sitemap(start))
        try:
            if robots.can_fetch(start) or not self.fetcher.settings.respect_robots:
                await self._visit(home, home=True)
        finally:
            await sitemap_task
        workers = [self._worker() for _ in range(self.concurrency)]
        async with asyncio.TaskGroup() as group:
            for worker in workers:
                group.create_task(worker)
        await self._render_scripted_contacts()
        return self.outcome

    async def _render_scripted_contacts(self) -> None:
        """No email anywhere: render the home and contact pages whose scripts may write one.

        Server-rendered sites often assemble their address in a script (``document.write``,
        ``String.fromCharCode``) against harvesters; only a browser reads those.
        """
        pages = self.outcome.pages
        if not self.plan.enable_spa or any(page.facts.emails for page in pages):
            return
        if self.browser is None or not self.browser.available:
            return
        candidates = [
            page
            for page in pages
            if (page.order == 0 or page.score >= _CONTACT_SCORE)
            and not page.facts.client_rendered
            and _SCRIPTED_CONTACT.search(page.markup)
        ]
        for page in candidates[:_MAX_SCRIPT_RENDERS]:
            if time.monotonic() > self.deadline:
                return
            rendered = await self._render(page.facts.url)
            if rendered is not None:
                contact = page.score >= _CONTACT_SCORE
                page.facts = parse_page(rendered, page.facts.url, contact_page=contact)
                page.markup = rendered


async def crawl_pages(
    plan: CrawlPlan,
    *,
    fetcher: Fetcher,
    browser: BrowserPool | None,
    concurrency: int,
    progress: ProgressCallback | None = None,
    on_page: PageCallback | None = None,
) -> CrawlOutcome:
    """Crawl the site of ``plan.url`` and return every page it parsed.

    ``on_page`` is called with each page as soon as it is kept, so that later work (the
    compendium) can start while the crawl goes on.

    Raises:
        TargetRefused: the site's address is not allowed (SSRF guard).
    """
    crawl = _Crawl(plan, fetcher, browser, concurrency, progress, on_page)
    return await crawl.run()
