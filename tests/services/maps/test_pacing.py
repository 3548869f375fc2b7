"""The Google session: answer classification, headers, pacing, back-off and proxy rotation."""

from __future__ import annotations

import time

import pytest

from spidernest.config import MapsSettings, Settings
from spidernest.errors import FetchError
from spidernest.net import Fetcher
from spidernest.services.maps.pacing import GoogleSession, accept_language
from tests.services.maps.standin import run_standin


def test_accept_language() -> None:
    assert accept_language("en") == "en"
    assert accept_language("fr") == "fr,en;q=0.8"
    assert accept_language("de-AT") == "de-AT,de;q=0.9,en;q=0.8"


async def test_request_delay_spaces_requests(settings: Settings) -> None:
    with run_standin() as standin:
        maps = MapsSettings(google_maps_url=standin.base_url, request_delay=0.2, retries=0)
        async with Fetcher(settings.net) as fetcher:
            session = GoogleSession(maps, fetcher, lang="en")
            started = time.monotonic()
            for _ in range(3):
                await session.request(f"{standin.base_url}/search?tbm=map&q=coffee")
            elapsed = time.monotonic() - started
    # Three request starts, each at least 0.75 x request_delay after the previous one.
    assert elapsed >= 2 * 0.75 * 0.2


async def test_backoff_doubles_and_honours_retry_after(settings: Settings) -> None:
    with run_standin() as standin:
        standin.refuse = 10
        maps = MapsSettings(
            google_maps_url=standin.base_url, request_delay=0, retries=3, retry_backoff=2.0
        )
        waits: list[float] = []

        async def record(seconds: float) -> None:
            waits.append(seconds)

        async with Fetcher(settings.net) as fetcher:
            session = GoogleSession(maps, fetcher, lang="en", sleep=record)
            started = time.monotonic()
            with pytest.raises(FetchError) as caught:
                await session.request(f"{standin.base_url}/search?tbm=map&q=coffee")
            assert time.monotonic() - started < 2  # the recorder did not really sleep
    assert waits == [2.0, 4.0, 8.0]
    assert caught.value.status == 429
    assert session.refusals == 4


async def test_proxies_rotate_after_a_refusal(settings: Settings) -> None:
    """Each proxy gets its own Fetcher; a refused request moves on to the next proxy."""
    with run_standin() as first, run_standin() as second:
        first.refuse = 1
        maps = MapsSettings(
            google_maps_url="http://maps.google.test",
            request_delay=0,
            retries=2,
            retry_backoff=0.0,
            proxies=(first.base_url, second.base_url),
        )
        async with Fetcher(settings.net) as fetcher:
            session = GoogleSession(maps, fetcher, lang="en")
            try:
                response = await session.request("http://maps.google.test/search?tbm=map&q=coffee")
            finally:
                await session.aclose()
        assert response.status == 200
        assert [r.path for r in first.requests] == ["/search"]
        assert [r.path for r in second.requests] == ["/search"]


async def test_skip_proxy_uses_the_shared_fetcher(settings: Settings) -> None:
    with run_standin() as target:
        maps = MapsSettings(
            google_maps_url=target.base_url, request_delay=0, proxies=("http://127.0.0.1:9",)
        )
        async with Fetcher(settings.net) as fetcher:
            session = GoogleSession(maps, fetcher, lang="en", use_proxies=False)
            response = await session.request(f"{target.base_url}/search?tbm=map&q=coffee")
        assert response.status == 200
