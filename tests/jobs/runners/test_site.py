"""The spiderSite job type, run directly with a JobContext built from real collaborators."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from spidernest.config import Settings
from spidernest.jobs.registry import JobContext
from spidernest.jobs.runners.site import JOB_TYPE, run, summary, timeout
from spidernest.media.store import MediaStore
from spidernest.net import Fetcher
from spidernest.services.site import SiteRequest
from tests.services.site.fixture_web import FixtureWeb


@pytest.fixture(scope="module")
def web() -> Iterator[FixtureWeb]:
    fixture_web = FixtureWeb()
    fixture_web.start()
    yield fixture_web
    fixture_web.stop()


async def _context(settings: Settings, fetcher: Fetcher, tmp_path: Path) -> JobContext:
    return JobContext(
        job_id="job-123",
        client_id="cli_test",
        settings=settings,
        fetcher=fetcher,
        media=MediaStore(tmp_path / "media", "http://127.0.0.1:8000"),
    )


async def test_compendium_is_stored_and_described(
    web: FixtureWeb, settings: Settings, tmp_path: Path
) -> None:
    payload = SiteRequest(url=web["de_handwerk"].url, mode="compendium")
    async with Fetcher(settings.net) as fetcher:
        result = await run(payload, await _context(settings, fetcher, tmp_path))
    compendium = result.compendium
    stored = tmp_path / "media" / "client-cli_test" / "compendiums" / "job-123.md"
    body = stored.read_bytes()
    assert compendium.available is True
    assert compendium.storage_location == "local"
    assert compendium.filename == "compendiums/job-123.md"
    assert compendium.download_url == (
        "http://127.0.0.1:8000/media/client-cli_test/compendiums/job-123.md"
    )
    assert compendium.size_bytes == len(body)
    assert compendium.content_hash == hashlib.sha256(body).hexdigest()
    assert result.markdown_compendium == body.decode()
    assert "info@tischlerei-holzmann.de" in result.emails


async def test_compendium_stays_out_of_the_response_when_asked(
    web: FixtureWeb, settings: Settings, tmp_path: Path
) -> None:
    payload = SiteRequest.model_validate(
        {"url": web["de_handwerk"].url, "compendium": {"include_in_response": False}}
    )
    async with Fetcher(settings.net) as fetcher:
        result = await run(payload, await _context(settings, fetcher, tmp_path))
    assert result.markdown_compendium is None
    assert result.compendium.available is True
    assert (tmp_path / "media" / "client-cli_test" / "compendiums" / "job-123.md").is_file()


async def test_contacts_mode_writes_nothing(
    web: FixtureWeb, settings: Settings, tmp_path: Path
) -> None:
    async with Fetcher(settings.net) as fetcher:
        result = await run(
            SiteRequest(url=web["it_studio"].url), await _context(settings, fetcher, tmp_path)
        )
    assert result.compendium.available is False
    assert not (tmp_path / "media").exists()


def test_job_type_identity_and_budget() -> None:
    assert (JOB_TYPE.name, JOB_TYPE.queue) == ("spiderSite", "spider_site")
    assert JOB_TYPE.payload_model is SiteRequest
    small = SiteRequest(url="https://example.com", max_pages=1, timeout=10, spa_timeout=10)
    large = SiteRequest(url="https://example.com", max_pages=50, timeout=120, spa_timeout=120)
    assert small.budget_seconds < timeout(small) < timeout(large) <= 1_800
    assert timeout(large) > large.budget_seconds + 120
    assert summary(small) == "https://example.com"
