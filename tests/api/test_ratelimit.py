"""Rate limits: headers on every response, 429 with Retry-After past the burst."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from spidernest.api.ratelimit import RateLimiter
from tests.api.conftest import backend_settings
from tests.support.jobtypes import TEST_JOB_TYPES
from tests.support.servers import LiveApp


@pytest.fixture(scope="module")
def strict(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    settings = backend_settings(
        "sqlite",
        tmp_path_factory.mktemp("data"),
        api={"rate_limit_per_minute": 60, "rate_limit_burst": 5, "auth_cache_seconds": 0},
    )
    with LiveApp(settings, TEST_JOB_TYPES) as app:
        yield app


def test_headers_then_429_with_retry_after(strict: LiveApp) -> None:
    with strict.client() as client:
        remaining = []
        for _ in range(5):
            response = client.get("/api/v1/jobs/list")
            assert response.status_code == 200
            assert response.headers["x-ratelimit-limit"] == "60"
            remaining.append(int(response.headers["x-ratelimit-remaining"]))
            assert int(response.headers["x-ratelimit-reset"]) > 1_700_000_000
        assert remaining == [4, 3, 2, 1, 0]
        blocked = client.get("/api/v1/jobs/list")
        assert blocked.status_code == 429
        assert int(blocked.headers["retry-after"]) >= 1
        assert blocked.headers["x-ratelimit-remaining"] == "0"
        assert "rate limit" in blocked.json()["detail"].lower()
        # Another client has its own bucket.
        with strict.client("other") as other:
            assert other.get("/api/v1/jobs/list").status_code == 200


def test_anonymous_endpoints_carry_headers(strict: LiveApp) -> None:
    with httpx.Client(base_url=strict.base_url) as anonymous:
        response = anonymous.get("/api/v1/system/queue-stats")
        assert "x-ratelimit-limit" in response.headers


def test_bucket_refills_at_the_sustained_rate() -> None:
    limiter = RateLimiter(per_minute=6000, burst=2)  # 100 tokens/s
    assert limiter.hit("a").allowed
    assert limiter.hit("a").allowed
    denied = limiter.hit("a")
    assert not denied.allowed
    assert 0 < denied.retry_after <= 0.011
    assert limiter.hit("b").allowed
