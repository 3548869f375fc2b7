"""Worker heartbeats: who is alive, and which dead executors still hold work."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from spidernest.store.database import Database
from spidernest.store.models import WorkerRow, utcnow

__all__ = ["WorkerStore"]

_LIVE_STATES = ("alive", "stopped")


def _execute(session: Session, *, statement: sa.Update) -> Any:
    return session.execute(statement)


class WorkerStore:
    """Reads and writes the ``workers`` table."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def get(self, executor_id: str) -> WorkerRow | None:
        """The heartbeat row of an executor, if any."""
        return await self._db.run(lambda session: session.get(WorkerRow, executor_id))

    async def register(self, executor_id: str, hostname: str, pid: int, queues: list[str]) -> None:
        """Mark an executor alive from now (insert or refresh its row)."""
        now = utcnow()

        def upsert(session: Session) -> None:
            row = session.get(WorkerRow, executor_id)
            if row is None:
                row = WorkerRow(executor_id=executor_id)
                session.add(row)
            row.hostname, row.pid, row.queues = hostname, pid, ",".join(queues)
            row.state, row.started_at, row.last_beat = "alive", now, now

        await self._db.run(upsert, write=True)

    async def stop(self, executor_id: str) -> None:
        """Mark an executor cleanly stopped (its unfinished work is taken over at once)."""
        statement = (
            sa.update(WorkerRow)
            .where(WorkerRow.executor_id == executor_id)
            .values(state="stopped", last_beat=utcnow() - timedelta(days=365))
        )
        await self._db.run(lambda session: session.execute(statement), write=True)

    async def claim_dead(self, dead_after: float) -> list[str]:
        """Atomically claim executors whose heartbeat is older than ``dead_after`` seconds.

        Each dead executor is returned to exactly one caller (the conditional UPDATE wins once),
        so two survivors never take over the same work twice.
        """
        cutoff = utcnow() - timedelta(seconds=dead_after)
        stale = sa.select(WorkerRow.executor_id).where(
            WorkerRow.state.in_(_LIVE_STATES), WorkerRow.last_beat < cutoff
        )
        candidates = await self._db.run(lambda session: list(session.scalars(stale)))
        claimed: list[str] = []
        for executor_id in candidates:
            claim: sa.Update = (
                sa.update(WorkerRow)
                .where(
                    WorkerRow.executor_id == executor_id,
                    WorkerRow.state.in_(_LIVE_STATES),
                    WorkerRow.last_beat < cutoff,
                )
                .values(state="dead")
            )
            result = await self._db.run(partial(_execute, statement=claim), write=True)
            if result.rowcount:
                claimed.append(executor_id)
        return claimed

    async def alive(self, dead_after: float) -> list[WorkerRow]:
        """Executors that beat within the last ``dead_after`` seconds."""
        cutoff = utcnow() - timedelta(seconds=dead_after)
        query = sa.select(WorkerRow).where(
            WorkerRow.state == "alive", WorkerRow.last_beat >= cutoff
        )
        return await self._db.run(lambda session: list(session.scalars(query)))
