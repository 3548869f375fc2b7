"""The Scrapy baseline: follow the same links, regex email/phone extraction on every page."""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import CrawlerProcess

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
PHONE = re.compile(r"\+?\d[\d \-/().]{7,}\d")
STATS: Counter[str] = Counter()


class SiteSpider(scrapy.Spider):
    name = "sites"

    def __init__(self, urls: list[str]) -> None:
        super().__init__()
        self.start_urls = urls
        self.per_site: Counter[str] = Counter()

    def parse(self, response):  # type: ignore[no-untyped-def]
        site = urlsplit(response.url).netloc
        self.per_site[site] += 1
        text = response.text
        STATS["pages"] += 1
        STATS["emails"] += len(set(EMAIL.findall(text)))
        STATS["phones"] += len(set(PHONE.findall(text)))
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href)
            if urlsplit(url).netloc == site and self.per_site[site] < 10:
                yield scrapy.Request(url, callback=self.parse)


def main() -> None:
    urls = json.loads(Path(sys.argv[1]).read_text())
    process = CrawlerProcess(
        settings={
            "LOG_LEVEL": "ERROR",
            "ROBOTSTXT_OBEY": True,
            "CONCURRENT_REQUESTS": 32,
            "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
            "TELNETCONSOLE_ENABLED": False,
            "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
        }
    )
    started = time.perf_counter()
    process.crawl(SiteSpider, urls=urls)
    process.start()
    json.dump({**STATS, "seconds": time.perf_counter() - started}, sys.stdout)


if __name__ == "__main__":
    main()
