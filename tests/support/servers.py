"""Run the real API (uvicorn in a thread) or real CLI processes, on SQLite or PostgreSQL."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Mapping
from pathlib import Path

import httpx
import sqlalchemy as sa
import uvicorn

from spidernest.api.app import create_app
from spidernest.config import Settings
from spidernest.jobs.registry import JobType
from spidernest.store.clients import ClientStore, Credential
from spidernest.store.database import Database

REPO = Path(__file__).resolve().parents[2]
POSTGRES_ENV = "SPIDERNEST_TEST_POSTGRES_URL"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def postgres_admin_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


def create_postgres_database() -> str:
    """A fresh, empty database on the test server; returns its URL."""
    admin = postgres_admin_url()
    assert admin, f"{POSTGRES_ENV} is not set"
    name = f"sn_test_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(
        admin.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
    )
    with engine.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin.rsplit("/", 1)[0] + "/" + name


def make_client(settings: Settings, name: str = "test") -> Credential:
    """Create a client directly in the database (as `spidernest clients create` does)."""

    async def create() -> Credential:
        database = Database(settings.resolved_database_url)
        await asyncio.to_thread(database.migrate)
        try:
            return await ClientStore(database).create(name)
        finally:
            await database.aclose()

    return asyncio.run(create())


class LiveApp:
    """The FastAPI app served by uvicorn in a background thread, with its workers."""

    def __init__(
        self, settings: Settings, job_types: Mapping[str, JobType], *, run_workers: bool = True
    ) -> None:
        self.settings = settings
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.app = create_app(
            settings, job_types=job_types, run_workers=run_workers, public_url=self.base_url
        )
        config = uvicorn.Config(
            self.app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveApp:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("API server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=60)

    def client(self, name: str = "test") -> httpx.Client:
        """An HTTP client authenticated as a new API client."""
        credential = make_client(self.settings, name)
        return httpx.Client(
            base_url=self.base_url,
            headers={"Authorization": f"Bearer {credential.token}"},
            timeout=30,
        )


def wait_for(
    client: httpx.Client, job_id: str, states: tuple[str, ...], timeout: float = 30
) -> dict[str, object]:
    """Poll a job's status until it is in one of ``states``."""
    deadline = time.monotonic() + timeout
    while True:
        body: dict[str, object] = client.get(f"/api/v1/jobs/{job_id}/status").json()
        if body.get("status") in states:
            return body
        if time.monotonic() > deadline:
            raise AssertionError(f"job {job_id} stuck in {body.get('status')}: {body}")
        time.sleep(0.05)


def spawn_cli(args: list[str], env: Mapping[str, str], log: Path) -> subprocess.Popen[bytes]:
    """Start ``spidernest ARGS`` as a real process (its own process group), logging to ``log``."""
    full_env = {**os.environ, **env, "PYTHONPATH": str(REPO)}
    with log.open("ab") as handle:
        return subprocess.Popen(
            [sys.executable, "-m", "spidernest", *args],
            env=full_env,
            cwd=REPO,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
