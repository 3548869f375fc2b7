"""The spiderVerify runner, called the way a worker calls it, against loopback DNS and SMTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import ValidationError

from spidernest.config import Settings
from spidernest.jobs.registry import JobContext
from spidernest.jobs.runners.verify import JOB_TYPE
from spidernest.media.store import MediaStore
from spidernest.net import Fetcher
from spidernest.services.verify import VerifyRequest, VerifyResult
from tests.services.verify.peers import Peers, start_world, stopping


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Peers]:
    yield from stopping(start_world(tmp_path_factory.mktemp("tls")))


def test_job_type_contract() -> None:
    assert JOB_TYPE.name == "spiderVerify"
    assert JOB_TYPE.queue == "spider_verify"
    assert JOB_TYPE.payload_model is VerifyRequest
    one = VerifyRequest(email="a@example.com")
    many = VerifyRequest(emails=[f"user{i}@example.com" for i in range(100)], smtp_timeout_secs=120)
    assert 45 < JOB_TYPE.timeout(one) < JOB_TYPE.timeout(many) <= 4 * 3600
    assert JOB_TYPE.summary(one) == "a@example.com"
    assert JOB_TYPE.summary(VerifyRequest(emails=["x@y.com", "z@y.com"])) == "x@y.com"


@pytest.mark.parametrize(
    ("payload", "field_hint"),
    [
        ({}, "email"),
        ({"email": "a@b.com", "emails": ["c@d.com"]}, "not both"),
        ({"emails": []}, "emails"),
        ({"emails": [f"u{i}@x.com" for i in range(101)]}, "emails"),
        ({"email": "a@b.com", "smtp_timeout_secs": 5}, "smtp_timeout_secs"),
        ({"email": "a@b.com", "smtp_timeout_secs": 121}, "smtp_timeout_secs"),
        ({"email": "a@b.com", "from_email": "x@y.com>\r\nDATA"}, "from_email"),
        ({"email": "a@b.com", "hello_name": "mx.example.com\r\nMAIL FROM:<>"}, "hello_name"),
    ],
)
def test_bad_payloads_are_refused_naming_the_field(
    payload: dict[str, object], field_hint: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        JOB_TYPE.payload_model.model_validate(payload)
    assert field_hint in str(caught.value)


def test_compatibility_fields_are_accepted_and_defaults_documented() -> None:
    payload = VerifyRequest.model_validate(
        {"email": "a@b.com", "fuzziq_enabled": True, "fuzziq_unique_only": False, "test": True}
    )
    assert payload.smtp_timeout_secs == 45
    assert payload.check_gravatar is False
    assert payload.check_dnsbl is False


async def test_run_returns_the_documented_data(world: Peers, tmp_path: Path) -> None:
    settings = Settings(
        _env_file=None,
        data_dir=tmp_path / "data",
        net={"allow_private_networks": True, "retry_backoff": 0.01},
        verify={
            "dns_servers": world.dns.address,
            "smtp_port": world.smtp_port,
            "hello_name": "verifier.test",
            "greylist_retry_delay": 0.1,
            "allow_private_mail_hosts": True,
        },
    )
    updates: list[tuple[float, str]] = []

    async def progress(fraction: float, message: str) -> None:
        updates.append((fraction, message))

    payload = JOB_TYPE.payload_model.model_validate(
        {"emails": ["alice@acme.test", "nobody@acme.test", "alice@nowhere.test"]}
    )
    async with Fetcher(settings.net) as fetcher:
        context = JobContext(
            job_id="job-1",
            client_id="cli_test",
            settings=settings,
            fetcher=fetcher,
            media=MediaStore(tmp_path / "media", "http://127.0.0.1:8000"),
            progress=progress,
        )
        result = await JOB_TYPE.run(payload, context)
    assert isinstance(result, VerifyResult)
    data = result.model_dump(mode="json")
    assert data["total"] == 3
    assert data["summary"] == {
        "valid": 1,
        "invalid": 2,
        "risky": 0,
        "unknown": 0,
        "fuzziq_skipped": 0,
    }
    first = data["results"][0]
    assert set(first) == {
        "email", "status", "sub_status", "quality", "score", "flags", "domain",
        "gravatar_url", "did_you_mean", "dnsbl",
    }  # fmt: skip
    assert set(first["flags"]) == {
        "is_valid_syntax", "is_deliverable", "is_free_email", "is_disposable",
        "is_role_account", "is_catch_all", "is_disabled", "has_full_inbox", "has_gravatar",
    }  # fmt: skip
    assert set(first["domain"]) == {"name", "mx_found", "mx_records", "smtp_provider"}
    assert [item["sub_status"] for item in data["results"]] == [
        "deliverable",
        "mailbox_not_found",
        "domain_not_found",
    ]
    assert "total_time_seconds" in data["metadata"]
    assert updates
    assert updates[-1][0] == 1.0
