"""The spiderMaps payload: exactly one input, the ``query`` alias, bounds and defaults."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from spidernest.services.maps import MapsRequest


def test_defaults() -> None:
    request = MapsRequest(search_query="plumbers in Berlin")
    assert request.max_results == 20
    assert request.lang == "en"
    assert request.validate_phones is True
    assert (request.extract_reviews, request.extract_photos, request.test) == (False, False, False)
    assert request.url is None


def test_query_alias_and_search_query_wins() -> None:
    assert MapsRequest.model_validate({"query": "a"}).search_query == "a"
    assert MapsRequest.model_validate({"query": "a", "search_query": "b"}).search_query == "b"
    assert MapsRequest.model_validate({"query": "a", "search_query": " "}).search_query == "a"


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"search_query": "   "},
        {"search_query": "dentists in Lyon", "url": "https://www.google.com/maps/search/x"},
        {"query": "dentists", "url": "https://www.google.com/maps/search/x"},
    ],
)
def test_exactly_one_input(payload: dict[str, object]) -> None:
    with pytest.raises(ValidationError) as caught:
        MapsRequest.model_validate(payload)
    message = str(caught.value)
    assert "search_query" in message
    assert "url" in message


@pytest.mark.parametrize("max_results", [0, 101, -1])
def test_max_results_bounds(max_results: int) -> None:
    with pytest.raises(ValidationError, match="max_results"):
        MapsRequest(search_query="x", max_results=max_results)


def test_url_must_be_http() -> None:
    with pytest.raises(ValidationError, match="url"):
        MapsRequest(url="javascript:alert(1)")


def test_compat_fields_accepted_and_unknown_dropped() -> None:
    request = MapsRequest.model_validate(
        {
            "search_query": "x",
            "store_images": False,
            "skip_proxy": True,
            "fuzziq_enabled": True,
            "fuzziq_unique_only": False,
            "location": "Berlin",
            "country_code": "DE",
            "headless": False,
        }
    )
    dumped = request.model_dump()
    assert "location" not in dumped
    assert "country_code" not in dumped
    assert request.skip_proxy is True
