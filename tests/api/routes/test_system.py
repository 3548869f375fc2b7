"""Health and queue statistics (no authentication)."""

from __future__ import annotations

import httpx

from tests.support.servers import LiveApp, wait_for


def test_health_reports_database_engine_and_workers(live: LiveApp) -> None:
    with httpx.Client(base_url=live.base_url) as anonymous:
        response = anonymous.get("/api/v1/system/health")
        assert response.status_code == 200
        body = response.json()
        assert body["status"] == "healthy"
        assert body["services"]["database"] == "up"
        assert body["services"]["engine"] == "up"
        workers = body["services"]["workers"]
        assert workers["available"] is True
        assert workers["total"] == 1
        assert workers["test_sleep"] == 1
        assert anonymous.get("/api/v1/system/health?format=yaml").text.startswith("status: healthy")


def test_queue_stats_count_jobs_per_queue(live: LiveApp) -> None:
    with live.client() as client:
        job_id = client.post(
            "/api/v1/jobs/testSleep/submit", json={"payload": {"seconds": 2, "label": "stats"}}
        ).json()["job_id"]
        wait_for(client, job_id, ("processing",))
        stats = client.get("/api/v1/system/queue-stats").json()
        assert stats["queues"]["test_sleep"]["processing"] >= 1
        assert stats["queues"]["test_sleep"]["total"] >= 1
        assert stats["workers"]["test_sleep"]["total"] == 1
        wait_for(client, job_id, ("completed",))
        stats = client.get("/api/v1/system/queue-stats").json()
        assert stats["processing"]["jobs_last_hour"] >= 1
        assert stats["processing"]["jobs_last_24h"] >= 1
        assert stats["processing"]["avg_processing_time"] > 0
