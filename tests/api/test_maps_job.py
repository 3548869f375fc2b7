"""A spiderMaps job end to end through the API, against the local stand-in for Google."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from spidernest.jobs.catalog import JOB_TYPES
from tests.api.conftest import backend_settings
from tests.services.maps.standin import StandIn, run_standin
from tests.support.servers import LiveApp, wait_for


@pytest.fixture(scope="module")
def standin() -> Iterator[StandIn]:
    with run_standin() as state:
        yield state


@pytest.fixture(scope="module")
def live_maps(standin: StandIn, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    settings = backend_settings(
        "sqlite",
        tmp_path_factory.mktemp("data"),
        maps={
            "google_maps_url": standin.base_url,
            "places_api_url": standin.base_url,
            "request_delay": 0,
            "retry_backoff": 0.01,
            "provider": "http",
        },
    )
    with LiveApp(settings, JOB_TYPES) as app:
        yield app


def test_maps_job_returns_businesses_in_the_documented_shape(
    live_maps: LiveApp, standin: StandIn
) -> None:
    standin.total_results = 60
    with live_maps.client() as client:
        submitted = client.post(
            "/api/v1/jobs/spiderMaps/submit",
            json={"payload": {"search_query": "coffee in Athens", "max_results": 25}},
        )
        assert submitted.status_code == 201, submitted.text
        job_id = submitted.json()["job_id"]
        wait_for(client, job_id, ("completed", "failed"), timeout=60)
        results = client.get(f"/api/v1/jobs/{job_id}/results")
        assert results.status_code == 200, results.text
        body = results.json()
        assert body["type"] == "spiderMaps"
        data = body["data"]
        assert data["query"] == "coffee in Athens"
        assert data["results_count"] == len(data["businesses"]) == 25
        assert data["metadata"]["max_results"] == 25
        assert data["metadata"]["language"] == "en"
        place_ids = [business["place_id"] for business in data["businesses"]]
        assert len(set(place_ids)) == len(place_ids)
        first = data["businesses"][0]
        for field in (
            "name",
            "place_id",
            "rating",
            "reviews_count",
            "address",
            "phone",
            "website",
            "categories",
            "coordinates",
            "link",
            "business_status",
            "price_range",
            "working_hours",
        ):
            assert field in first
        assert first["name"]
        assert first["place_id"].startswith("0x")
        assert set(first["coordinates"]) == {"latitude", "longitude"}


def test_maps_payload_errors_name_the_field(live_maps: LiveApp) -> None:
    with live_maps.client() as client:
        neither = client.post("/api/v1/jobs/spiderMaps/submit", json={"payload": {}})
        assert neither.status_code == 422
        assert "search_query" in neither.text
        too_many = client.post(
            "/api/v1/jobs/spiderMaps/submit",
            json={"payload": {"search_query": "x in y", "max_results": 101}},
        )
        assert too_many.status_code == 422
        assert "max_results" in too_many.text
