"""Engine throughput: no-op jobs submitted through the API and completed, per second.

Measured on SQLite (one process) and on PostgreSQL with 1 and 2 worker processes, next to DBOS's
own bare enqueue → complete rate on the same database kind in the same run; the ratio is what our
layer (API, auth, job rows, status writes) costs.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from common import REPO, Deployment, create_postgres_database, postgres_admin

BARE = """
import asyncio, sys, time
from dbos import DBOS, SetEnqueueOptions

@DBOS.workflow()
async def noop(i: int) -> int:
    return i

async def main(url: str, n: int) -> None:
    DBOS(config={"name": "bare", "system_database_url": url, "application_version": "1",
                 "executor_id": "bare", "log_level": "WARNING", "max_executor_threads": 48})
    DBOS.launch()
    await DBOS.register_queue_async("bare", worker_concurrency=32, polling_interval_sec=0.05)
    started = time.perf_counter()
    handles = []
    for i in range(n):
        with SetEnqueueOptions(priority=5):
            handles.append(await DBOS.enqueue_workflow_async("bare", noop, i))
    for handle in handles:
        await handle.get_result(polling_interval_sec=0.05)
    print(n / (time.perf_counter() - started))
    DBOS.destroy()

asyncio.run(main(sys.argv[1], int(sys.argv[2])))
"""


def bare_rate(url: str, jobs: int) -> float:
    output = (
        subprocess.run(
            [sys.executable, "-c", BARE, url, str(jobs)], check=True, capture_output=True, text=True
        )
        .stdout.strip()
        .splitlines()
    )
    return float(output[-1])


async def run_jobs(deployment: Deployment, jobs: int, submitters: int = 16) -> float:
    limits = httpx.Limits(max_connections=submitters)
    async with httpx.AsyncClient(
        base_url=deployment.base_url, headers=deployment.headers, limits=limits, timeout=60
    ) as client:
        queue: asyncio.Queue[int] = asyncio.Queue()
        for index in range(jobs):
            queue.put_nowait(index)
        started = time.perf_counter()

        async def submitter() -> None:
            while not queue.empty():
                index = queue.get_nowait()
                response = await client.post(
                    "/api/v1/jobs/testSleep/submit",
                    json={"payload": {"label": f"n{index}", "test": True}},
                )
                assert response.status_code == 201, response.text

        await asyncio.gather(*(submitter() for _ in range(submitters)))
        while True:
            listed = (
                await client.get("/api/v1/jobs/list?status_filter=completed&page_size=1")
            ).json()
            if listed["total"] >= jobs:
                break
            await asyncio.sleep(0.05)
        return jobs / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=400)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument(
        "--polling",
        type=float,
        default=0.05,
        help="queue polling interval (s); bare DBOS uses 0.05",
    )
    args = parser.parse_args()
    rows: list[tuple[str, float, float]] = []

    tmp = Path(tempfile.mkdtemp())
    sqlite_bare = bare_rate(f"sqlite:///{tmp / 'bare.sqlite'}", args.jobs)
    shutil.rmtree(tmp)
    deployment = Deployment(postgres=False, workers=1, polling=args.polling)
    try:
        rows.append(
            ("sqlite, 1 process", asyncio.run(run_jobs(deployment, args.jobs)), sqlite_bare)
        )
    finally:
        deployment.close()

    if not args.no_postgres:
        postgres_admin()
        pg_bare = bare_rate(create_postgres_database(), args.jobs)
        for workers in (1, 2):
            deployment = Deployment(postgres=True, workers=workers, polling=args.polling)
            try:
                rows.append(
                    (
                        f"postgres, {workers} worker(s)",
                        asyncio.run(run_jobs(deployment, args.jobs)),
                        pg_bare,
                    )
                )
            finally:
                deployment.close()

    print(f"{'deployment':<26} {'jobs/s via API':>15} {'bare DBOS jobs/s':>17} {'ratio':>7}")
    for label, ours, bare in rows:
        print(f"{label:<26} {ours:15.1f} {bare:17.1f} {ours / bare:7.2f}")


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
