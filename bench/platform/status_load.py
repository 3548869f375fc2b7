"""Status-endpoint load: requests/s and p50/p99 latency at N concurrent clients for S seconds.

Goal (issue #2): p99 under 20 ms at 500 requests/s on a 2-core machine, on SQLite and PostgreSQL.
The load comes from ``wrk`` (C) when installed (``apt-get install wrk``), at its maximum rate and
paced to 500 requests/s by a Lua ``delay()``, with the server's CPU time per request; otherwise from an asyncio httpx client, which itself needs a good
share of the second core and so understates the server.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import httpx
from common import Deployment


async def hammer(
    base_url: str,
    headers: dict[str, str],
    path: str,
    concurrency: int,
    seconds: float,
    rate: float | None,
) -> list[float]:
    latencies: list[float] = []
    stop_at = time.monotonic() + seconds
    interval = concurrency / rate if rate else 0.0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(
        base_url=base_url, headers=headers, limits=limits, timeout=10
    ) as client:

        async def one_client(offset: float) -> None:
            next_at = time.monotonic() + offset
            while True:
                now = time.monotonic()
                if now >= stop_at:
                    return
                if interval and next_at > now:
                    await asyncio.sleep(next_at - now)
                started = time.perf_counter()
                response = await client.get(path)
                latencies.append(time.perf_counter() - started)
                assert response.status_code == 200, response.text
                next_at += interval

        await asyncio.gather(*(one_client(i * interval / concurrency) for i in range(concurrency)))
    return latencies


def report(label: str, latencies: list[float], seconds: float) -> None:
    ordered = sorted(latencies)
    p50 = ordered[len(ordered) // 2] * 1000
    p99 = ordered[int(len(ordered) * 0.99)] * 1000
    print(
        f"{label:<34} {len(ordered) / seconds:8.1f} req/s   p50 {p50:6.2f} ms   p99 {p99:6.2f} ms   mean {statistics.mean(ordered) * 1000:6.2f} ms"
    )


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wrk(
    url: str, token: str, concurrency: int, seconds: float, rate: float | None, server_pid: int
) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(f'wrk.headers["Authorization"] = "Bearer {token}"\n')
        if rate:
            # Each connection waits on average concurrency/rate seconds after a response (drawn
            # at random, so that the connections do not fire in lockstep): about ``rate``
            # requests/s in all, a little less by the response time, as many paced clients would.
            mean_ms = 1000 * concurrency / rate
            script.write(f"function delay() return math.random(0, {2 * mean_ms:.0f}) end\n")
    cpu_before = cpu_seconds(server_pid)
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{concurrency}",
            f"-d{int(seconds)}s",
            "--latency",
            "-s",
            script.name,
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    achieved = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"50%\s+([\d.]+\w+)", output)
    p99 = re.search(r"99%\s+([\d.]+\w+)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    total = re.search(r"(\d+) requests in", output)
    cpu_ms = (
        (cpu_seconds(server_pid) - cpu_before) * 1000 / max(1, int(total.group(1) if total else 1))
    )
    return (
        f"{float(achieved.group(1)) if achieved else 0:8.1f} req/s   p50 {p50.group(1) if p50 else '?':>8}"
        f"   p99 {p99.group(1) if p99 else '?':>8}   non-2xx {errors.group(1) if errors else 0}"
        f"   server CPU {cpu_ms:.2f} ms/request"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--concurrency", type=int, default=50)
    args = parser.parse_args()
    backends = [False, True] if args.postgres else [False]
    for postgres in backends:
        deployment = Deployment(postgres=postgres, workers=1)
        try:
            job = httpx.post(
                f"{deployment.base_url}/api/v1/jobs/testSleep/submit",
                json={"payload": {}},
                headers=deployment.headers,
            ).json()
            path = f"/api/v1/jobs/{job['job_id']}/status"
            name = "postgres" if postgres else "sqlite"
            if shutil.which("wrk"):
                for rate in (None, 500.0):
                    result = wrk(
                        deployment.base_url + path,
                        deployment.token,
                        args.concurrency,
                        args.seconds,
                        rate,
                        deployment.processes[0].pid,
                    )
                    label = f"{name} {args.concurrency} conns (wrk) " + (
                        "max rate" if rate is None else f"@{rate:.0f}/s"
                    )
                    print(f"{label:<34} {result}")
                continue
            for rate in (None, 500.0):
                latencies = asyncio.run(
                    hammer(
                        deployment.base_url,
                        deployment.headers,
                        path,
                        args.concurrency,
                        args.seconds,
                        rate,
                        deployment.processes[0].pid,
                    )
                )
                label = f"{name} {args.concurrency} clients " + (
                    "max rate" if rate is None else f"@{rate:.0f}/s"
                )
                report(label, latencies, args.seconds)
        finally:
            deployment.close()


if __name__ == "__main__":
    main()
