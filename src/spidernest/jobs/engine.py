"""The durable job engine: DBOS Transact configured as SpiderNest needs it.

What DBOS needs from us (see docs/architecture.md): a pinned application version, a unique and
stable executor id per process, WAL on SQLite, queue polling tuned to our job lengths, a bounded
thread pool, a priority on every enqueue, and our own heartbeat so a dead worker's jobs are taken
over.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import sqlite3
from collections.abc import Mapping
from pathlib import Path

from dbos import DBOS, DBOSConfig, SetEnqueueOptions, SetWorkflowID

from spidernest.config import Settings
from spidernest.errors import Conflict
from spidernest.jobs.liveness import HeartbeatThread
from spidernest.jobs.registry import JobType
from spidernest.jobs.workflow import run_job
from spidernest.store.database import Database
from spidernest.store.jobs import JobStore
from spidernest.store.workers import WorkerStore

__all__ = ["APPLICATION_VERSION", "Engine", "engine_priority", "executor_id_for"]

# Bump only for changes that in-flight workflows cannot survive; DBOS's default (a hash of the
# workflow sources) would strand queued work on every edit.
APPLICATION_VERSION = "spidernest-1"

log = logging.getLogger(__name__)

_TERMINAL_WORKFLOW = {"SUCCESS", "ERROR", "CANCELLED", "MAX_RECOVERY_ATTEMPTS_EXCEEDED"}


def executor_id_for(name: str) -> str:
    """The executor id of a process: host name plus the process's configured name."""
    return f"{socket.gethostname()}-{name}"


def engine_priority(api_priority: int) -> int:
    """Map the API's 0–10 (higher first) onto DBOS's 1.. (lower first)."""
    return 11 - api_priority


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Engine:
    """One process's view of the engine: it enqueues, and with ``run_workers`` it also runs jobs.

    Args:
        settings: the whole settings tree (the engine reads ``jobs``, ``data_dir`` and the URL).
        database: the application database.
        job_types: the job types to queue and run, by API name.
        name: this process's name; with the host name it forms the stable executor id.
        run_workers: whether this process dequeues and runs jobs (``serve`` and ``worker``).
    """

    def __init__(
        self,
        settings: Settings,
        database: Database,
        job_types: Mapping[str, JobType],
        *,
        name: str = "main",
        run_workers: bool = True,
    ) -> None:
        self.settings = settings
        self.database = database
        self.job_types = job_types
        self.run_workers = run_workers
        self.executor_id = executor_id_for(name)
        self.jobs = JobStore(database)
        self.workers = WorkerStore(database)
        self.queues = sorted({job_type.queue for job_type in job_types.values()})
        self.launched = False
        self._heartbeat: HeartbeatThread | None = None
        self._monitor: asyncio.Task[None] | None = None

    def _system_database_url(self) -> str:
        if self.settings.is_postgres:
            return self.database.url
        path = (self.settings.data_dir / "dbos.sqlite").resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        _enable_wal(path)
        return f"sqlite:///{path}"

    async def _check_executor_free(self) -> None:
        row = await self.workers.get(self.executor_id)
        if row is None or row.state != "alive" or row.pid == os.getpid():
            return
        if row.hostname == socket.gethostname() and _pid_alive(row.pid):
            raise Conflict(
                f"executor id {self.executor_id!r} is in use by process {row.pid}; "
                "give this process another --name"
            )

    async def start(self) -> None:
        """Launch DBOS in this event loop (so workflows share its clients) and register queues.

        Raises:
            Conflict: another live process on this host already uses this executor id.
        """
        if self.run_workers:
            await self._check_executor_free()
        config: DBOSConfig = {
            "name": "spidernest",
            "system_database_url": self._system_database_url(),
            "application_version": APPLICATION_VERSION,
            "executor_id": self.executor_id,
            "max_executor_threads": self.settings.jobs.max_executor_threads,
            "sys_db_pool_size": 10,
            "log_level": "WARNING",
        }
        DBOS(config=config)
        DBOS.listen_queues(self.queues if self.run_workers else [])
        DBOS.launch()
        self.launched = True
        jobs = self.settings.jobs
        for queue in self.queues:
            await DBOS.register_queue_async(
                queue,
                worker_concurrency=jobs.worker_concurrency,
                global_concurrency=jobs.global_concurrency,
                polling_interval_sec=jobs.polling_interval,
                on_conflict="always_update",
            )
        if self.run_workers:
            await self.workers.register(
                self.executor_id, socket.gethostname(), os.getpid(), self.queues
            )
            self._heartbeat = HeartbeatThread(
                self.database.engine, self.executor_id, jobs.heartbeat_interval
            )
            self._heartbeat.start()
            self._monitor = asyncio.create_task(self._watch(), name="spidernest-monitor")

    async def stop(self) -> None:
        """Stop the monitor and heartbeat and shut DBOS down; running jobs resume elsewhere."""
        if self._monitor is not None:
            self._monitor.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._monitor
        if self._heartbeat is not None:
            self._heartbeat.stop()
            await self.workers.stop(self.executor_id)
        if self.launched:
            await asyncio.to_thread(DBOS.destroy, workflow_completion_timeout_sec=0)
            self.launched = False

    async def enqueue(self, job_id: str, queue: str, api_priority: int, budget: float) -> None:
        """Queue the workflow of a job (its workflow id is the job id)."""
        with (
            SetWorkflowID(job_id),
            SetEnqueueOptions(priority=engine_priority(api_priority)),
        ):
            await DBOS.enqueue_workflow_async(queue, run_job, job_id, budget)

    async def cancel(self, job_id: str) -> None:
        """Cancel a job's workflow; a running preemptible step is stopped."""
        await DBOS.cancel_workflow_async(job_id)

    async def _watch(self) -> None:
        interval = self.settings.jobs.heartbeat_interval
        ticks = 0
        while True:
            await asyncio.sleep(interval)
            ticks += 1
            try:
                await self.take_over_dead_workers()
                if ticks % 6 == 0:
                    await self.reconcile()
            except Exception:
                log.exception("engine monitor pass failed; will retry")

    async def take_over_dead_workers(self) -> list[str]:
        """Re-queue the PENDING workflows of executors that stopped beating; returns their ids."""
        dead = await self.workers.claim_dead(self.settings.jobs.dead_after)
        resumed: list[str] = []
        for executor_id in dead:
            pending = await DBOS.list_workflows_async(
                status="PENDING", executor_id=executor_id, load_input=False, load_output=False
            )
            for workflow in pending:
                log.warning(
                    "worker %s is dead; re-queueing job %s", executor_id, workflow.workflow_id
                )
                await DBOS.resume_workflow_async(
                    workflow.workflow_id, queue_name=workflow.queue_name or self.queues[0]
                )
                resumed.append(workflow.workflow_id)
        return resumed

    async def reconcile(self) -> None:
        """Settle job rows whose workflow ended without saying so (e.g. the engine's timeout)."""
        for row in await self.jobs.active_older_than(60):
            status = await DBOS.get_workflow_status_async(row.id)
            if status is None:
                await self.jobs.fail(row.id, "Job was lost before it reached the queue")
            elif status.status == "CANCELLED":
                await self.jobs.cancel(row.id)
            elif status.status in _TERMINAL_WORKFLOW:
                await self.jobs.fail(row.id, f"Job ended unexpectedly ({status.status.lower()})")


def _enable_wal(path: Path) -> None:
    """Switch a SQLite file to WAL; the mode is stored in the file, so once is enough."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()
