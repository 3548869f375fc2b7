"""search_maps end to end against the local Google stand-in: paging, empty results, consent,
refusals with back-off, the Places API, URL inputs and phone validation."""

from __future__ import annotations

import re
import time

import pytest
from pydantic import SecretStr

from spidernest.config import MapsSettings
from spidernest.errors import FetchError, InvalidInput
from spidernest.net import Fetcher
from spidernest.services.maps import MapsRequest, search_maps
from tests.services.maps.standin import EMPTY_QUERY, StandIn


async def test_pages_until_max_results(
    standin: StandIn, maps_settings: MapsSettings, fetcher: Fetcher
) -> None:
    standin.total_results = 100
    progress: list[float] = []

    async def report(fraction: float, message: str) -> None:
        progress.append(fraction)

    result = await search_maps(
        MapsRequest(query="coffee", max_results=45),
        settings=maps_settings,
        fetcher=fetcher,
        progress=report,
    )
    assert result.results_count == 45
    assert len(result.businesses) == 45
    assert len({b.place_id for b in result.businesses}) == 45
    assert result.query == "coffee"
    assert result.metadata.model_dump() == {
        "max_results": 45,
        "extract_reviews": False,
        "extract_photos": False,
        "language": "en",
        "provider": "http",
    }
    searches = standin.searches()
    offsets = [re.search(r"!8i(\d+)", r.query["pb"][0]).group(1) for r in searches]  # type: ignore[union-attr]
    assert offsets == ["0", "20", "40"]
    # Pages after the first reuse the viewport Google returned with the first page.
    assert "!2d23.7!3d38.0289" in searches[1].query["pb"][0]
    assert all(r.query["hl"] == ["en"] and r.query["tbm"] == ["map"] for r in searches)
    # A browser identity on every request, and the consent cookie that skips the EU wall.
    for request in searches:
        assert request.headers["user-agent"].startswith("Mozilla/5.0")
        assert "Chrome/" in request.headers["user-agent"]
        assert request.headers["accept-language"].startswith("en")
        assert "SOCS=" in request.headers["cookie"]
    assert progress[-1] == 1.0
    assert progress == sorted(progress)


async def test_stops_at_the_end_of_the_list(
    standin: StandIn, maps_settings: MapsSettings, fetcher: Fetcher
) -> None:
    standin.total_results = 27
    result = await search_maps(
        MapsRequest(query="coffee", max_results=100), settings=maps_settings, fetcher=fetcher
    )
    assert result.results_count == 27
    assert len(standin.searches()) == 2


async def test_empty_result(
    standin: StandIn, maps_settings: MapsSettings, fetcher: Fetcher
) -> None:
    result = await search_maps(
        MapsRequest(search_query=EMPTY_QUERY), settings=maps_settings, fetcher=fetcher
    )
    assert result.results_count == 0
    assert result.businesses == []
    assert len(standin.searches()) == 1


async def test_fields_and_phone_validation(
    standin: StandIn, maps_settings: MapsSettings, fetcher: Fetcher
) -> None:
    result = await search_maps(
        MapsRequest(query="coffee", max_results=20), settings=maps_settings, fetcher=fetcher
    )
    first = result.businesses[0]
    assert first.name == "Dream Coffee"
    assert first.place_id == "0x14a1a32f316b15a1:0x169c54b46dcc3a93"
    assert first.google_place_id == "ChIJoRVrMS-joRQRkzrMbbRUnBY"
    assert first.cid == "1629270299114224275"
    assert (first.rating, first.reviews_count) == (4.8, 48)
    assert first.address == "Eakou 74, Ilion 131 22, Greece"
    assert (first.street, first.city, first.postal_code, first.country) == (
        "Eakou 74",
        "Ilion",
        "131 22",
        "GR",
    )
    assert first.phone == "+30 21 0261 6578"
    assert first.phone_e164 == "+302102616578"
    assert first.phone_national == "21 0261 6578"
    assert first.phone_type == "fixed_line"
    assert first.phone_valid is True
    assert first.working_hours is not None
    assert first.working_hours["Sunday"] == "Closed"
    assert first.working_hours["Monday"] == "7 AM–8:30 PM"
    assert first.reviews is None
    mobile = next(b for b in result.businesses if b.name == "aiglis 58 coffee")
    assert mobile.phone_type == "mobile"
    nook = next(b for b in result.businesses if b.name == "NooK")
    assert (nook.price_range, nook.website, nook.reviews_count) == (
        "$$",
        "https://nookofficial.gr/",
        1670,
    )
    # Every documented field is present in the JSON, null when not known.
    dumped = result.model_dump(mode="json")["businesses"][0]
    for name in ("owner", "image_url", "plus_code", "state", "reviews", "business_status"):
        assert name in dumped


async def test_no_phone_checks_when_disabled(
    standin: StandIn, maps_settings: MapsSettings, fetcher: Fetcher
) -> None:
    result = await search_maps(
        MapsRequest(query="coffee", max_results=3, validate_phones=False, extract_reviews=True),
        settings=maps_settings,
        fetcher=fetcher,
    )
    for business in result.businesses:
        assert business.phone is not None
        assert business.phone_e164 is None
        assert business.phone_valid is None
        assert business.reviews == []


async def test_consent_redirect_is_passed(
    standin: StandIn, maps_settings: MapsSettings, fetcher: Fetcher
) -> None:
    standin.consent_walls = 1
    result = await search_maps(
        MapsRequest(query="coffee", max_results=5), settings=maps_settings, fetcher=fetcher
    )
    assert result.results_count == 5
    assert [r.path for r in standin.requests][:3] == ["/search", "/consent", "/search"]


async def test_refusals_back_off_then_succeed(
    standin: StandIn, maps_settings: MapsSettings, fetcher: Fetcher
) -> None:
    standin.refuse = 2
    settings = maps_settings.model_copy(update={"retry_backoff": 0.05})
    started = time.monotonic()
    result = await search_maps(
        MapsRequest(query="coffee", max_results=5), settings=settings, fetcher=fetcher
    )
    assert result.results_count == 5
    assert len(standin.searches()) == 3
    # Back-off 0.05 s then 0.1 s (doubling) before the third attempt.
    assert time.monotonic() - started >= 0.15


@pytest.mark.parametrize("refusal", ["429", "sorry"])
async def test_clear_failure_after_retries(
    standin: StandIn, maps_settings: MapsSettings, fetcher: Fetcher, refusal: str
) -> None:
    standin.refuse = 100
    standin.refusal = refusal
    with pytest.raises(FetchError) as caught:
        await search_maps(
            MapsRequest(query="coffee", max_results=5), settings=maps_settings, fetcher=fetcher
        )
    assert len(standin.searches()) == maps_settings.retries + 1
    message = str(caught.value)
    assert "after 3 attempt(s)" in message
    assert ("HTTP 429" in message) if refusal == "429" else ("unusual traffic" in message)
    assert caught.value.retryable


async def test_places_api(standin: StandIn, maps_settings: MapsSettings, fetcher: Fetcher) -> None:
    standin.total_results = 25
    settings = maps_settings.model_copy(
        update={"provider": "auto", "places_api_key": SecretStr("test-key")}
    )
    result = await search_maps(
        MapsRequest(query="restaurants in Limassol", max_results=25, extract_photos=True),
        settings=settings,
        fetcher=fetcher,
    )
    assert result.metadata.provider == "places"
    assert result.results_count == 25
    calls = [r for r in standin.requests if r.path == "/v1/places:searchText"]
    assert len(calls) == 2
    assert calls[0].headers["x-goog-api-key"] == "test-key"
    assert "places.displayName" in calls[0].headers["x-goog-fieldmask"]
    assert b'"textQuery": "restaurants in Limassol"' in calls[0].body
    assert b'"pageToken": "page-20"' in calls[1].body
    first = result.businesses[0]
    assert first.name == "Kipriakon"
    assert first.place_id is None
    assert first.google_place_id == "ChIJDdnwdv0y5xQRRytw1ihZQeU0"
    assert first.cid == "16519582940102929223"
    assert (first.rating, first.reviews_count, first.price_range) == (4.2, 396, "$$")
    assert (first.street, first.city, first.postal_code, first.country) == (
        "Old port",
        "Limassol",
        "3042",
        "CY",
    )
    assert first.phone_e164 == "+35725101555"
    assert first.working_hours is not None
    assert first.working_hours["Monday"] == "12:30 – 10:00 PM"
    assert first.working_hours["Sunday"] == "Closed"
    assert first.categories[0] == "Restaurant"
    assert first.image_url == "https://lh3.googleusercontent.com/places/photo1"
    assert "test-key" not in result.model_dump_json()
    second = result.businesses[1]
    assert second.business_status == "CLOSED_TEMPORARILY"
    assert second.street == "65 Poseidonos Avenue"


async def test_places_api_bad_key(
    standin: StandIn, maps_settings: MapsSettings, fetcher: Fetcher
) -> None:
    settings = maps_settings.model_copy(
        update={"provider": "places", "places_api_key": SecretStr("wrong")}
    )
    with pytest.raises(FetchError, match="API key not valid"):
        await search_maps(MapsRequest(query="x"), settings=settings, fetcher=fetcher)
    assert len([r for r in standin.requests if r.path.startswith("/v1/")]) == 1


async def test_places_provider_needs_a_key(maps_settings: MapsSettings, fetcher: Fetcher) -> None:
    settings = maps_settings.model_copy(update={"provider": "places"})
    with pytest.raises(InvalidInput):
        await search_maps(MapsRequest(query="x"), settings=settings, fetcher=fetcher)


async def test_place_url_without_browser_uses_the_fast_path(
    standin: StandIn, maps_settings: MapsSettings, fetcher: Fetcher
) -> None:
    url = (
        "https://www.google.com/maps/place/NooK/@38.0299068,23.7084667,17z/data=!4m6!3m5"
        "!1s0x14a1a3043b364563:0x2d76078399c06d5a!8m2!3d38.0299068!4d23.7084667"
    )
    settings = maps_settings.model_copy(update={"provider": "auto"})
    result = await search_maps(MapsRequest(url=url), settings=settings, fetcher=fetcher)
    assert [b.name for b in result.businesses] == ["NooK"]
    assert result.query == url
    search = standin.searches()[0]
    assert search.query["q"] == ["NooK"]
    assert "!2d23.7084667!3d38.0299068" in search.query["pb"][0]
