"""A live API per test module, on SQLite and (when configured) on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from spidernest.config import Settings
from tests.support.jobtypes import TEST_JOB_TYPES
from tests.support.servers import LiveApp, create_postgres_database, postgres_admin_url

BACKENDS = [
    "sqlite",
    pytest.param("postgres", marks=pytest.mark.postgres),
]


def backend_settings(backend: str, tmp: object, **overrides: object) -> Settings:
    database_url = None
    if backend == "postgres":
        if not postgres_admin_url():
            pytest.skip("SPIDERNEST_TEST_POSTGRES_URL is not set")
        database_url = create_postgres_database()
    values: dict[str, object] = {
        "data_dir": tmp,
        "database_url": database_url,
        "net": {"allow_private_networks": True},
        "api": {
            "rate_limit_per_minute": 100_000,
            "rate_limit_burst": 10_000,
            "auth_cache_seconds": 0,
        },
        "jobs": {"polling_interval": 0.05, "heartbeat_interval": 1.0},
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


@pytest.fixture(scope="module", params=BACKENDS)
def live(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveApp]:
    settings = backend_settings(request.param, tmp_path_factory.mktemp("data"))
    with LiveApp(settings, TEST_JOB_TYPES) as app:
        yield app
