"""The platform commands as a user runs them: clients create/list/disable, serve's first start."""

from __future__ import annotations

import os
import re
import signal
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from typer.testing import CliRunner

from spidernest.cli import app
from tests.support.servers import free_port, spawn_cli

TOKEN = re.compile(r"(cli_[a-z0-9]{15}):(sk_[a-z0-9]{47}):(secret_[a-z0-9]{48})")


@dataclass
class Outcome:
    returncode: int
    stdout: str


def run_cli(tmp_path: Path, *args: str) -> Outcome:
    """Run a command of the real CLI app in this process (no interpreter start-up per call)."""
    env = {"SPIDERNEST_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "200"}
    result = CliRunner().invoke(app, list(args), env=env)
    return Outcome(result.exit_code, result.output)


def test_clients_create_list_disable(tmp_path: Path) -> None:
    created = run_cli(tmp_path, "clients", "create", "acme")
    assert created.returncode == 0, created.stdout
    match = TOKEN.search(created.stdout.replace("\n", ""))
    assert match, created.stdout
    client_id = match.group(1)
    listed = run_cli(tmp_path, "clients", "list")
    assert client_id in listed.stdout
    assert "acme" in listed.stdout
    assert match.group(3) not in listed.stdout  # secrets are never shown again
    disabled = run_cli(tmp_path, "clients", "disable", client_id)
    assert disabled.returncode == 0
    assert "no" in run_cli(tmp_path, "clients", "list").stdout
    missing = run_cli(tmp_path, "clients", "disable", "cli_doesnotexist0000")
    assert missing.returncode == 1


def test_first_serve_creates_a_default_client_and_prints_how_to_call(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    env = {"SPIDERNEST_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "300"}
    process = spawn_cli(["serve", "--port", str(port)], env, log)
    try:
        deadline = time.monotonic() + 60
        while "SpiderNest API on" not in log.read_text():
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        text = log.read_text()
        match = TOKEN.search(text.replace("\n", ""))
        assert match, text
        assert "curl" in text
        token = match.group(0)
        while True:
            try:
                response = httpx.get(
                    f"http://127.0.0.1:{port}/api/v1/jobs/list",
                    headers={"Authorization": f"Bearer {token}"},
                )
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert response.status_code == 200
        assert response.json()["total"] == 0
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    # A second start does not create another client.
    restarted = run_cli(tmp_path, "clients", "list")
    assert restarted.stdout.count("default") == 1
