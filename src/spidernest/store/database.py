"""Database engines for the application tables: URLs, SQLite pragmas, migrations."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, sessionmaker

__all__ = ["Database", "apply_sqlite_pragmas", "sync_url"]

T = TypeVar("T")

_MIGRATIONS = Path(__file__).parent / "migrations"


def sync_url(url: str) -> str:
    """The driver-qualified URL for synchronous use (migrations, DBOS)."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def apply_sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    """Set WAL, busy timeout and foreign keys on a new SQLite connection."""
    # WAL lets the API read while a worker writes; NORMAL sync is safe under WAL.
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class Database:
    """The application database: one engine and its session factory per process.

    Queries are written once, as synchronous functions of a ``Session``, and run through
    ``run``: on SQLite inline in the event loop (a point query takes tens of microseconds, far
    less than a hop to a thread, and this process is SQLite's only writer), on PostgreSQL on
    psycopg's asynchronous driver (SQLAlchemy's ``run_sync``), so the loop never waits on the
    network and no thread is involved. ``engine`` (synchronous) serves migrations and threads.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        kwargs: dict[str, Any] = {}
        if self.is_sqlite:
            path = url.removeprefix("sqlite:///")
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        else:
            # Only migrations and the heartbeat thread use the synchronous engine there.
            kwargs.update(pool_size=2, max_overflow=3, pool_pre_ping=True)
        self.engine: sa.Engine = sa.create_engine(sync_url(url), **kwargs)
        if self.is_sqlite:
            sa.event.listen(self.engine, "connect", apply_sqlite_pragmas)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._async_engine: AsyncEngine | None = None
        self._autocommit_engine: AsyncEngine | None = None
        if not self.is_sqlite:
            # A fixed set of connections that requests wait for: opening and closing overflow
            # connections under a burst costs more than the wait.
            self._async_engine = create_async_engine(
                sync_url(url), pool_size=10, max_overflow=0, pool_timeout=30, pool_pre_ping=False
            )
            self._async_sessions = async_sessionmaker(self._async_engine, expire_on_commit=False)
            self._autocommit_engine = self._async_engine.execution_options(
                isolation_level="AUTOCOMMIT"
            )

    async def run(self, query: Callable[[Session], T], *, write: bool = False) -> T:
        """Run ``query`` in a session (a transaction that commits when ``write``)."""
        if self._async_engine is None:
            return self._run(query, write)
        if write:
            return await self._run_async(query, write=True)
        return await self._retrying_read(lambda: self._run_async(query, write=False))

    @staticmethod
    async def _retrying_read(read: Callable[[], Awaitable[T]]) -> T:
        # Pooled connections are not pinged before use; after a database restart the first
        # query on a dead one fails, the pool is invalidated, and a read is simply retried.
        try:
            return await read()
        except sa.exc.DBAPIError as exc:
            if not exc.connection_invalidated:
                raise
            return await read()

    async def _run_async(self, query: Callable[[Session], T], write: bool) -> T:
        async with self._async_sessions() as session:
            if write:
                async with session.begin():
                    return await session.run_sync(query)
            return await session.run_sync(query)

    async def first(
        self, statement: sa.Executable, params: dict[str, Any]
    ) -> sa.Row[*tuple[Any, ...]] | None:
        """The first row of a read-only Core ``SELECT``, without a session (the hottest reads).

        On PostgreSQL it runs in autocommit: one round trip, no BEGIN and ROLLBACK around it.
        """
        if self._autocommit_engine is None:
            with self.engine.connect() as conn:
                return conn.execute(statement, params).first()
        engine = self._autocommit_engine

        async def select() -> sa.Row[*tuple[Any, ...]] | None:
            async with engine.connect() as conn:
                return (await conn.execute(statement, params)).first()

        return await self._retrying_read(select)

    def _run(self, query: Callable[[Session], T], write: bool) -> T:
        if write:
            with self.sessions.begin() as session:
                return query(session)
        with self.sessions() as session:
            return query(session)

    def migrate(self) -> None:
        """Bring the schema to the newest revision (Alembic ``upgrade head``); idempotent."""
        config = Config()
        config.set_main_option("script_location", str(_MIGRATIONS))
        config.set_main_option("sqlalchemy.url", sync_url(self.url).replace("%", "%%"))
        config.attributes["configure_logger"] = False
        command.upgrade(config, "head")

    async def ping(self) -> bool:
        """Whether the database answers a trivial query."""
        try:
            await self.run(lambda session: session.execute(sa.text("SELECT 1")))
        except (sa.exc.SQLAlchemyError, OSError):
            return False
        return True

    async def aclose(self) -> None:
        """Dispose of the pooled connections."""
        if self._async_engine is not None:
            await self._async_engine.dispose()
        self.engine.dispose()
