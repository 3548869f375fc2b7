"""Shared pieces of the platform benchmarks: real server processes on a fresh database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.support.servers import (  # noqa: E402
    create_postgres_database,
    free_port,
    make_client,
    spawn_cli,
)

from spidernest.config import Settings  # noqa: E402


def postgres_admin() -> str:
    url = subprocess.run(
        [str(REPO / "scripts" / "postgres-for-tests")], check=True, capture_output=True, text=True
    ).stdout.strip()
    os.environ["SPIDERNEST_TEST_POSTGRES_URL"] = url
    return url


class Deployment:
    """An API process plus optional worker processes on one fresh database."""

    def __init__(
        self, postgres: bool, workers: int, concurrency: int = 32, polling: float | None = None
    ) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="spidernest-bench-"))
        database_url = None
        if postgres:
            postgres_admin()
            database_url = create_postgres_database()
        self.env = {
            "SPIDERNEST_DATA_DIR": str(self.tmp / "data"),
            "SPIDERNEST_EXTRA_JOB_TYPES": "tests.support.jobtypes:TEST_JOB_TYPES",
            "SPIDERNEST_API__RATE_LIMIT_PER_MINUTE": "100000000",
            "SPIDERNEST_API__RATE_LIMIT_BURST": "100000000",
            "SPIDERNEST_JOBS__WORKER_CONCURRENCY": str(concurrency),
            "SPIDERNEST_JOBS__DEDUP_HOURS": "0",
        }
        if database_url:
            self.env["SPIDERNEST_DATABASE_URL"] = database_url
        if polling is not None:
            self.env["SPIDERNEST_JOBS__POLLING_INTERVAL"] = str(polling)
        settings = Settings(_env_file=None, data_dir=self.tmp / "data", database_url=database_url)  # type: ignore[call-arg]
        self.token = make_client(settings).token
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.processes: list[subprocess.Popen[bytes]] = []
        api_args = ["serve", "--port", str(self.port)]
        if workers != 1 or postgres:
            api_args.append("--no-workers")
        self.processes.append(spawn_cli(api_args, self.env, self.tmp / "api.log"))
        if postgres or workers != 1:
            for index in range(workers):
                self.processes.append(
                    spawn_cli(
                        ["worker", "--name", f"w{index}"], self.env, self.tmp / f"w{index}.log"
                    )
                )
        self._wait_ready(workers)

    def _wait_ready(self, workers: int) -> None:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                health = httpx.get(f"{self.base_url}/api/v1/system/health").json()
                if health["services"]["workers"]["total"] >= workers:
                    return
            except (httpx.TransportError, KeyError, ValueError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"deployment did not start; logs in {self.tmp}")

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def close(self) -> None:
        for process in self.processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
