"""A job type for platform tests and benchmarks: sleeps, fails or writes a marker on demand."""

from __future__ import annotations

import asyncio
from pathlib import Path

from pydantic import BaseModel, Field

from spidernest.errors import UpstreamError
from spidernest.jobs.registry import JobContext, JobType


class SleepRequest(BaseModel):
    model_config = {"extra": "forbid"}

    seconds: float = Field(default=0.0, ge=0, le=600)
    fail: bool = False
    marker_dir: str | None = None
    label: str = "x"
    test: bool = False


class SleepResult(BaseModel):
    slept: float
    label: str
    job_id: str


async def run_sleep(payload: SleepRequest, ctx: JobContext) -> SleepResult:
    if payload.marker_dir:
        # One line per execution start: lets tests count how often a job really ran.
        with Path(payload.marker_dir, f"{ctx.job_id}.runs").open("a") as handle:  # noqa: ASYNC230
            handle.write(f"{ctx.settings.data_dir}\n")
    await ctx.progress(0.1, "sleeping")
    await asyncio.sleep(payload.seconds)
    if payload.fail:
        raise UpstreamError(f"asked to fail ({payload.label})")
    return SleepResult(slept=payload.seconds, label=payload.label, job_id=ctx.job_id)


SLEEP = JobType(
    name="testSleep",
    queue="test_sleep",
    payload_model=SleepRequest,
    run=run_sleep,
    timeout=lambda payload: payload.seconds + 5,
    summary=lambda payload: payload.label,
)

TEST_JOB_TYPES = {SLEEP.name: SLEEP}
