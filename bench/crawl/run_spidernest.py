"""Crawl every benchmark site with SpiderNest (full extraction; compendium when asked)."""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from spidernest.config import Settings
from spidernest.net import Fetcher
from spidernest.services.site import SiteRequest, crawl_site


async def main(args: argparse.Namespace, urls: list[str]) -> None:
    settings = Settings(_env_file=None, net={"allow_private_networks": True, "http2": False})
    gate = asyncio.Semaphore(args.concurrency)
    pages = emails = phones = 0
    started = time.perf_counter()
    executor = None
    if args.processes:
        executor = ProcessPoolExecutor(
            args.processes, mp_context=multiprocessing.get_context("forkserver")
        )
    async with Fetcher(settings.net) as fetcher:

        async def one(url: str) -> None:
            nonlocal pages, emails, phones
            async with gate:
                result = await crawl_site(
                    SiteRequest(url=url, max_pages=10, mode=args.mode, enable_spa=False),
                    fetcher=fetcher,
                    settings=settings.site,
                    executor=executor,
                )
            pages += result.pages_crawled
            emails += len(result.emails)
            phones += len(result.phones)

        await asyncio.gather(*(one(url) for url in urls))
    seconds = time.perf_counter() - started
    worker_cpu, worker_peak = _worker_usage(executor)
    json.dump(
        {
            "pages": pages,
            "emails": emails,
            "phones": phones,
            "seconds": seconds,
            "worker_cpu": worker_cpu,
            "worker_peak_mb": worker_peak,
        },
        sys.stdout,
    )


def _worker_usage(executor: ProcessPoolExecutor | None) -> tuple[float, float]:
    """CPU seconds and peak RSS (MB) of the compendium workers.

    Workers are children of the forkserver, not of this process, so ``os.wait4`` in bench.py
    never sees them: read their counters from /proc while they still run (Linux).
    """
    if executor is None:
        return 0.0, 0.0
    cpu = peak = 0.0
    for pid in list(getattr(executor, "_processes", {}) or {}):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        cpu += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        hwm = next(
            (line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")), "0"
        )
        peak += int(hwm) / 1024
    return cpu, peak


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("urls")
    parser.add_argument("--mode", default="contacts")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--processes", type=int, default=1, help="compendium worker processes")
    arguments = parser.parse_args()
    asyncio.run(main(arguments, json.loads(Path(arguments.urls).read_text())))
