"""Crash recovery with real processes: SIGKILL mid-job, restart, and takeover by a survivor."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from spidernest.config import Settings
from tests.support.servers import (
    create_postgres_database,
    free_port,
    make_client,
    postgres_admin_url,
    spawn_cli,
    wait_for,
)


class Cluster:
    """Real `spidernest` processes sharing one database, killed for real."""

    def __init__(self, tmp: Path, database_url: str | None) -> None:
        self.tmp = tmp
        self.markers = tmp / "markers"
        self.markers.mkdir()
        self.env = {
            "SPIDERNEST_DATA_DIR": str(tmp / "data"),
            "SPIDERNEST_EXTRA_JOB_TYPES": "tests.support.jobtypes:TEST_JOB_TYPES",
            "SPIDERNEST_API__RATE_LIMIT_PER_MINUTE": "100000",
            "SPIDERNEST_API__RATE_LIMIT_BURST": "10000",
            "SPIDERNEST_JOBS__HEARTBEAT_INTERVAL": "1",
            "SPIDERNEST_JOBS__DEAD_AFTER": "5",
            "SPIDERNEST_JOBS__WORKER_CONCURRENCY": "3",
            "SPIDERNEST_JOBS__POLLING_INTERVAL": "0.05",
        }
        if database_url:
            self.env["SPIDERNEST_DATABASE_URL"] = database_url
        self.settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            data_dir=tmp / "data",
            database_url=database_url,
        )
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.token = make_client(self.settings).token

    def start(self, key: str, args: list[str]) -> None:
        self.processes[key] = spawn_cli(args, self.env, self.tmp / f"{key}.log")

    def serve(self, key: str = "api", *extra: str) -> None:
        self.start(key, ["serve", "--port", str(self.port), *extra])
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base_url}/api/v1/system/queue-stats").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            assert self.processes[key].poll() is None, (self.tmp / f"{key}.log").read_text()
            time.sleep(0.1)
        raise AssertionError("server did not come up")

    def kill(self, key: str) -> None:
        process = self.processes.pop(key)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.base_url, headers={"Authorization": f"Bearer {self.token}"}, timeout=30
        )

    def submit(self, client: httpx.Client, seconds: float, label: str) -> str:
        payload = {"seconds": seconds, "label": label, "marker_dir": str(self.markers)}
        response = client.post("/api/v1/jobs/testSleep/submit", json={"payload": payload})
        assert response.status_code == 201, response.text
        job_id: str = response.json()["job_id"]
        return job_id

    def runs(self, job_id: str) -> int:
        marker = self.markers / f"{job_id}.runs"
        return len(marker.read_text().splitlines()) if marker.exists() else 0

    def wait_running(self, job_ids: list[str]) -> None:
        """Wait until every job's service code has started (its marker is written)."""
        deadline = time.monotonic() + 30
        while not all(self.runs(job_id) for job_id in job_ids):
            assert time.monotonic() < deadline, "jobs did not start"
            time.sleep(0.05)

    def close(self) -> None:
        for key in list(self.processes):
            process = self.processes.pop(key)
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@pytest.fixture
def sqlite_cluster(tmp_path: Path) -> Iterator[Cluster]:
    cluster = Cluster(tmp_path, None)
    yield cluster
    cluster.close()


@pytest.fixture
def postgres_cluster(tmp_path: Path) -> Iterator[Cluster]:
    if not postgres_admin_url():
        pytest.skip("SPIDERNEST_TEST_POSTGRES_URL is not set")
    cluster = Cluster(tmp_path, create_postgres_database())
    yield cluster
    cluster.close()


def test_sigkill_mid_job_then_restart_completes_each_job_once(sqlite_cluster: Cluster) -> None:
    cluster = sqlite_cluster
    cluster.serve()
    with cluster.client() as client:
        jobs = [cluster.submit(client, 2.5, f"crash{i}") for i in range(3)]
        for job_id in jobs:
            wait_for(client, job_id, ("processing",))
        cluster.wait_running(jobs)
        cluster.kill("api")
        cluster.serve()
        for job_id in jobs:
            wait_for(client, job_id, ("completed",), timeout=60)
            results = client.get(f"/api/v1/jobs/{job_id}/results")
            assert results.status_code == 200
            assert results.json()["data"]["job_id"] == job_id
            # Killed mid-run, resumed after restart: started twice, completed once.
            assert cluster.runs(job_id) == 2
        listed = client.get("/api/v1/jobs/list").json()
        assert listed["total"] == 3
        assert {job["status"] for job in listed["jobs"]} == {"completed"}


@pytest.mark.postgres
def test_two_workers_on_postgres_survivor_takes_over_a_killed_worker(
    postgres_cluster: Cluster,
) -> None:
    cluster = postgres_cluster
    cluster.serve("api", "--no-workers")
    cluster.start("w1", ["worker", "--name", "w1"])
    cluster.start("w2", ["worker", "--name", "w2"])
    with cluster.client() as client:
        deadline = time.monotonic() + 60
        while client.get("/api/v1/system/health").json()["services"]["workers"]["total"] < 2:
            assert time.monotonic() < deadline, "workers did not register"
            time.sleep(0.2)
        jobs = [cluster.submit(client, 4, f"pg{i}") for i in range(6)]
        owners = {job_id: wait_for(client, job_id, ("processing",))["worker_id"] for job_id in jobs}
        on_w1 = [job_id for job_id, owner in owners.items() if str(owner).endswith("-w1")]
        assert on_w1, owners
        assert len(on_w1) < len(jobs), owners  # both workers share the queue
        cluster.wait_running(jobs)
        cluster.kill("w1")
        killed_at = time.monotonic()
        for job_id in jobs:
            final = wait_for(client, job_id, ("completed",), timeout=60)
            assert str(final["worker_id"]).endswith("-w2")
        assert time.monotonic() - killed_at < 60
        for job_id in jobs:
            assert client.get(f"/api/v1/jobs/{job_id}/results").status_code == 200
            assert cluster.runs(job_id) == (2 if job_id in on_w1 else 1)


def test_a_second_process_with_the_same_name_is_refused(sqlite_cluster: Cluster) -> None:
    cluster = sqlite_cluster
    cluster.serve()
    clash = spawn_cli(["worker", "--name", "main"], cluster.env, cluster.tmp / "clash.log")
    assert clash.wait(timeout=60) != 0
    assert "in use" in (cluster.tmp / "clash.log").read_text()
