"""Fixtures for the maps tests: the Google stand-in, settings pointing at it, a real Fetcher."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from spidernest.config import MapsSettings, Settings
from spidernest.net import Fetcher
from tests.services.maps.standin import StandIn, run_standin


@pytest.fixture
def standin() -> Iterator[StandIn]:
    with run_standin() as state:
        yield state


@pytest.fixture
def maps_settings(standin: StandIn) -> MapsSettings:
    """Every Google URL on the stand-in; no pacing delay and a tiny back-off so tests stay fast."""
    return MapsSettings(
        google_maps_url=standin.base_url,
        places_api_url=standin.base_url,
        provider="http",
        request_delay=0,
        retries=2,
        retry_backoff=0.01,
    )


@pytest.fixture
async def fetcher(settings: Settings) -> AsyncIterator[Fetcher]:
    async with Fetcher(settings.net) as shared:
        yield shared
