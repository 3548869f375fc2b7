"""System: health and queue statistics (no authentication)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from spidernest import __version__
from spidernest.api.deps import FormatQuery, PlatformDep, anonymous_rate_limit
from spidernest.api.render import render

router = APIRouter(
    prefix="/api/v1/system", tags=["system"], dependencies=[Depends(anonymous_rate_limit)]
)


@router.get("/health")
async def health(request: Request, platform: PlatformDep, format: FormatQuery = "json") -> Response:
    """Database, engine and worker state. 503 when any of them is down."""
    settings = platform.settings
    database_up = await platform.database.ping()
    workers: list[Any] = []
    if database_up:
        workers = await platform.engine.workers.alive(settings.jobs.dead_after)
    per_queue: dict[str, int] = dict.fromkeys(platform.engine.queues, 0)
    for worker in workers:
        for queue in filter(None, worker.queues.split(",")):
            per_queue[queue] = per_queue.get(queue, 0) + 1
    engine_up = platform.engine.launched
    healthy = database_up and engine_up and bool(workers)
    body = {
        "status": "healthy" if healthy else ("degraded" if database_up else "unhealthy"),
        "timestamp": datetime.now(UTC).isoformat(),
        "version": __version__,
        "services": {
            "database": "up" if database_up else "down",
            "engine": "up" if engine_up else "down",
            "workers": {
                **per_queue,
                "total": len(workers),
                "available": bool(workers),
                "executors": [worker.executor_id for worker in workers],
            },
        },
    }
    return render(request, body, status_code=200 if healthy else 503)


@router.get("/queue-stats")
async def queue_stats(
    request: Request, platform: PlatformDep, format: FormatQuery = "json"
) -> Response:
    """Jobs queued and processing per queue, and recent throughput.

    Also counts jobs finished in the last hour and 24 hours and their average processing time.
    """
    counts = await platform.engine.jobs.queue_counts()
    workers = await platform.engine.workers.alive(platform.settings.jobs.dead_after)
    queues: dict[str, Any] = {}
    worker_counts: dict[str, Any] = {}
    for queue in platform.engine.queues or sorted(counts):
        entry = counts.get(queue)
        queued = entry.queued if entry else 0
        processing = entry.processing if entry else 0
        queues[queue] = {"queued": queued, "processing": processing, "total": queued + processing}
        serving = [w for w in workers if queue in w.queues.split(",")]
        worker_counts[queue] = {"total": len(serving)}
    last_hour = sum(c.completed_last_hour for c in counts.values())
    last_day = sum(c.completed_last_24h for c in counts.values())
    weighted = [
        (c.avg_processing_time, c.completed_last_24h)
        for c in counts.values()
        if c.avg_processing_time is not None
    ]
    total_weight = sum(weight for _, weight in weighted)
    average = (
        round(sum(avg * weight for avg, weight in weighted) / total_weight, 3)
        if total_weight
        else None
    )
    body = {
        "timestamp": datetime.now(UTC).isoformat(),
        "queues": queues,
        "workers": worker_counts,
        "processing": {
            "jobs_last_hour": last_hour,
            "jobs_last_24h": last_day,
            "avg_processing_time": average,
            "current_rate": round(last_hour / 60.0, 3),
        },
    }
    return render(request, body)
