"""The local fixture web, served once per test session, and a fetcher that may reach it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from spidernest.config import Settings
from spidernest.net import Fetcher
from tests.services.site.fixture_web import FixtureWeb


@pytest.fixture(scope="session")
def fixture_web_session() -> Iterator[FixtureWeb]:
    web = FixtureWeb()
    web.start()
    yield web
    web.stop()


@pytest.fixture
def web(fixture_web_session: FixtureWeb) -> FixtureWeb:
    """The fixture web with empty request logs (and 429/503 routes armed again)."""
    fixture_web_session.reset_logs()
    return fixture_web_session


@pytest.fixture
async def fetcher(settings: Settings) -> AsyncIterator[Fetcher]:
    async with Fetcher(settings.net) as client:
        yield client
