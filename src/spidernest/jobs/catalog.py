"""Every job type SpiderNest runs, by API name: the one list a new service is added to."""

from __future__ import annotations

from spidernest.jobs.registry import JobType

__all__ = ["JOB_TYPES", "queue_names"]

JOB_TYPES: dict[str, JobType] = {job_type.name: job_type for job_type in ()}


def queue_names() -> list[str]:
    """The engine queues of all job types, in a stable order."""
    return sorted({job_type.queue for job_type in JOB_TYPES.values()})
