"""Worker heartbeats: who is alive, and which dead executors still hold work."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from spidernest.store.models import WorkerRow, utcnow

__all__ = ["WorkerStore"]


class WorkerStore:
    """Reads and writes the ``workers`` table."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def get(self, executor_id: str) -> WorkerRow | None:
        """The heartbeat row of an executor, if any."""
        async with self._sessions() as session:
            return await session.get(WorkerRow, executor_id)

    async def register(self, executor_id: str, hostname: str, pid: int, queues: list[str]) -> None:
        """Mark an executor alive from now (insert or refresh its row)."""
        now = utcnow()
        async with self._sessions.begin() as session:
            row = await session.get(WorkerRow, executor_id)
            if row is None:
                session.add(
                    WorkerRow(
                        executor_id=executor_id,
                        hostname=hostname,
                        pid=pid,
                        queues=",".join(queues),
                        state="alive",
                        started_at=now,
                        last_beat=now,
                    )
                )
            else:
                row.hostname, row.pid, row.queues = hostname, pid, ",".join(queues)
                row.state, row.started_at, row.last_beat = "alive", now, now

    async def beat(self, executor_id: str) -> None:
        """Record that an executor is still alive."""
        async with self._sessions.begin() as session:
            await session.execute(
                sa.update(WorkerRow)
                .where(WorkerRow.executor_id == executor_id)
                .values(last_beat=utcnow(), state="alive")
            )

    async def stop(self, executor_id: str) -> None:
        """Mark an executor cleanly stopped (its unfinished work is taken over at once)."""
        async with self._sessions.begin() as session:
            await session.execute(
                sa.update(WorkerRow)
                .where(WorkerRow.executor_id == executor_id)
                .values(state="stopped", last_beat=utcnow() - timedelta(days=365))
            )

    async def claim_dead(self, dead_after: float) -> list[str]:
        """Atomically claim executors whose heartbeat is older than ``dead_after`` seconds.

        Each dead executor is returned to exactly one caller (the conditional UPDATE wins once),
        so two survivors never take over the same work twice.
        """
        cutoff = utcnow() - timedelta(seconds=dead_after)
        async with self._sessions() as session:
            candidates = list(
                await session.scalars(
                    sa.select(WorkerRow.executor_id).where(
                        WorkerRow.state.in_(("alive", "stopped")), WorkerRow.last_beat < cutoff
                    )
                )
            )
        claimed: list[str] = []
        for executor_id in candidates:
            async with self._sessions.begin() as session:
                result = await session.execute(
                    sa.update(WorkerRow)
                    .where(
                        WorkerRow.executor_id == executor_id,
                        WorkerRow.state.in_(("alive", "stopped")),
                        WorkerRow.last_beat < cutoff,
                    )
                    .values(state="dead")
                )
                if result.rowcount:  # type: ignore[attr-defined]
                    claimed.append(executor_id)
        return claimed

    async def alive(self, dead_after: float) -> list[WorkerRow]:
        """Executors that beat within the last ``dead_after`` seconds."""
        cutoff = utcnow() - timedelta(seconds=dead_after)
        async with self._sessions() as session:
            rows = await session.scalars(
                sa.select(WorkerRow).where(WorkerRow.state == "alive", WorkerRow.last_beat >= cutoff)
            )
            return list(rows)
