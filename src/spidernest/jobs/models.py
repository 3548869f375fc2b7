"""The job API's shapes: submit answer, status, results envelope, list page, cancel answer.

Every documented field is always present (``null`` when it does not apply), as in the
SpiderIQ "flat structure".
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

__all__ = [
    "JobCancelled",
    "JobList",
    "JobListItem",
    "JobResults",
    "JobState",
    "JobStatus",
    "JobSubmitRequest",
    "JobSubmitted",
]

JobState = Literal["queued", "processing", "completed", "failed", "cancelled"]


class JobSubmitRequest(BaseModel):
    """The body of ``POST /api/v1/jobs/{type}/submit``; ``payload`` is checked by the job type."""

    model_config = {"extra": "forbid"}

    payload: dict[str, Any]
    priority: int = Field(default=0, ge=0, le=10, description="0–10, higher runs first")


class JobSubmitted(BaseModel):
    """The answer to a submit (201)."""

    job_id: str
    type: str
    status: JobState
    created_at: datetime
    from_cache: bool
    message: str


class JobStatus(BaseModel):
    """``GET /jobs/{id}/status``: where a job is in its life."""

    success: bool = True
    job_id: str
    type: str
    status: JobState
    priority: int
    created_at: datetime
    updated_at: datetime
    started_at: datetime | None
    completed_at: datetime | None
    processing_time_seconds: float | None
    worker_id: str | None
    progress: float | None
    progress_message: str | None
    error_message: str | None


class JobResults(BaseModel):
    """``GET /jobs/{id}/results``: the documented envelope; ``data`` is the job type's result."""

    success: bool
    job_id: str
    type: str
    status: JobState
    processing_time_seconds: float | None
    worker_id: str | None
    completed_at: datetime | None
    message: str | None
    data: dict[str, Any] | None
    error_message: str | None


class JobListItem(BaseModel):
    """One row of ``GET /jobs/list``."""

    job_id: str
    type: str
    status: JobState
    priority: int
    url: str | None
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None
    worker_id: str | None


class JobList(BaseModel):
    """A page of the caller's jobs."""

    total: int
    page: int
    page_size: int
    total_pages: int
    jobs: list[JobListItem]


class JobCancelled(BaseModel):
    """The answer to ``DELETE /jobs/{id}``."""

    success: bool = True
    job_id: str
    status: JobState = "cancelled"
    message: str = "Job cancelled successfully"
