"""Jobs in SQL: insert, look up for a client, list, and every lifecycle transition.

Transitions are conditional UPDATEs (``WHERE status IN (...)``), so a late or repeated step can
never overwrite a terminal state: a cancelled job stays cancelled, a result is written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, defer

from spidernest.store.database import Database
from spidernest.store.models import JobRow, utcnow

__all__ = ["ACTIVE", "TERMINAL", "JobStore", "QueueCounts"]

ACTIVE = ("queued", "processing")
TERMINAL = ("completed", "failed", "cancelled")
_SORTABLE = {
    "created_at": JobRow.created_at,
    "updated_at": JobRow.updated_at,
    "status": JobRow.status,
}


_jobs = JobRow.__table__.c
# Status polls are the hottest query: plain Core over the columns a status needs, built once.
_STATUS_QUERY = sa.select(
    _jobs.id.label("job_id"),
    _jobs.type,
    _jobs.status,
    _jobs.priority,
    _jobs.created_at,
    _jobs.updated_at,
    _jobs.started_at,
    _jobs.completed_at,
    _jobs.processing_time_seconds,
    _jobs.worker_id,
    _jobs.progress,
    _jobs.progress_message,
    _jobs.error_message,
).where(_jobs.id == sa.bindparam("job_id"), _jobs.client_id == sa.bindparam("client_id"))


@dataclass(frozen=True, slots=True)
class QueueCounts:
    """Jobs per state of one queue, plus recent throughput."""

    queued: int = 0
    processing: int = 0
    completed_last_hour: int = 0
    completed_last_24h: int = 0
    avg_processing_time: float | None = None


class JobStore:
    """Reads and writes the ``jobs`` table."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def insert(self, row: JobRow) -> None:
        """Insert a new job row."""
        await self._db.run(lambda session: session.add(row), write=True)

    async def delete(self, job_id: str) -> None:
        """Remove a job row (used only to undo a submit whose enqueue failed)."""
        statement = sa.delete(JobRow).where(JobRow.id == job_id)
        await self._db.run(lambda session: session.execute(statement), write=True)

    async def get(self, job_id: str) -> JobRow | None:
        """A job by id, whoever owns it (workers use this)."""
        return await self._db.run(lambda session: session.get(JobRow, job_id))

    async def get_for_client(
        self, job_id: str, client_id: str, *, with_data: bool = True
    ) -> JobRow | None:
        """A job by id if it belongs to ``client_id``; another client's job is ``None``.

        Without ``with_data`` the payload and result are not loaded (status polls stay cheap
        however large a result is); touching them then raises.
        """
        query = sa.select(JobRow).where(JobRow.id == job_id, JobRow.client_id == client_id)
        if not with_data:
            query = query.options(
                defer(JobRow.result, raiseload=True), defer(JobRow.payload, raiseload=True)
            )
        return await self._db.run(lambda session: session.scalar(query))

    async def status_for_client(
        self, job_id: str, client_id: str
    ) -> sa.Row[*tuple[Any, ...]] | None:
        """The status columns of a job if it belongs to ``client_id`` (the id as ``job_id``)."""
        return await self._db.first(_STATUS_QUERY, {"job_id": job_id, "client_id": client_id})

    async def find_duplicate(
        self, client_id: str, job_type: str, payload_hash: str, since: datetime
    ) -> JobRow | None:
        """The newest job of this client with the same payload since ``since`` that did not fail."""
        query = (
            sa.select(JobRow)
            .where(
                JobRow.client_id == client_id,
                JobRow.type == job_type,
                JobRow.payload_hash == payload_hash,
                JobRow.created_at >= since,
                JobRow.status.in_(("queued", "processing", "completed")),
            )
            .order_by(JobRow.created_at.desc())
            .limit(1)
        )
        return await self._db.run(lambda session: session.scalar(query))

    async def list_for_client(
        self,
        client_id: str,
        *,
        page: int,
        page_size: int,
        status: str | None = None,
        job_type: str | None = None,
        sort_by: str = "created_at",
        sort_order: str = "desc",
    ) -> tuple[int, list[JobRow]]:
        """One page of a client's jobs and the total matching count."""
        conditions: list[Any] = [JobRow.client_id == client_id]
        if status:
            conditions.append(JobRow.status == status)
        if job_type:
            conditions.append(JobRow.type == job_type)
        column = _SORTABLE[sort_by]
        order = column.asc() if sort_order == "asc" else column.desc()

        def query(session: Session) -> tuple[int, list[JobRow]]:
            total = session.scalar(
                sa.select(sa.func.count()).select_from(JobRow).where(*conditions)
            )
            rows = session.scalars(
                sa.select(JobRow)
                .where(*conditions)
                .order_by(order, JobRow.id)
                .offset((page - 1) * page_size)
                .limit(page_size)
            )
            return int(total or 0), list(rows)

        return await self._db.run(query)

    async def _update(self, job_id: str, allowed: tuple[str, ...], **values: Any) -> bool:
        values.setdefault("updated_at", utcnow())
        statement = (
            sa.update(JobRow)
            .where(JobRow.id == job_id, JobRow.status.in_(allowed))
            .values(**values)
        )
        result = await self._db.run(lambda session: session.execute(statement), write=True)
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def mark_processing(self, job_id: str, worker_id: str) -> bool:
        """queued/processing → processing on ``worker_id``; keeps the first start time."""
        now = utcnow()

        def transition(session: Session) -> bool:
            row = session.get(JobRow, job_id, with_for_update=True)
            if row is None or row.status not in ACTIVE:
                return False
            row.status, row.worker_id, row.updated_at = "processing", worker_id, now
            row.started_at = row.started_at or now
            return True

        return await self._db.run(transition, write=True)

    async def set_progress(self, job_id: str, fraction: float, message: str) -> None:
        """Record progress of a running job (0..1 and a short message)."""
        await self._update(
            job_id,
            ("processing",),
            progress=max(0.0, min(1.0, fraction)),
            progress_message=message[:500],
        )

    async def _finish(self, job_id: str, status: str, **values: Any) -> bool:
        """queued/processing → ``status``, stamping completion and processing time."""
        now = utcnow()

        def transition(session: Session) -> bool:
            row = session.get(JobRow, job_id, with_for_update=True)
            if row is None or row.status not in ACTIVE:
                return False
            started = row.started_at or now
            row.status = status
            for name, value in values.items():
                setattr(row, name, value)
            row.completed_at = row.updated_at = now
            row.processing_time_seconds = round((now - started).total_seconds(), 3)
            return True

        return await self._db.run(transition, write=True)

    async def complete(self, job_id: str, result: dict[str, Any]) -> bool:
        """Processing → completed with its result; False if the job is no longer active."""
        return await self._finish(job_id, "completed", result=result, progress=1.0)

    async def fail(self, job_id: str, message: str) -> bool:
        """queued/processing → failed with an error message."""
        return await self._finish(job_id, "failed", error_message=message[:4000])

    async def cancel(self, job_id: str) -> bool:
        """queued/processing → cancelled; partial results are discarded."""
        now = utcnow()
        return await self._update(job_id, ACTIVE, status="cancelled", completed_at=now, result=None)

    async def active_older_than(self, seconds: float, limit: int = 200) -> list[JobRow]:
        """Active jobs not updated for ``seconds`` (candidates for reconciliation)."""
        cutoff = utcnow() - timedelta(seconds=seconds)
        query = (
            sa.select(JobRow)
            .where(JobRow.status.in_(ACTIVE), JobRow.updated_at < cutoff)
            .limit(limit)
        )
        return await self._db.run(lambda session: list(session.scalars(query)))

    async def queue_counts(self) -> dict[str, QueueCounts]:
        """Per queue: queued, processing, completed in the last hour / 24 h, mean run time."""
        now = utcnow()
        day, hour = now - timedelta(hours=24), now - timedelta(hours=1)

        def query(session: Session) -> dict[str, dict[str, Any]]:
            active = session.execute(
                sa.select(JobRow.queue, JobRow.status, sa.func.count())
                .where(JobRow.status.in_(ACTIVE))
                .group_by(JobRow.queue, JobRow.status)
            )
            recent = session.execute(
                sa.select(
                    JobRow.queue,
                    sa.func.count(),
                    sa.func.sum(sa.case((JobRow.completed_at >= hour, 1), else_=0)),
                    sa.func.avg(JobRow.processing_time_seconds),
                )
                .where(JobRow.status == "completed", JobRow.completed_at >= day)
                .group_by(JobRow.queue)
            )
            counts: dict[str, dict[str, Any]] = {}
            for queue, status, count in active:
                counts.setdefault(queue, {})[status] = int(count)
            for queue, day_count, hour_count, avg in recent:
                entry = counts.setdefault(queue, {})
                entry["completed_last_24h"] = int(day_count or 0)
                entry["completed_last_hour"] = int(hour_count or 0)
                entry["avg_processing_time"] = round(float(avg), 3) if avg is not None else None
            return counts

        counts = await self._db.run(query)
        return {queue: QueueCounts(**values) for queue, values in counts.items()}
