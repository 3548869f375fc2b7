"""Crawl4AI's HTTP deep crawl (no browser): BFS, 10 pages per site, markdown for every page."""

from __future__ import annotations

import asyncio
import json
import re
import sys
import time
from pathlib import Path

from crawl4ai import AsyncWebCrawler, CacheMode, CrawlerRunConfig, HTTPCrawlerConfig
from crawl4ai.async_crawler_strategy import AsyncHTTPCrawlerStrategy
from crawl4ai.deep_crawling import BFSDeepCrawlStrategy

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


async def main(urls: list[str]) -> None:
    concurrency = int(sys.argv[2]) if len(sys.argv) > 2 else 32
    strategy = AsyncHTTPCrawlerStrategy(browser_config=HTTPCrawlerConfig())
    pages = emails = 0
    started = time.perf_counter()
    gate = asyncio.Semaphore(concurrency)
    async with AsyncWebCrawler(crawler_strategy=strategy, verbose=False) as crawler:

        async def one(url: str) -> None:
            nonlocal pages, emails
            config = CrawlerRunConfig(
                deep_crawl_strategy=BFSDeepCrawlStrategy(max_depth=3, max_pages=10),
                cache_mode=CacheMode.BYPASS,
                verbose=False,
            )
            async with gate:
                results = await crawler.arun(url, config=config)
            for result in results:
                if result.success:
                    pages += 1
                    emails += len(set(EMAIL.findall(result.html or "")))

        await asyncio.gather(*(one(url) for url in urls))
    json.dump(
        {"pages": pages, "emails": emails, "seconds": time.perf_counter() - started}, sys.stdout
    )


if __name__ == "__main__":
    asyncio.run(main(json.loads(Path(sys.argv[1]).read_text())))
