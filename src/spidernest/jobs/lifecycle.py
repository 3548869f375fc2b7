"""The job lifecycle as the API offers it, always scoped to one client.

Submit (with de-duplication), status, results, list and cancel.
"""

from __future__ import annotations

import hashlib
import json
import math
import uuid
from collections.abc import Mapping
from datetime import timedelta
from typing import Any, Protocol

from pydantic import BaseModel, ValidationError

from spidernest.errors import Gone, InvalidInput, InvalidState, NotFound, Unavailable
from spidernest.jobs.models import (
    JobCancelled,
    JobList,
    JobListItem,
    JobResults,
    JobStatus,
    JobSubmitted,
)
from spidernest.jobs.registry import JobType
from spidernest.store.jobs import JobStore
from spidernest.store.models import JobRow, utcnow

__all__ = ["Enqueuer", "JobService", "payload_hash"]

_STILL_RUNNING = "Job is still being processed. Please poll again in a few seconds."
_QUEUED = "Job is queued and waiting for a worker. Please poll again in a few seconds."


class Enqueuer(Protocol):
    """What the lifecycle needs from the engine."""

    async def enqueue(self, job_id: str, queue: str, api_priority: int, budget: float) -> None:
        """Queue a job's workflow."""

    async def cancel(self, job_id: str) -> None:
        """Cancel a job's workflow."""


def payload_hash(payload: BaseModel) -> str:
    """SHA-256 of the validated payload in canonical JSON (``test`` excluded)."""
    data = payload.model_dump(mode="json", exclude={"test"})
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def _check_uuid(job_id: str) -> str:
    try:
        return str(uuid.UUID(job_id))
    except ValueError:
        raise InvalidInput("Invalid job_id format - must be a valid UUID", field="job_id") from None


def validate_payload(job_type: JobType, payload: dict[str, Any]) -> BaseModel:
    """Validate a payload against its job type's model.

    Raises:
        InvalidInput: one entry per problem, located under ``body.payload``.
    """
    try:
        return job_type.payload_model.model_validate(payload)
    except ValidationError as exc:
        errors: list[dict[str, object]] = [
            {"loc": ["body", "payload", *error["loc"]], "msg": error["msg"], "type": error["type"]}
            for error in exc.errors(include_url=False, include_context=False, include_input=False)
        ]
        first = errors[0]
        where = ".".join(str(part) for part in first["loc"][1:])  # type: ignore[index]
        raise InvalidInput(f"{where}: {first['msg']}", field=where, errors=errors) from None


class JobService:
    """Client-scoped job operations over the job table and the engine."""

    def __init__(
        self,
        jobs: JobStore,
        engine: Enqueuer,
        job_types: Mapping[str, JobType],
        *,
        dedup_hours: float = 24.0,
    ) -> None:
        self.jobs = jobs
        self.engine = engine
        self.job_types = job_types
        self.dedup_window = timedelta(hours=dedup_hours)

    def job_type(self, name: str) -> JobType:
        """The job type called ``name``.

        Raises:
            NotFound: no such job type.
        """
        job_type = self.job_types.get(name)
        if job_type is None:
            known = ", ".join(sorted(self.job_types))
            raise NotFound(f"Unknown job type {name!r}; known types: {known}")
        return job_type

    async def submit(
        self, client_id: str, type_name: str, payload: dict[str, Any], priority: int
    ) -> JobSubmitted:
        """Validate and queue a job, or return the same client's identical job of the last 24 h.

        Raises:
            NotFound: unknown job type.
            InvalidInput: the payload does not validate.
            Unavailable: the engine could not queue the job (nothing is left behind).
        """
        job_type = self.job_type(type_name)
        model = validate_payload(job_type, payload)
        digest = payload_hash(model)
        if not getattr(model, "test", False) and self.dedup_window:
            existing = await self.jobs.find_duplicate(
                client_id, type_name, digest, utcnow() - self.dedup_window
            )
            if existing is not None:
                return JobSubmitted(
                    job_id=existing.id,
                    type=existing.type,
                    status=existing.status,
                    created_at=existing.created_at,
                    from_cache=True,
                    message="Identical job submitted within 24 hours; returning it",
                )
        now = utcnow()
        row = JobRow(
            id=str(uuid.uuid4()),
            client_id=client_id,
            type=type_name,
            queue=job_type.queue,
            status="queued",
            priority=priority,
            payload=model.model_dump(mode="json"),
            payload_hash=digest,
            summary=(job_type.summary(model) or None),
            created_at=now,
            updated_at=now,
        )
        await self.jobs.insert(row)
        try:
            await self.engine.enqueue(row.id, job_type.queue, priority, job_type.timeout(model))
        except Exception as exc:
            await self.jobs.delete(row.id)
            raise Unavailable(f"could not queue the job: {exc}") from exc
        return JobSubmitted(
            job_id=row.id,
            type=type_name,
            status="queued",
            created_at=now,
            from_cache=False,
            message="Job submitted successfully",
        )

    async def _row(self, client_id: str, job_id: str, *, with_data: bool = False) -> JobRow:
        row = await self.jobs.get_for_client(_check_uuid(job_id), client_id, with_data=with_data)
        if row is None:
            raise NotFound("Job not found")
        return row

    async def status(self, client_id: str, job_id: str) -> JobStatus:
        """Where a job is in its life.

        Raises:
            InvalidInput: ``job_id`` is not a UUID.
            NotFound: no such job for this client.
        """
        row = await self.jobs.status_for_client(_check_uuid(job_id), client_id)
        if row is None:
            raise NotFound("Job not found")
        return JobStatus(**row._mapping)

    async def results(self, client_id: str, job_id: str) -> tuple[JobResults, bool]:
        """The results envelope, and whether the job completed (200) or is still running (202).

        Raises:
            InvalidInput: ``job_id`` is not a UUID.
            NotFound: no such job for this client.
            Gone: the job failed or was cancelled; the envelope is attached as ``exc.results``.
        """
        row = await self._row(client_id, job_id, with_data=True)
        done = row.status == "completed"
        message: str | None = None
        if row.status == "queued":
            message = _QUEUED
        elif row.status == "processing":
            message = _STILL_RUNNING
        elif row.status == "cancelled":
            message = "Job was cancelled"
        envelope = JobResults(
            success=done,
            job_id=row.id,
            type=row.type,
            status=row.status,
            processing_time_seconds=row.processing_time_seconds if row.completed_at else None,
            worker_id=row.worker_id if row.status != "queued" else None,
            completed_at=row.completed_at,
            message=message,
            data=row.result if done else None,
            error_message=row.error_message
            or ("Job was cancelled by the client" if row.status == "cancelled" else None),
        )
        if row.status in ("failed", "cancelled"):
            error = Gone(envelope.error_message or "Job failed")
            error.results = envelope  # type: ignore[attr-defined]
            raise error
        return envelope, done

    async def list(
        self,
        client_id: str,
        *,
        page: int,
        page_size: int,
        status: str | None,
        job_type: str | None,
        sort_by: str,
        sort_order: str,
    ) -> JobList:
        """One page of the client's jobs."""
        total, rows = await self.jobs.list_for_client(
            client_id,
            page=page,
            page_size=page_size,
            status=status,
            job_type=job_type,
            sort_by=sort_by,
            sort_order=sort_order,
        )
        return JobList(
            total=total,
            page=page,
            page_size=page_size,
            total_pages=math.ceil(total / page_size) if total else 0,
            jobs=[
                JobListItem(
                    job_id=row.id,
                    type=row.type,
                    status=row.status,
                    priority=row.priority,
                    url=row.summary,
                    created_at=row.created_at,
                    updated_at=row.updated_at,
                    completed_at=row.completed_at,
                    worker_id=row.worker_id,
                )
                for row in rows
            ],
        )

    async def cancel(self, client_id: str, job_id: str) -> JobCancelled:
        """Cancel a queued or running job; a running one is stopped and its partial work dropped.

        Raises:
            InvalidInput: ``job_id`` is not a UUID.
            NotFound: no such job for this client.
            InvalidState: the job already finished.
        """
        row = await self._row(client_id, job_id)
        if not await self.jobs.cancel(row.id):
            current = await self.jobs.get(row.id)
            state = current.status if current else row.status
            raise InvalidState(f"Job cannot be cancelled: it is already {state}")
        await self.engine.cancel(row.id)
        return JobCancelled(job_id=row.id)
