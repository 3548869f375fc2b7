"""Jobs: submit, status, results, list, cancel."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from spidernest.api.deps import CurrentClient, FormatQuery, PlatformDep
from spidernest.api.render import render
from spidernest.jobs.models import (
    JobCancelled,
    JobList,
    JobResults,
    JobState,
    JobStatus,
    JobSubmitRequest,
    JobSubmitted,
)

router = APIRouter(prefix="/api/v1/jobs", tags=["jobs"])

JobIdPath = Annotated[str, Path(description="The job's UUID", max_length=64)]


class GenericSubmitRequest(BaseModel):
    """The body of ``POST /api/v1/jobs/submit``: the job type named in the body."""

    model_config = {"extra": "forbid"}

    type: str = Field(max_length=40)
    payload: dict[str, Any]
    priority: int = Field(default=0, ge=0, le=10)


@router.post("/submit", status_code=201, response_model=JobSubmitted)
async def submit_any(
    body: GenericSubmitRequest, client: CurrentClient, platform: PlatformDep
) -> JSONResponse:
    """Submit a job whose type is named in the body (`type`, `payload`, `priority`)."""
    submitted = await platform.jobs.submit(client.id, body.type, body.payload, body.priority)
    return JSONResponse(submitted.model_dump(mode="json"), status_code=201)


@router.post("/{job_type}/submit", status_code=201, response_model=JobSubmitted)
async def submit(
    job_type: Annotated[str, Path(max_length=40)],
    body: JobSubmitRequest,
    client: CurrentClient,
    platform: PlatformDep,
) -> JSONResponse:
    """Submit a job (`spiderSite`, `spiderMaps`, `spiderVerify`).

    An identical payload from the same client within 24 hours returns the earlier job with
    `from_cache: true` unless `payload.test` is true.
    """
    submitted = await platform.jobs.submit(client.id, job_type, body.payload, body.priority)
    return JSONResponse(submitted.model_dump(mode="json"), status_code=201)


@router.get("/list", response_model=JobList)
async def list_jobs(
    request: Request,
    client: CurrentClient,
    platform: PlatformDep,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 50,
    status_filter: JobState | None = None,
    type_filter: Annotated[str | None, Query(max_length=40)] = None,
    sort_by: Literal["created_at", "updated_at", "status"] = "created_at",
    sort_order: Literal["asc", "desc"] = "desc",
    format: FormatQuery = "json",
) -> Response:
    """List your jobs, newest first by default."""
    jobs = await platform.jobs.list(
        client.id,
        page=page,
        page_size=page_size,
        status=status_filter,
        job_type=type_filter,
        sort_by=sort_by,
        sort_order=sort_order,
    )
    return render(request, jobs)


@router.get("/{job_id}/status", response_model=JobStatus)
async def job_status(
    request: Request,
    job_id: JobIdPath,
    client: CurrentClient,
    platform: PlatformDep,
    format: FormatQuery = "json",
) -> Response:
    """Where a job is: queued, processing, completed, failed or cancelled."""
    return render(request, await platform.jobs.status(client.id, job_id))


@router.get(
    "/{job_id}/results",
    response_model=JobResults,
    responses={202: {"model": JobResults}, 410: {"model": JobResults}},
)
async def job_results(
    request: Request,
    job_id: JobIdPath,
    client: CurrentClient,
    platform: PlatformDep,
    format: FormatQuery = "json",
) -> Response:
    """The job's results.

    200 completed, 202 still queued or processing, 410 failed or cancelled, 404 unknown.
    """
    results, done = await platform.jobs.results(client.id, job_id)
    return render(request, results, status_code=200 if done else 202)


@router.delete("/{job_id}", response_model=JobCancelled)
async def cancel_job(
    job_id: JobIdPath, client: CurrentClient, platform: PlatformDep
) -> JobCancelled:
    """Cancel a queued or running job.

    A running job stops and its partial results are discarded. A finished job gives 400.
    """
    return await platform.jobs.cancel(client.id, job_id)


@router.post("/{job_id}/cancel", response_model=JobCancelled)
async def cancel_job_alias(
    job_id: JobIdPath, client: CurrentClient, platform: PlatformDep
) -> JobCancelled:
    """Same as `DELETE /api/v1/jobs/{job_id}`."""
    return await platform.jobs.cancel(client.id, job_id)
