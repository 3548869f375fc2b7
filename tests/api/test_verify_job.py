"""A spiderVerify job end to end through the API, against real DNS and SMTP peers on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from spidernest.jobs.catalog import JOB_TYPES
from tests.api.conftest import backend_settings
from tests.services.verify.peers import Peers, start_world, stopping
from tests.support.servers import LiveApp, wait_for


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Peers]:
    yield from stopping(start_world(tmp_path_factory.mktemp("tls")))


@pytest.fixture(scope="module")
def live_verify(world: Peers, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    settings = backend_settings(
        "sqlite",
        tmp_path_factory.mktemp("data"),
        verify={
            "dns_servers": (world.dns.address,),
            "smtp_port": world.smtp_port,
            "hello_name": "verifier.test",
            "from_email": "probe@verifier.test",
            "greylist_retry_delay": 0.2,
            "allow_private_mail_hosts": True,
        },
    )
    with LiveApp(settings, JOB_TYPES) as app:
        yield app


def test_verify_job_returns_the_bulk_envelope(live_verify: LiveApp) -> None:
    with live_verify.client() as client:
        submitted = client.post(
            "/api/v1/jobs/spiderVerify/submit",
            json={
                "payload": {"emails": ["alice@acme.test", "nobody@acme.test", "info@acme.test"]},
                "priority": 5,
            },
        )
        assert submitted.status_code == 201, submitted.text
        job_id = submitted.json()["job_id"]
        wait_for(client, job_id, ("completed", "failed"), timeout=90)
        results = client.get(f"/api/v1/jobs/{job_id}/results")
        assert results.status_code == 200, results.text
        data = results.json()["data"]
        assert data["total"] == 3
        assert data["summary"] == {
            "valid": 1,
            "invalid": 1,
            "risky": 1,
            "unknown": 0,
            "fuzziq_skipped": 0,
        }
        verdicts = {row["email"]: (row["status"], row["sub_status"]) for row in data["results"]}
        assert verdicts == {
            "alice@acme.test": ("valid", "deliverable"),
            "nobody@acme.test": ("invalid", "mailbox_not_found"),
            "info@acme.test": ("risky", "role_account"),
        }
        alice = next(row for row in data["results"] if row["email"] == "alice@acme.test")
        assert alice["score"] == 100
        assert alice["flags"]["is_deliverable"] is True
        assert alice["domain"]["mx_found"] is True
        assert data["metadata"]["total_time_seconds"] >= 0


def test_verify_payload_rules(live_verify: LiveApp) -> None:
    with live_verify.client() as client:
        both = client.post(
            "/api/v1/jobs/spiderVerify/submit",
            json={"payload": {"email": "a@acme.test", "emails": ["b@acme.test"]}},
        )
        assert both.status_code == 422
        too_many = client.post(
            "/api/v1/jobs/spiderVerify/submit",
            json={"payload": {"emails": [f"u{i}@acme.test" for i in range(101)]}},
        )
        assert too_many.status_code == 422
        assert "emails" in too_many.text
