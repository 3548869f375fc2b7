"""The browser provider in Chromium against the stand-in: consent page, feed scrolling, place
pages read from their embedded state."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from spidernest.config import MapsSettings, Settings
from spidernest.net import Fetcher
from spidernest.net.browser import BrowserPool
from spidernest.services.maps import MapsRequest, search_maps
from tests.services.maps.standin import StandIn

pytestmark = pytest.mark.browser


@pytest.fixture
async def pool(settings: Settings) -> AsyncIterator[BrowserPool]:
    browser = BrowserPool(settings.net)
    if not browser.available:
        pytest.skip("no Chromium")
    try:
        yield browser
    finally:
        await browser.aclose()


async def test_search_page_through_consent_and_feed(
    standin: StandIn, maps_settings: MapsSettings, fetcher: Fetcher, pool: BrowserPool
) -> None:
    standin.total_results = 8
    standin.consent_walls = 1
    settings = maps_settings.model_copy(update={"provider": "browser"})
    result = await search_maps(
        MapsRequest(query="coffee", max_results=8),
        settings=settings,
        fetcher=fetcher,
        browser=pool,
    )
    assert result.metadata.provider == "browser"
    paths = [r.path for r in standin.requests]
    assert paths[0].startswith("/maps/search/")
    assert "/consent" in paths
    assert "/consent/save" in paths
    # Five listings come with the page's state; the others are read from their place pages.
    assert result.results_count == 8
    names = [b.name for b in result.businesses]
    assert names[0] == "Dream Coffee"
    assert len(set(names)) == 8
    assert any(p.startswith("/maps/place/") for p in paths)


async def test_place_url(
    standin: StandIn, maps_settings: MapsSettings, fetcher: Fetcher, pool: BrowserPool
) -> None:
    settings = maps_settings.model_copy(update={"provider": "auto"})
    url = (
        f"{standin.base_url}/maps/place/Kipriakon/data=!4m2!3m1"
        "!1s0x14e732fd76f0d90d:0xe5415928d6702b47"
    )
    result = await search_maps(
        MapsRequest(url=url, extract_reviews=True), settings=settings, fetcher=fetcher, browser=pool
    )
    assert result.metadata.provider == "browser"
    (business,) = result.businesses
    assert business.name == "Kipriakon"
    assert business.phone_e164 == "+35725101555"
    assert business.reviews is not None
    assert len(business.reviews) == 8
    assert not standin.searches()


async def test_fast_path_refused_falls_back_to_the_browser(
    standin: StandIn, maps_settings: MapsSettings, fetcher: Fetcher, pool: BrowserPool
) -> None:
    standin.refuse = 100
    standin.total_results = 5
    settings = maps_settings.model_copy(update={"provider": "auto", "retries": 0})
    result = await search_maps(
        MapsRequest(query="coffee", max_results=5), settings=settings, fetcher=fetcher, browser=pool
    )
    assert result.metadata.provider == "browser"
    assert result.results_count == 5
    assert len(standin.searches()) == 1
