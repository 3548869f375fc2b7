"""The database layer on a real PostgreSQL: reads survive connections the server dropped."""

from __future__ import annotations

import asyncio

import pytest
import sqlalchemy as sa

from spidernest.store.database import Database
from tests.support.servers import create_postgres_database, postgres_admin_url

pytestmark = pytest.mark.postgres


@pytest.fixture
def postgres_url() -> str:
    if not postgres_admin_url():
        pytest.skip("SPIDERNEST_TEST_POSTGRES_URL is not set")
    return create_postgres_database()


def _terminate_other_sessions(database: Database) -> int:
    with database.engine.connect() as conn:
        killed = conn.execute(
            sa.text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).scalar_one()
    return int(killed)


def test_a_read_after_the_server_dropped_its_connections_still_answers(postgres_url: str) -> None:
    async def scenario() -> list[int]:
        database = Database(postgres_url)
        try:
            answers = []
            for _ in range(2):
                # Several pooled connections, all of them then killed by the server.
                rows = await asyncio.gather(
                    *(
                        database.run(lambda s: s.execute(sa.text("SELECT 1")).scalar_one())
                        for _ in range(4)
                    )
                )
                answers.extend(rows)
                assert await asyncio.to_thread(_terminate_other_sessions, database) >= 1
            answers.append(
                await database.run(lambda s: s.execute(sa.text("SELECT 2")).scalar_one())
            )
            return answers
        finally:
            await database.aclose()

    assert asyncio.run(scenario()) == [1] * 8 + [2]


def test_a_write_on_a_dropped_connection_fails_loudly_instead_of_being_replayed(
    postgres_url: str,
) -> None:
    async def scenario() -> None:
        database = Database(postgres_url)
        try:
            await database.run(lambda s: s.execute(sa.text("SELECT 1")))
            await asyncio.to_thread(_terminate_other_sessions, database)
            with pytest.raises(sa.exc.DBAPIError):
                await database.run(lambda s: s.execute(sa.text("SELECT 1")), write=True)
            # The pool was refreshed: the next write works.
            await database.run(lambda s: s.execute(sa.text("SELECT 1")), write=True)
        finally:
            await database.aclose()

    asyncio.run(scenario())
