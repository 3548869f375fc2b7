"""The spiderMaps runner, called the way a worker calls it, against the local Google stand-in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from spidernest.config import Settings
from spidernest.jobs.registry import JobContext
from spidernest.jobs.runners.maps import JOB_TYPE
from spidernest.media.store import MediaStore
from spidernest.net import Fetcher
from spidernest.services.maps import MapsRequest, MapsResult
from tests.services.maps.standin import StandIn, run_standin


@pytest.fixture
def standin() -> Iterator[StandIn]:
    with run_standin() as state:
        yield state


def job_settings(standin: StandIn, tmp_path: Path) -> Settings:
    return Settings(
        _env_file=None,
        data_dir=tmp_path / "data",
        net={"allow_private_networks": True, "retry_backoff": 0.01},
        maps={
            "google_maps_url": standin.base_url,
            "places_api_url": standin.base_url,
            "request_delay": 0,
            "retry_backoff": 0.01,
        },
    )


def test_job_type_contract() -> None:
    assert JOB_TYPE.name == "spiderMaps"
    assert JOB_TYPE.queue == "spider_maps"
    assert JOB_TYPE.payload_model is MapsRequest
    small = MapsRequest(query="dentists in Lyon", max_results=1)
    large = MapsRequest(query="dentists in Lyon", max_results=100)
    assert JOB_TYPE.timeout(large) > JOB_TYPE.timeout(small) > 60
    assert JOB_TYPE.summary(small) == "dentists in Lyon"
    url = "https://www.google.com/maps/search/dentists+in+Lyon/"
    assert JOB_TYPE.summary(MapsRequest(url=url)) == url


def test_payload_validation() -> None:
    payload = JOB_TYPE.payload_model.model_validate(
        {"query": "plumbers in Berlin", "location": "DE", "store_images": False}
    )
    assert payload.model_dump(mode="json")["search_query"] == "plumbers in Berlin"


async def test_run_returns_the_documented_data(standin: StandIn, tmp_path: Path) -> None:
    settings = job_settings(standin, tmp_path)
    updates: list[tuple[float, str]] = []

    async def progress(fraction: float, message: str) -> None:
        updates.append((fraction, message))

    async with Fetcher(settings.net) as fetcher:
        ctx = JobContext(
            job_id="job-1",
            client_id="client-1",
            settings=settings,
            fetcher=fetcher,
            media=MediaStore(tmp_path / "media", "http://127.0.0.1:8000"),
            progress=progress,
        )
        payload = JOB_TYPE.payload_model.model_validate(
            {"search_query": "coffee", "max_results": 7, "lang": "en"}
        )
        result = await JOB_TYPE.run(payload, ctx)
    assert isinstance(result, MapsResult)
    data = result.model_dump(mode="json")
    assert set(data) == {"query", "results_count", "businesses", "metadata"}
    assert data["query"] == "coffee"
    assert data["results_count"] == 7
    assert data["metadata"]["max_results"] == 7
    assert data["metadata"]["language"] == "en"
    business = data["businesses"][0]
    assert business["name"] == "Dream Coffee"
    assert business["coordinates"] == {"latitude": 38.0331931, "longitude": 23.7094475}
    assert business["business_status"] == "OPERATIONAL"
    assert business["phone_valid"] is True
    assert updates
    assert updates[-1][0] == 1.0
