"""Worker liveness: a heartbeat thread, and the takeover of a dead worker's running jobs.

DBOS recovers a process's own pending workflows when it restarts with the same executor id,
but has no heartbeat (that lives in its commercial Conductor). So every worker beats into the
``workers`` table from a thread of its own (a busy event loop cannot fake a death), and every
live worker periodically claims executors that stopped beating and re-queues their PENDING
workflows; the atomic claim makes exactly one survivor do it.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime

import sqlalchemy as sa

from spidernest.store.models import WorkerRow

__all__ = ["HeartbeatThread"]

log = logging.getLogger(__name__)


class HeartbeatThread:
    """Updates this executor's ``last_beat`` every ``interval`` seconds until stopped."""

    def __init__(self, engine: sa.Engine, executor_id: str, interval: float) -> None:
        self._engine = engine
        self._executor_id = executor_id
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="spidernest-heartbeat", daemon=True)

    def start(self) -> None:
        """Start beating."""
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                with self._engine.begin() as conn:
                    conn.execute(
                        sa.update(WorkerRow)
                        .where(WorkerRow.executor_id == self._executor_id)
                        .values(last_beat=datetime.now(UTC), state="alive")
                    )
            except sa.exc.SQLAlchemyError:
                log.warning("heartbeat of %s failed; retrying", self._executor_id, exc_info=True)

    def stop(self) -> None:
        """Stop beating."""
        self._stop.set()
        self._thread.join(timeout=self._interval + 5)
