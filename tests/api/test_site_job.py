"""A spiderSite job end to end through the API, against the local fixture web."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from spidernest.jobs.catalog import JOB_TYPES
from tests.api.conftest import backend_settings
from tests.services.site.fixture_web import FixtureWeb
from tests.support.servers import LiveApp, wait_for

SITES = Path(__file__).resolve().parents[1] / "fixtures" / "site" / "sites"


@pytest.fixture(scope="module")
def fixture_web() -> Iterator[FixtureWeb]:
    web = FixtureWeb()
    web.start()
    yield web
    web.stop()


@pytest.fixture(scope="module")
def live_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    settings = backend_settings("sqlite", tmp_path_factory.mktemp("data"))
    with LiveApp(settings, JOB_TYPES) as app:
        yield app


def test_site_job_extracts_contacts_and_serves_the_compendium(
    live_site: LiveApp, fixture_web: FixtureWeb
) -> None:
    expected = json.loads((SITES / "de_handwerk" / "_expected.json").read_text())
    with live_site.client() as client:
        submitted = client.post(
            "/api/v1/jobs/spiderSite/submit",
            json={"payload": {"url": fixture_web["de_handwerk"].url, "mode": "compendium"}},
        )
        assert submitted.status_code == 201, submitted.text
        job_id = submitted.json()["job_id"]
        wait_for(client, job_id, ("completed", "failed"), timeout=120)
        response = client.get(f"/api/v1/jobs/{job_id}/results")
        assert response.status_code == 200, response.text
        data = response.json()["data"]
        assert data["crawl_status"] == "success"
        assert sorted(data["emails"]) == sorted(expected["emails"])
        assert data["facebook"] == expected["socials"]["facebook"]
        assert data["instagram"] == expected["socials"]["instagram"]
        assert data["linkedin"] is None
        assert data["metadata"]["sitemap_used"] is True
        assert data["metadata"]["crawl_strategy"] == "sitemap"
        compendium = data["compendium"]
        assert compendium["available"] is True
        assert compendium["download_url"].startswith(live_site.base_url)
        download = client.get(compendium["download_url"])
        assert download.status_code == 200
        assert download.text == data["markdown_compendium"]
        assert len(download.content) == compendium["size_bytes"]
        # Another client cannot download it.
        with live_site.client("other") as other:
            assert other.get(compendium["download_url"]).status_code == 404
        with httpx.Client() as anonymous:
            assert anonymous.get(compendium["download_url"]).status_code == 401


def test_site_payload_errors_name_the_field(live_site: LiveApp) -> None:
    with live_site.client() as client:
        for payload, field in (
            ({"url": "https://example.com", "max_pages": 51}, "max_pages"),
            ({"url": "https://example.com", "crawl_strategy": "random"}, "crawl_strategy"),
            ({"url": "https://example.com", "product_description": "x"}, "icp_description"),
            ({}, "url"),
        ):
            response = client.post("/api/v1/jobs/spiderSite/submit", json={"payload": payload})
            assert response.status_code == 422, payload
            assert field in response.text, response.text
