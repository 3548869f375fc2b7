"""The jobs API against the spec: envelopes, status codes, de-duplication, cancel, bad input."""

from __future__ import annotations

import time
import uuid

from tests.support.servers import LiveApp, wait_for

RESULT_FIELDS = {
    "success",
    "job_id",
    "type",
    "status",
    "processing_time_seconds",
    "worker_id",
    "completed_at",
    "message",
    "data",
    "error_message",
}


def test_submit_then_results_follow_the_documented_envelope(live: LiveApp) -> None:
    with live.client() as client:
        response = client.post(
            "/api/v1/jobs/testSleep/submit", json={"payload": {"seconds": 0.6}, "priority": 3}
        )
        assert response.status_code == 201
        submitted = response.json()
        assert set(submitted) == {"job_id", "type", "status", "created_at", "from_cache", "message"}
        assert submitted["status"] == "queued"
        assert submitted["from_cache"] is False
        job_id = submitted["job_id"]

        pending = client.get(f"/api/v1/jobs/{job_id}/results")
        assert pending.status_code == 202
        body = pending.json()
        assert set(body) == RESULT_FIELDS
        assert body["success"] is False
        assert body["data"] is None
        assert body["status"] in ("queued", "processing")

        wait_for(client, job_id, ("completed",))
        done = client.get(f"/api/v1/jobs/{job_id}/results")
        assert done.status_code == 200
        body = done.json()
        assert set(body) == RESULT_FIELDS
        assert body["success"] is True
        assert body["status"] == "completed"
        assert body["data"] == {"slept": 0.6, "label": "x", "job_id": job_id}
        assert body["processing_time_seconds"] >= 0.6
        assert body["worker_id"].endswith("-main")
        assert body["completed_at"].endswith("Z")
        assert body["error_message"] is None

        status = client.get(f"/api/v1/jobs/{job_id}/status").json()
        assert status["status"] == "completed"
        assert status["priority"] == 3
        assert status["worker_id"] == body["worker_id"]
        assert {"created_at", "updated_at", "worker_id", "type", "success"} <= set(status)


def test_identical_payload_within_a_day_returns_the_same_job(live: LiveApp) -> None:
    with live.client() as client, live.client("other") as other:
        payload = {"payload": {"seconds": 0, "label": "dedup"}}
        first = client.post("/api/v1/jobs/testSleep/submit", json=payload).json()
        again = client.post("/api/v1/jobs/testSleep/submit", json=payload).json()
        assert again["job_id"] == first["job_id"]
        assert again["from_cache"] is True
        # Another client never shares a job.
        theirs = other.post("/api/v1/jobs/testSleep/submit", json=payload).json()
        assert theirs["job_id"] != first["job_id"]
        assert theirs["from_cache"] is False
        # test: true forces a fresh run.
        fresh = client.post(
            "/api/v1/jobs/testSleep/submit",
            json={"payload": {"seconds": 0, "label": "dedup", "test": True}},
        ).json()
        assert fresh["job_id"] != first["job_id"]
        assert fresh["from_cache"] is False


def test_failed_job_is_410_with_its_error(live: LiveApp) -> None:
    with live.client() as client:
        job_id = client.post(
            "/api/v1/jobs/testSleep/submit", json={"payload": {"fail": True, "label": "boom"}}
        ).json()["job_id"]
        wait_for(client, job_id, ("failed",))
        response = client.get(f"/api/v1/jobs/{job_id}/results")
        assert response.status_code == 410
        body = response.json()
        assert set(body) == RESULT_FIELDS
        assert body["success"] is False
        assert body["status"] == "failed"
        assert body["data"] is None
        assert "asked to fail (boom)" in body["error_message"]


def test_cancel_stops_a_running_job(live: LiveApp, tmp_path: object) -> None:
    with live.client() as client:
        job_id = client.post(
            "/api/v1/jobs/testSleep/submit", json={"payload": {"seconds": 30}}
        ).json()["job_id"]
        wait_for(client, job_id, ("processing",))
        cancelled = client.delete(f"/api/v1/jobs/{job_id}")
        assert cancelled.status_code == 200
        assert cancelled.json() == {
            "success": True,
            "job_id": job_id,
            "status": "cancelled",
            "message": "Job cancelled successfully",
        }
        results = client.get(f"/api/v1/jobs/{job_id}/results")
        assert results.status_code == 410
        assert results.json()["status"] == "cancelled"
        # Cancelling again: the job is finished.
        again = client.delete(f"/api/v1/jobs/{job_id}")
        assert again.status_code == 400
        assert "already cancelled" in again.json()["detail"]
        # The running step was stopped, so the job never turns completed afterwards.
        time.sleep(1.0)
        assert client.get(f"/api/v1/jobs/{job_id}/status").json()["status"] == "cancelled"
        stats = client.get("/api/v1/system/queue-stats").json()
        assert stats["queues"]["test_sleep"]["processing"] == 0


def test_cancel_a_queued_job_and_a_finished_one(live: LiveApp) -> None:
    with live.client() as client:
        done = client.post(
            "/api/v1/jobs/testSleep/submit", json={"payload": {"label": "quick"}}
        ).json()["job_id"]
        wait_for(client, done, ("completed",))
        response = client.delete(f"/api/v1/jobs/{done}")
        assert response.status_code == 400
        assert "completed" in response.json()["detail"]
        alias = client.post(f"/api/v1/jobs/{done}/cancel")
        assert alias.status_code == 400


def test_another_clients_job_is_not_found(live: LiveApp) -> None:
    with live.client("owner") as owner, live.client("intruder") as intruder:
        job_id = owner.post(
            "/api/v1/jobs/testSleep/submit", json={"payload": {"label": "private"}}
        ).json()["job_id"]
        for method, path in (
            ("GET", f"/api/v1/jobs/{job_id}/status"),
            ("GET", f"/api/v1/jobs/{job_id}/results"),
            ("DELETE", f"/api/v1/jobs/{job_id}"),
        ):
            response = intruder.request(method, path)
            assert response.status_code == 404
            assert response.json() == {"detail": "Job not found"}
        assert intruder.get("/api/v1/jobs/list").json()["total"] == 0
        unknown = owner.get(f"/api/v1/jobs/{uuid.uuid4()}/status")
        assert unknown.status_code == 404


def test_bad_input_is_a_4xx_naming_the_problem_and_writes_nothing(live: LiveApp) -> None:
    with live.client() as client:
        cases = [
            (
                client.post(
                    "/api/v1/jobs/testSleep/submit",
                    content=b"{not json",
                    headers={"content-type": "application/json"},
                ),
                422,
                "json",
            ),
            (
                client.post("/api/v1/jobs/noSuchType/submit", json={"payload": {}}),
                404,
                "noSuchType",
            ),
            (
                client.post("/api/v1/jobs/testSleep/submit", json={"payload": {"seconds": -1}}),
                422,
                "seconds",
            ),
            (
                client.post("/api/v1/jobs/testSleep/submit", json={"payload": {"bogus": 1}}),
                422,
                "bogus",
            ),
            (
                client.post("/api/v1/jobs/testSleep/submit", json={"payload": {}, "priority": 11}),
                422,
                "priority",
            ),
            (client.post("/api/v1/jobs/testSleep/submit", json={"priority": 1}), 422, "payload"),
            (client.get("/api/v1/jobs/not-a-uuid/status"), 422, "UUID"),
            (client.get("/api/v1/jobs/not-a-uuid/results"), 422, "UUID"),
            (client.get("/api/v1/jobs/list?page_size=101"), 422, "page_size"),
            (client.get("/api/v1/jobs/list?status_filter=weird"), 422, "status_filter"),
            (client.get("/api/v1/jobs/list?format=xml"), 422, "format"),
        ]
        for response, status, needle in cases:
            assert response.status_code == status, (response.request.url, response.text)
            assert needle.lower() in response.text.lower(), response.text
            assert "detail" in response.json()
        assert client.get("/api/v1/jobs/list").json()["total"] == 0


def test_formats_yaml_and_markdown(live: LiveApp) -> None:
    with live.client() as client:
        job_id = client.post(
            "/api/v1/jobs/testSleep/submit", json={"payload": {"label": "fmt"}}
        ).json()["job_id"]
        wait_for(client, job_id, ("completed",))
        yaml_body = client.get(f"/api/v1/jobs/{job_id}/results?format=yaml")
        assert yaml_body.status_code == 200
        assert yaml_body.headers["content-type"].startswith("application/yaml")
        assert f"job_id: {job_id}" in yaml_body.text
        assert "status: completed" in yaml_body.text
        markdown = client.get(f"/api/v1/jobs/{job_id}/status?format=md")
        assert markdown.headers["content-type"].startswith("text/markdown")
        assert markdown.text.startswith(f"## Job: {job_id}")
        assert "**status**: completed" in markdown.text
        as_json = client.get(f"/api/v1/jobs/{job_id}/status?format=json")
        assert as_json.json()["status"] == "completed"
        listed = client.get("/api/v1/jobs/list?format=yaml")
        assert "total: 1" in listed.text


def test_list_pages_filters_and_sorts(live: LiveApp) -> None:
    with live.client() as client:
        ids = [
            client.post(
                "/api/v1/jobs/testSleep/submit", json={"payload": {"label": f"job{i}"}}
            ).json()["job_id"]
            for i in range(5)
        ]
        failing = client.post(
            "/api/v1/jobs/testSleep/submit", json={"payload": {"fail": True}}
        ).json()["job_id"]
        for job_id in [*ids, failing]:
            wait_for(client, job_id, ("completed", "failed"))
        page = client.get("/api/v1/jobs/list?page=1&page_size=4").json()
        assert page["total"] == 6
        assert page["total_pages"] == 2
        assert len(page["jobs"]) == 4
        assert page["jobs"][0]["job_id"] == failing  # newest first
        second = client.get("/api/v1/jobs/list?page=2&page_size=4").json()
        assert len(second["jobs"]) == 2
        oldest = client.get("/api/v1/jobs/list?sort_order=asc&page_size=1").json()
        assert oldest["jobs"][0]["job_id"] == ids[0]
        assert oldest["jobs"][0]["url"] == "job0"
        failed = client.get("/api/v1/jobs/list?status_filter=failed").json()
        assert [job["job_id"] for job in failed["jobs"]] == [failing]
        typed = client.get("/api/v1/jobs/list?type_filter=spiderSite").json()
        assert typed["total"] == 0


def test_priority_orders_the_queue(live: LiveApp) -> None:
    with live.client() as client:
        # Fill every worker slot so later jobs wait in the queue; the slots then free up one
        # at a time, so each poll of the queue can start only the best waiting job.
        blockers = [
            client.post(
                "/api/v1/jobs/testSleep/submit",
                json={"payload": {"seconds": 1.5 + 0.4 * i, "label": f"block{i}", "test": True}},
            ).json()["job_id"]
            for i in range(live.settings.jobs.worker_concurrency)
        ]
        for job_id in blockers:
            wait_for(client, job_id, ("processing",))
        low = client.post(
            "/api/v1/jobs/testSleep/submit", json={"payload": {"label": "low"}, "priority": 0}
        ).json()["job_id"]
        high = client.post(
            "/api/v1/jobs/testSleep/submit", json={"payload": {"label": "high"}, "priority": 10}
        ).json()["job_id"]
        low_done = wait_for(client, low, ("completed",))
        high_done = wait_for(client, high, ("completed",))
        assert high_done["started_at"] <= low_done["started_at"]
