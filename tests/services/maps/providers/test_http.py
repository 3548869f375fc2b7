"""The fast path called directly: the viewport it sends and its failure on a non-JSON answer."""

from __future__ import annotations

import pytest

from spidernest.config import MapsSettings
from spidernest.errors import FetchError
from spidernest.net import Fetcher
from spidernest.services.maps.pacing import GoogleSession
from spidernest.services.maps.parse_search import Viewport
from spidernest.services.maps.providers.http import search_http
from tests.services.maps.standin import FIXTURES, StandIn


async def test_given_viewport_is_kept_on_every_page(
    standin: StandIn, maps_settings: MapsSettings, fetcher: Fetcher
) -> None:
    standin.total_results = 30
    session = GoogleSession(maps_settings, fetcher, lang="fr")
    found = await search_http(
        "dentistes",
        session=session,
        base_url=standin.base_url,
        lang="fr",
        max_results=30,
        viewport=Viewport(latitude=45.75, longitude=4.85, distance=5000),
    )
    assert len(found) == 30
    for request in standin.searches():
        assert "!1d5000!2d4.85!3d45.75!" in request.query["pb"][0]
        assert request.query["hl"] == ["fr"]
        assert request.headers["accept-language"] == "fr,en;q=0.8"


async def test_non_json_answer_fails(
    maps_settings: MapsSettings, fetcher: Fetcher, standin: StandIn
) -> None:
    session = GoogleSession(maps_settings, fetcher, lang="en")
    with pytest.raises(FetchError, match="not JSON"):
        await search_http(
            "x", session=session, base_url=f"{standin.base_url}/nowhere", lang="en", max_results=5
        )


async def test_a_single_place_answer_is_kept(
    standin: StandIn, maps_settings: MapsSettings, fetcher: Fetcher
) -> None:
    """Google may answer a precise query with the place payload itself instead of a list."""
    standin.search_override = ")]}'\n" + (FIXTURES / "raw.json").read_text(encoding="utf-8")
    session = GoogleSession(maps_settings, fetcher, lang="en")
    found = await search_http(
        "Kipriakon Limassol", session=session, base_url=standin.base_url, lang="en", max_results=5
    )
    assert [b.name for b in found] == ["Kipriakon"]
    assert len(standin.searches()) == 1
