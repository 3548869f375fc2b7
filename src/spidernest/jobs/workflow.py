"""The durable workflow every job runs as: start, execute under a time budget, record the outcome.

The work itself is one coarse, preemptible step (every step is a checkpoint row, so there is
no separate "mark started" step), so cancelling the workflow stops it. Steps are
at-least-once; every write is a conditional UPDATE of the job row, so a re-run after a crash
cannot write a result twice or revive a cancelled job.
"""

from __future__ import annotations

import asyncio
import logging

from dbos import DBOS, StepOptions

from spidernest.errors import SpiderNestError
from spidernest.jobs.registry import JobContext
from spidernest.jobs.runtime import current_runtime

__all__ = ["WORKFLOW_NAME", "run_job"]

WORKFLOW_NAME = "spidernest.run_job"
log = logging.getLogger(__name__)


async def _execute(job_id: str) -> str | None:
    """Run the job's service; store its result. Returns an error message, or None on success."""
    runtime = current_runtime()
    row = await runtime.jobs.get(job_id)
    if row is None or row.status not in ("queued", "processing"):
        return None  # cancelled before it started
    # Also after a crash: the process that runs the job now is the one to name.
    await runtime.jobs.mark_processing(job_id, runtime.executor_id)
    job_type = runtime.job_types.get(row.type)
    if job_type is None:
        return f"unknown job type {row.type!r}"
    payload = job_type.payload_model.model_validate(row.payload)

    async def progress(fraction: float, message: str) -> None:
        await runtime.jobs.set_progress(job_id, fraction, message)

    context = JobContext(
        job_id=job_id,
        client_id=row.client_id,
        settings=runtime.settings,
        fetcher=runtime.fetcher,
        media=runtime.media,
        browser=runtime.browser,
        cpu_pool=runtime.cpu_pool,
        progress=progress,
    )
    budget = job_type.timeout(payload)
    try:
        async with asyncio.timeout(budget):
            result = await job_type.run(payload, context)
    except TimeoutError:
        return f"Job timed out after {budget:g}s"
    except SpiderNestError as exc:
        return str(exc) or type(exc).__name__
    except Exception as exc:
        log.exception("job %s (%s) crashed", job_id, row.type)
        return f"Internal error: {type(exc).__name__}: {exc}"
    await runtime.jobs.complete(job_id, result.model_dump(mode="json"))
    return None


@DBOS.step(name="spidernest.mark_failed")
async def _mark_failed(job_id: str, message: str) -> None:
    await current_runtime().jobs.fail(job_id, message)


@DBOS.workflow(name=WORKFLOW_NAME, max_recovery_attempts=10)
async def run_job(job_id: str, budget_seconds: float) -> None:
    """Run one job to a terminal state (completed, failed; cancelled comes from outside)."""
    options: StepOptions = {
        "name": "spidernest.execute",
        "preemptible": True,
        # The service has its own asyncio budget; this outer one is the engine's backstop.
        "timeout_seconds": budget_seconds + 30,
    }
    try:
        error = await DBOS.run_step_async(options, _execute, job_id)
    except Exception as exc:
        error = f"Job step failed: {type(exc).__name__}: {exc}"
    if error is not None:
        await _mark_failed(job_id, error)
